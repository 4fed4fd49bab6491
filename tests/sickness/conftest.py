"""Helpers for the screening-workflow tests: intake routes and an application in one call."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from sporskifte.citizens.models import TeamDistrict
from sporskifte.sickness import actions
from sporskifte.sickness.models import SpellCase
from tests.conftest import World

ON = date(2026, 11, 23)
"""The reform's 26-week rule is in force (rules parameters)."""

APPLICATION = actions.Application(
    cpr="0101901234",
    name="Mette Jensen",
    district="Nørrebro",
    onset_date=date(2026, 11, 9),
    employment_status="employed",
    employer_name="Bageriet ApS",
    employer_size="10-49",
    partial_sick_leave=False,
    expected_return_weeks=30,
    self_rated_health=2,
    work_related=False,
    wants_return_plan=True,
)


@pytest.fixture
def routes(world: World) -> World:
    """Nørrebro goes to Team Nord, Amager Vest to Team Syd."""
    TeamDistrict.objects.create(district="Nørrebro", team=world.nord)
    TeamDistrict.objects.create(district="Amager Vest", team=world.syd)
    return world


def submit(actor: Any = None, on: date = ON, **changes: Any) -> SpellCase:
    """A citizen (or `actor`) hands in `APPLICATION` with `changes`."""
    return actions.open_spell(actor, replace(APPLICATION, **changes), on=on)


def case_of(world: World, team: str = "nord") -> SpellCase:
    """An open case for the team's person (made on first use): for the access matrix."""
    person = world.person_nord if team == "nord" else world.person_syd
    found = SpellCase.objects.filter(person=person).first()
    if found is not None:
        return found
    for district, owner in (("Nørrebro", world.nord), ("Amager Vest", world.syd)):
        TeamDistrict.objects.get_or_create(district=district, defaults={"team": owner})
    return actions.open_spell(
        None,
        replace(APPLICATION, cpr=person.cpr, name=person.name, district=person.district),
        on=ON,
    )


def planned_due(world: World) -> tuple[int, int]:
    """(case id, a planned contact's id) on Team Nord's case."""
    case = case_of(world)
    due = case.contact_plan.filter(status="planned").first()
    assert due is not None
    return case.pk, due.pk


# A citizen's application as the public form posts it (Mette Jensen, registered in Team Nord).
CITIZEN_FORM = {
    "cpr": "010190-1234",
    "name": "Mette Jensen",
    "district": "Nørrebro",
    "onset_date": (timezone.localdate() - timedelta(days=10)).isoformat(),
    "employment_status": "employed",
    "employer_name": "Bageriet ApS",
    "employer_size": "10-49",
    "partial_sick_leave": "nej",
    "expected_return_weeks": "30",
    "self_rated_health": "2",
    "work_related": "nej",
    "wants_return_plan": "ja",
    "fast_track": "nej",
}
