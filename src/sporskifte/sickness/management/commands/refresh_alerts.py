"""`manage.py refresh_alerts`: the daily check of the sickness-benefit alerts (run from cron).

Time alone makes some alerts true (a legal deadline passes, the 22-week limit comes near, an
exempt person is not back); this opens them, and clears those no longer true.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand

from sporskifte.audit.actions import system
from sporskifte.sickness.batch import refresh_alerts


class Command(BaseCommand):
    help = "Open and clear the sickness-benefit alerts as of today (or --on YYYY-MM-DD)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--on", type=date.fromisoformat, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        raised, cleared = refresh_alerts(system("daglig kørsel"), options["on"])
        self.stdout.write(f"Alerts: {raised} raised, {cleared} cleared.")
