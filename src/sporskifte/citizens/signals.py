"""Signals the citizen's file sends, for the workflow rooms to act on.

`data_imported` is sent by the import action (`citizens.imports.import_files`) once the
import's transaction has committed, with `tables`: the register tables it wrote. Rooms connect
to it in their `AppConfig.ready`; the audit log is a record, never an event bus.
"""

from __future__ import annotations

from django.dispatch import Signal

data_imported = Signal()
"""Sent with `sender=None`, `tables` (tuple of table names) and `actor`."""
