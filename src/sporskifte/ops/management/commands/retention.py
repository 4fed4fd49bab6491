"""`manage.py retention`: what is past its retention period (a dry-run report), and with
`--apply` delete it, each deletion in the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sporskifte.audit.context import request_context
from sporskifte.ops.retention import apply_retention


class Command(BaseCommand):
    help = "Report (default) or delete (--apply) what is past its retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--apply", action="store_true", help="delete; without it, report")
        parser.add_argument("--on", type=date.fromisoformat, default=None, help="YYYY-MM-DD")
        parser.add_argument("--ids", action="store_true", help="list the ids found")

    def handle(self, *args: Any, **options: Any) -> None:
        with request_context():
            report = apply_retention(dry_run=not options["apply"], today=options["on"])
        mode = "DELETED" if options["apply"] else "DRY RUN (nothing deleted)"
        archived = report.archived_through or "nothing archived yet"
        self.stdout.write(f"Retention as of {report.today}: {mode}; archived through {archived}")
        for found in report.found:
            rule = found.period
            self.stdout.write(
                f"  {found.category:<10} {len(found.ids):>7} past {rule.years} years "
                f"(before {found.cutoff}; rule from {rule.valid_from}, {rule.status})"
                + (
                    f"; {found.held_for_archive} held until archived"
                    if found.held_for_archive
                    else ""
                )
            )
            if options["ids"] and found.ids:
                self.stdout.write("    ids: " + ", ".join(found.ids))
