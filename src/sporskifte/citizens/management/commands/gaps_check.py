"""`manage.py gaps_check`: find the gaps between schemes in every person's whole history and
keep them as alerts (run nightly: the limit, course ends and contact gaps move with the
calendar)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sporskifte.audit.actions import system
from sporskifte.audit.context import request_context
from sporskifte.citizens.actions import check_gaps


class Command(BaseCommand):
    help = "Find gaps between schemes for every person with records and raise or clear alerts."

    def handle(self, *args: Any, **options: Any) -> None:
        with request_context():
            raised, cleared = check_gaps(system("hultjek"))
        self.stdout.write(f"Alerts raised: {raised}, cleared: {cleared}.")
