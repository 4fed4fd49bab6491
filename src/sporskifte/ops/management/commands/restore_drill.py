"""`manage.py restore_drill FILE`: restore a backup into a scratch database and prove it holds
every row of the manifest and an audit log that still refuses changes. Exit 1 if not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sporskifte.ops.backup import BackupError, drill


class Command(BaseCommand):
    help = "Restore a backup into a scratch database and compare it with its manifest."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = drill(options["file"])
        except (BackupError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(count for count, _ in report.restored.values())
        self.stdout.write(f"Restored {len(report.restored)} tables, {rows} rows.")
        self.stdout.write(
            "Audit log append-only in the copy: " + ("yes" if report.audit_append_only else "NO")
        )
        if not report.ok:
            raise CommandError(
                "Restore drill FAILED; differing tables: " + ", ".join(report.mismatches)
            )
        self.stdout.write("Restore drill passed: every table and row as in the manifest.")
