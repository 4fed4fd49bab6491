"""A small phase-out on a fixed date: courses for the personas' persons in two teams.

Today is 23 November 2026 (frozen, ticking): the ban on new ressourceforløb and revalidering
is in force, jobafklaringsforløb still runs (abolished from 1 January 2027, provisional).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
import time_machine

from sporskifte.citizens.models import Course, Household, Person
from tests.conftest import World, make_person

TODAY = date(2026, 11, 23)


def frozen_today() -> time_machine.travel:
    """Travel to 23 November 2026, 10:00 UTC (the clock keeps ticking)."""
    return time_machine.travel(datetime(2026, 11, 23, 10, 0, tzinfo=UTC), tick=True)


@pytest.fixture
def today() -> Iterator[date]:
    with frozen_today():
        yield TODAY


@dataclass
class Phaseout:
    world: World
    soon: Course  # Nord, ressourceforløb ending in 4 months, no next step, married well-off
    planned: Course  # Nord, revalidering in 2028, fleksjob decided, no talk for over a year
    syd: Course  # Syd, jobafklaringsforløb cut short by the 2027 law
    unknown: Course  # a register row whose person is not in the person register
    jonas: Person


def make_course(course_id: str, person: Person | None, **fields: object) -> Course:
    values: dict[str, object] = {
        "course_id": course_id,
        "person_key": person.pseudonym if person else f"X{course_id}",
        "person": person,
        "scheme": "ressourceforloeb",
        "referral_date": date(2024, 3, 1),
        "start_date": date(2024, 4, 1),
        "planned_end_date": date(2027, 3, 31),
        "previous_benefit": "kontanthjaelp",
        "birth_year": 1975,
        "district": "Nørrebro",
        "team_name": person.team.name if person else "",
        "last_contact_date": date(2026, 10, 1),
    }
    values.update(fields)
    return Course.objects.create(**values)


def make_household(person: Person, **fields: object) -> Household:
    values: dict[str, object] = {
        "person_key": person.pseudonym, "person": person, "as_of_date": date(2026, 10, 1),
        "civil_status": "single", "own_assets_dkk": 2000, "own_monthly_income_dkk": 0,
        "children_under_18": 0,
    }  # fmt: skip
    values.update(fields)
    return Household.objects.create(**values)


@pytest.fixture
def phaseout(world: World, today: date) -> Phaseout:
    return build_phaseout(world)


def build_phaseout(world: World) -> Phaseout:
    """Two teams' courses (and one unknown person's) as of `TODAY`."""
    jonas = make_person("0202851237", "Jonas Holm", "Valby", world.nord)
    soon = make_course("C-SOON", world.person_nord)
    # A couple over the asset limit: likely no kontanthjælp (the income test cannot decide
    # after 1 Jul 2025, whose rates are not known).
    make_household(world.person_nord, civil_status="married", own_assets_dkk=5000,
                   spouse_assets_dkk=200000, spouse_monthly_income_dkk=38000,
                   children_under_18=1)  # fmt: skip
    planned = make_course(
        "C-PLANNED", jonas, scheme="revalidering", referral_date=date(2025, 5, 1),
        start_date=date(2025, 6, 1), planned_end_date=date(2028, 6, 30),
        last_contact_date=date(2025, 9, 1), next_step="fleksjob",
        next_step_decided_date=date(2026, 9, 1),
    )  # fmt: skip
    make_household(jonas)
    syd = make_course(
        "C-SYD", world.person_syd, scheme="jobafklaringsforloeb", referral_date=date(2026, 3, 1),
        start_date=date(2026, 3, 15), planned_end_date=date(2027, 9, 14),
    )  # fmt: skip
    unknown = make_course("C-UNKNOWN", None, planned_end_date=date(2027, 8, 31))
    return Phaseout(world, soon, planned, syd, unknown, jonas)
