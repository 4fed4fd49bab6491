"""Recompute the follow-up's aggregates after every register import of spells.

The import action sends `citizens.signals.data_imported` once its transaction has committed.
"""

from __future__ import annotations

from typing import Any

from sporskifte.audit.actions import system
from sporskifte.citizens.signals import data_imported
from sporskifte.followup.actions import refresh_aggregates

TABLES = ("sickness_spells", "courses")


def _after_import(sender: Any, tables: tuple[str, ...], **kwargs: Any) -> None:
    if set(tables) & set(TABLES):
        refresh_aggregates(system("registerindlæsning"))


def connect() -> None:
    data_imported.connect(_after_import, dispatch_uid="followup.refresh_after_import")
