"""Alerts are worded by their state on the day they are read: the limit *was reached* on a
date, *is reached* on a date (within a week), or *is approaching*; an open alert's stored
message follows its situation when the daily check runs again."""

from __future__ import annotations

from datetime import date

import pytest

from sporskifte.citizens.alerts import AlertSpec, sync_alerts
from sporskifte.citizens.models import Alert
from sporskifte.sickness import law
from sporskifte.sickness.actions import assessment
from tests.conftest import World
from tests.sickness.conftest import case_of

pytestmark = pytest.mark.django_db

LIMIT = date(2027, 5, 10)


@pytest.mark.parametrize(
    ("today", "state", "heading"),
    [
        (date(2027, 6, 1), "reached", "Grænsen for sygedagpenge blev nået 10. maj 2027"),
        (LIMIT, "reached", "Grænsen for sygedagpenge blev nået 10. maj 2027"),
        (date(2027, 5, 5), "due", "Grænsen for sygedagpenge nås 10. maj 2027"),
        (date(2027, 4, 20), "approaching",
         "Grænsen for sygedagpenge nærmer sig (nås 10. maj 2027)"),
    ],
)  # fmt: skip
def test_the_limit_alert_is_worded_by_its_state(today: date, state: str, heading: str) -> None:
    assert law.alert_state(LIMIT, today) == state
    assert law.alert_heading(law.LIMIT_NEAR, LIMIT, today).startswith(heading)


def test_a_missed_conversation_says_when_it_was_due() -> None:
    heading = law.alert_heading(law.MIN_CONVERSATION_OVERDUE, date(2026, 12, 1), date(2027, 1, 5))
    assert heading == "Lovens minimumssamtale skulle være holdt senest 1. december 2026"


def test_an_open_alert_is_reworded_when_its_situation_changes(world: World) -> None:
    case = case_of(world)

    def spec(message: str, severity: str) -> AlertSpec:
        return AlertSpec(law.LIMIT_NEAR, message, "SDL § 24", "", False, severity, LIMIT,
                         case.person, case.spell)  # fmt: skip

    sync_alerts([spec("22-ugers-grænsen nås 10. maj 2027", "warning")], codes=[law.LIMIT_NEAR])
    raised, cleared = sync_alerts(
        [spec("22-ugers-grænsen blev nået 10. maj 2027", "error")], codes=[law.LIMIT_NEAR]
    )
    alert = Alert.objects.get(code=law.LIMIT_NEAR, cleared_at__isnull=True)
    assert (raised, cleared) == (0, 0)
    assert alert.message == "22-ugers-grænsen blev nået 10. maj 2027"
    assert alert.severity == "error"
    assert Alert.objects.count() == 1


def _limit_message(case: object, on: date) -> str:
    a = assessment(case, on)  # type: ignore[arg-type]
    inputs = law.AlertInputs(case, case.spell, a.fu, a.clock, None, False, None, ())  # type: ignore[attr-defined]
    [spec] = [s for s in law.alert_specs(inputs, on) if s.code == law.LIMIT_NEAR]
    return spec.message


def test_the_limit_alert_says_reached_or_reaches_with_the_weeks_in_force(world: World) -> None:
    case = case_of(world)
    clock = assessment(case, date(2027, 1, 1)).clock
    assert clock.limit_date is not None
    weeks = clock.limit_days // 7
    before = _limit_message(case, date.fromordinal(clock.limit_date.toordinal() - 3))
    after = _limit_message(case, date.fromordinal(clock.limit_date.toordinal() + 3))
    assert before.startswith(f"{weeks}-ugers-grænsen nås ")
    assert after.startswith(f"{weeks}-ugers-grænsen blev nået ")
