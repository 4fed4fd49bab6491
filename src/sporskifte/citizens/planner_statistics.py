"""The database's query-planner statistics, refreshed after a bulk load.

Both engines plan a query from table statistics. After a bulk load (the demo, a register
import) they are empty or stale, and a plan made from them can be many times slower: on
PostgreSQL, with autovacuum off, the worklist's alert count took a nested loop of two seconds
instead of milliseconds; on SQLite, which never analyses by itself, the worklist's counts ran
at half speed on the demo's data. `ANALYZE` takes well under a second on either (0.08 s on
the demo's 200 MB SQLite file).
"""

from __future__ import annotations

from typing import Any

from django.db import connection

from sporskifte.citizens.signals import data_imported


def refresh() -> None:
    """Analyse every table of the default database, now."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _after_import(sender: Any, **kwargs: Any) -> None:
    refresh()


def connect() -> None:
    """Refresh after every register import (first of the import's receivers: the citizens
    app is installed before the workflows that re-check their flags and figures)."""
    data_imported.connect(_after_import, dispatch_uid="citizens.analyse_after_import")
