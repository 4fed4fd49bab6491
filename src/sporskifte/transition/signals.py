"""Re-check the flags after every import of courses or households.

The import (`casework.imports.import_files`, from the CLI or the upload page) writes one audit
entry per table inside its transaction; once that transaction commits, the flags of every
course are re-checked. Listening to the audit entry keeps the import free of any knowledge
of this module.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save

from sporskifte.audit.models import LogEntry

TABLES = ("courses", "households")


def _after_import(sender: type[LogEntry], instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created or instance.action != "data.import":
        return
    if instance.detail.get("table") not in TABLES:
        return
    pending = getattr(transaction.get_connection(), "run_on_commit", [])
    if not any(entry[1] is _recheck for entry in pending):  # once per import (two tables)
        transaction.on_commit(_recheck, robust=True)


def _recheck() -> None:
    from sporskifte.transition.actions import recheck_flags

    recheck_flags("system:import")


def connect() -> None:
    post_save.connect(_after_import, sender=LogEntry, dispatch_uid="transition-after-import")
