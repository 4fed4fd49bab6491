"""Re-check the phase-out flags after every import of courses or households.

The import action sends `citizens.signals.data_imported` once its transaction has committed;
the flags of every course are then re-checked by the system.
"""

from __future__ import annotations

from typing import Any

from sporskifte.audit.actions import system
from sporskifte.citizens.signals import data_imported
from sporskifte.transition.actions import recheck_flags

TABLES = ("courses", "households")


def _after_import(sender: Any, tables: tuple[str, ...], **kwargs: Any) -> None:
    if set(tables) & set(TABLES):
        recheck_flags(system("registerindlæsning"))


def connect() -> None:
    data_imported.connect(_after_import, dispatch_uid="transition.recheck_after_import")
