"""`manage.py refresh_aggregates`: recompute the follow-up's stored figures (run nightly, and
after imports that bypass the import action)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sporskifte.audit.actions import system
from sporskifte.audit.context import request_context
from sporskifte.followup.actions import refresh_aggregates


class Command(BaseCommand):
    help = "Recompute and store the follow-up's aggregates (outcomes, monitoring)."

    def handle(self, *args: Any, **options: Any) -> None:
        with request_context():
            names = refresh_aggregates(system("natlig opgørelse"))
        self.stdout.write(f"Stored: {', '.join(names)}.")
