"""`manage.py backup FILE`: a consistent copy of the database with its manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sporskifte.ops.backup import BackupError, backup, manifest_path


class Command(BaseCommand):
    help = "Back up the database (SQLite: online backup API; PostgreSQL: pg_dump)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="where to write the backup")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            made = backup(options["file"])
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up {made.vendor}: {len(made.tables)} tables, {made.rows} rows → {made.path}"
            f"\nManifest: {manifest_path(made.path)}"
        )
