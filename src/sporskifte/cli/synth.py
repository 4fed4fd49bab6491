"""CLI command `sporskifte synth`."""

from __future__ import annotations

import typer


def synth() -> None:
    """Write a synthetic Copenhagen (filled in by the data issue)."""
    raise typer.Exit(code=2)
