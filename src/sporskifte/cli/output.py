"""The terminal every command writes to."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


def make_console() -> Console:
    """rich's console with soft wrapping: a message and the file paths in it stay on one line
    (the terminal folds it), so a path can be copied and a log line grepped; tables still fit
    the terminal's width."""
    from rich.console import Console

    return Console(soft_wrap=True)
