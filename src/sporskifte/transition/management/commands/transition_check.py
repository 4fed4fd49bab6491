"""`manage.py transition_check`: re-check every course's risk flags (run nightly: "ends
within N months" moves with the calendar)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sporskifte.audit.actions import system
from sporskifte.audit.context import request_context
from sporskifte.transition.actions import recheck_flags


class Command(BaseCommand):
    help = "Re-check the phase-out risk flags of every course and raise or clear their alerts."

    def handle(self, *args: Any, **options: Any) -> None:
        with request_context():
            result = recheck_flags(system("overgangstjek"))
        self.stdout.write(f"Alerts raised: {result.raised}, cleared: {result.cleared}.")
