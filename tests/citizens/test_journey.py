"""The person's timeline and gaps from the database: the page, the API and the alerts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from sporskifte.accounts.tokens import create_token
from sporskifte.audit.actions import system
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.actions import check_gaps
from sporskifte.citizens.models import Alert, Course, Person, SicknessSpell
from sporskifte.transition.actions import decide_next_step
from tests.conftest import World

TODAY = date(2027, 1, 4)


@pytest.fixture
def today() -> Iterator[date]:
    with time_machine.travel(datetime(2027, 1, 4, 10, 0, tzinfo=UTC), tick=True):
        yield TODAY


def make_spell(person: Person, spell_id: str, onset: date, **fields: object) -> SicknessSpell:
    values: dict[str, object] = {
        "spell_id": spell_id, "person_key": person.pseudonym, "person": person,
        "onset_date": onset, "birth_year": 1980, "sex": "F", "employment_status": "employed",
        "employer_size": "medium", "education": "vocational", "partial_sick_leave": False,
        "work_related": False, "diagnosis_group": "mental", "prior_spells_3y": 0,
        "prior_sick_weeks_3y": 0, "benefit_weeks_3y": 0, "district": "Nørrebro",
    }  # fmt: skip
    values.update(fields)
    return SicknessSpell.objects.create(**values)


def make_jaf(person: Person) -> Course:
    return Course.objects.create(
        course_id="C-JAF", person_key=person.pseudonym, person=person,
        scheme="jobafklaringsforloeb", referral_date=date(2026, 5, 15),
        start_date=date(2026, 6, 1), planned_end_date=date(2027, 5, 31),
        previous_benefit="sygedagpenge", birth_year=1980, district="Nørrebro",
    )  # fmt: skip


@pytest.fixture
def moved(world: World, today: date) -> Person:
    """Sygedagpenge from Nov 2025 to the limit, then jobafklaringsforløb into 2027."""
    person = world.person_nord
    make_spell(person, "S-1", date(2025, 11, 3), duration_weeks=30.0, ended=True,
               end_reason="other_benefit")  # fmt: skip
    make_jaf(person)
    return person


def test_the_person_page_shows_the_path_across_schemes_and_the_2027_gap(
    world: World, moved: Person
) -> None:
    client = Client()
    client.force_login(world.caseworker)
    page = client.get(f"/personer/{moved.pk}/").content.decode()
    kinds = [k for k in ("sygedagpenge", "jobafklaringsforloeb", "sygedagpengeindsats")]
    positions = [page.index(f'data-kind="{k}"') for k in kinds]
    assert positions == sorted(positions)
    assert 'data-code="gap_jaf_2027"' in page
    assert "foreløbig regel" in page


def test_the_api_gives_the_timeline_and_the_gaps_to_the_own_team_only(
    world: World, moved: Person
) -> None:
    def get(user: object) -> tuple[int, dict]:
        token = create_token(user, "test")
        response = Client().get(
            f"/api/persons/{moved.pk}/timeline", HTTP_AUTHORIZATION=f"Bearer {token}"
        )
        return response.status_code, response.json()

    status, body = get(world.caseworker)
    assert status == 200
    assert [e["kind"] for e in body["entries"]] == [
        "sygedagpenge", "jobafklaringsforloeb", "sygedagpengeindsats",
    ]  # fmt: skip
    assert [g["code"] for g in body["gaps"]] == ["gap_jaf_2027"]
    assert body["gaps"][0]["source"].startswith("http")
    assert get(world.caseworker_syd)[0] == 404
    assert LogEntry.objects.filter(action="person.view", actor=world.caseworker).exists()


def test_gaps_become_alerts_and_clear_when_a_next_step_is_decided(
    world: World, moved: Person
) -> None:
    assert check_gaps(system("test")) == (1, 0)
    alert = Alert.objects.get(code="gap_jaf_2027", cleared_at__isnull=True)
    assert alert.course
    assert alert.course.course_id == "C-JAF"
    assert alert.person == moved
    assert "målgrupper" in alert.rule
    assert alert.source
    assert alert.provisional
    assert check_gaps(system("test")) == (0, 0)  # idempotent
    course = Course.objects.get(course_id="C-JAF")
    decide_next_step(
        world.caseworker, course.pk, next_step="sygedagpenge", decided_on=TODAY,
        reason="Fortsætter på sygedagpenge i sygedagpengeindsatsen",
    )  # fmt: skip
    assert check_gaps(system("test")) == (0, 1)
    assert not Alert.objects.filter(code="gap_jaf_2027", cleared_at__isnull=True).exists()
    assert LogEntry.objects.filter(action="citizens.gaps_check").count() == 3


def test_only_the_system_or_an_administrator_rechecks_gaps(world: World, moved: Person) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        check_gaps(world.caseworker)
    assert check_gaps(world.admin) == (1, 0)
