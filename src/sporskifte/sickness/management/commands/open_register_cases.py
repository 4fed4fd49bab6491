"""`manage.py open_register_cases`: open, screen and plan a case for every open sickness spell
from the registers that has a person and no case yet (after an import, and in the demo)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sporskifte.audit.actions import system
from sporskifte.citizens.models import SicknessSpell
from sporskifte.sickness.batch import open_cases_from_register


class Command(BaseCommand):
    help = "Open and screen a case for every open, imported sickness spell without one."

    def handle(self, *args: Any, **options: Any) -> None:
        spells = SicknessSpell.objects.all()
        opened = open_cases_from_register(system("registerindlæsning"), spells)
        self.stdout.write(f"Opened and screened {opened} cases.")
