"""The law's timeline and contact plan for a case, and the four alerts: each names its rule,
is raised when true and clears when resolved (by an action, or by the daily check)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from sporskifte.audit.actions import system
from sporskifte.citizens.models import Alert, Contact, SicknessSpell
from sporskifte.sickness import actions, batch, law, queries
from sporskifte.sickness.actions import assessment
from sporskifte.sickness.models import ContactDue, SpellCase, Track
from tests.conftest import World
from tests.sickness.conftest import APPLICATION, ON, submit

pytestmark = pytest.mark.django_db

ONSET = APPLICATION.onset_date


def _open_alerts(case: SpellCase) -> dict[str, Alert]:
    return {a.code: a for a in Alert.objects.filter(spell=case.spell, cleared_at__isnull=True)}


def _planned(case: SpellCase) -> list[ContactDue]:
    return list(ContactDue.objects.filter(case=case, status=ContactDue.Status.PLANNED))


def test_the_timeline_shows_each_legal_date_with_the_rule_behind_it(routes: World) -> None:
    case = submit(fast_track=True)
    a = assessment(case, ON)
    items = {item.label: item for item in law.timeline(case.spell, a.fu, a.clock, ON)}
    fast = items["Samtale efter anmodning om tidlig opfølgning senest"]
    assert fast.when == ON + timedelta(weeks=2)
    assert fast.reason.rule == "Sygedagpengeloven § 13 b, stk. 2"  # on a § 7 c / 7 e request
    # The reform keeps the first conversation by the end of week 8 (no source removes it).
    first = items["Første opfølgningssamtale senest"]
    assert first.when == ONSET + timedelta(days=8 * 7 - 1)
    assert first.reason.rule.startswith("Sygedagpengeloven § 13 b, stk. 1, 2. pkt.")
    assert first.reason.provisional
    limit = items["22-ugers-grænsen nås"]
    assert limit.when == ONSET + timedelta(days=30 + 154)  # 30 days left out, then 22 weeks
    assert limit.reason.rule == "Sygedagpengeloven § 24, stk. 1"
    mark = items["26-ugers-mærket"]
    assert mark.when == ONSET + timedelta(days=26 * 7 - 1)
    assert mark.reason.rule.startswith("Sygedagpengeloven § 13 b")


def test_an_exempt_person_gets_only_a_recovery_check_at_the_expected_date(routes: World) -> None:
    case = submit(expected_return_weeks=6, employer_expected_return_weeks=8)
    assert case.track == Track.NONE
    (check,) = _planned(case)
    assert check.kind == ContactDue.Kind.RECOVERY_CHECK
    assert check.due == ONSET + timedelta(weeks=8)
    assert not check.legal
    assert "26-ugers-reglen" in check.rule


def test_the_cross_disciplinary_track_adds_conversations_by_municipal_policy(
    routes: World,
) -> None:
    case = submit(expected_return_weeks=30)
    plan = _planned(case)
    legal = [d for d in plan if d.legal]
    policy = [d for d in plan if not d.legal]
    assert len(legal) == 1
    assert legal[0].deadline == ONSET + timedelta(days=8 * 7 - 1)
    assert legal[0].due == ONSET + timedelta(weeks=4, days=-1)
    assert [d.key for d in policy] == ["track:week10", "track:week16", "track:week22"]
    assert all(d.rule == law.POLICY_RULE for d in policy)


def test_an_overdue_minimum_conversation_raises_an_alert_until_it_is_held(routes: World) -> None:
    case = submit()
    deadline = ONSET + timedelta(days=8 * 7 - 1)
    batch.refresh_alerts(system("test"), on=deadline)
    assert law.MIN_CONVERSATION_OVERDUE not in _open_alerts(case)
    later = deadline + timedelta(days=1)
    batch.refresh_alerts(system("test"), on=later)
    alert = _open_alerts(case)[law.MIN_CONVERSATION_OVERDUE]
    assert alert.due == deadline
    assert alert.severity == Alert.Severity.ERROR
    assert alert.rule.startswith("Sygedagpengeloven § 13 b, stk. 1, 2. pkt.")
    assert alert.provisional
    assert batch.refresh_alerts(system("test"), on=later)[0] == 0  # idempotent
    actions.record_contact(
        routes.caseworker, case.pk, kind=Contact.Kind.PHONE, held_on=later, on=later
    )
    assert law.MIN_CONVERSATION_OVERDUE not in _open_alerts(case)


def test_the_22_week_limit_warns_ahead_until_an_extension_ground_is_recorded(
    routes: World,
) -> None:
    case = submit(employment_status="unemployed")
    limit = ONSET + timedelta(days=30 + 154)  # a ledig's first 30 days do not count either
    batch.refresh_alerts(
        system("test"), on=limit - timedelta(days=law.policy().limit_warning_days + 1)
    )
    assert law.LIMIT_NEAR not in _open_alerts(case)
    soon = limit - timedelta(days=10)
    batch.refresh_alerts(system("test"), on=soon)
    alert = _open_alerts(case)[law.LIMIT_NEAR]
    assert alert.rule == "Sygedagpengeloven § 24, stk. 1"
    assert alert.due == limit
    assert alert.severity == Alert.Severity.WARNING
    actions.record_extension_ground(routes.caseworker, case.pk, "behandling", on=soon)
    assert law.LIMIT_NEAR not in _open_alerts(case)
    cleared = Alert.objects.get(code=law.LIMIT_NEAR)
    assert cleared.cleared_at is not None
    assert cleared.cleared_reason


def test_an_exempt_person_not_back_by_the_expected_date_raises_an_alert(routes: World) -> None:
    case = submit(expected_return_weeks=6, employer_expected_return_weeks=8)
    back = ONSET + timedelta(weeks=8)
    batch.refresh_alerts(system("test"), on=back)
    assert law.EXEMPT_NOT_BACK not in _open_alerts(case)
    batch.refresh_alerts(system("test"), on=back + timedelta(days=1))
    alert = _open_alerts(case)[law.EXEMPT_NOT_BACK]
    assert "26-ugers-reglen" in alert.rule
    actions.record_return(
        routes.caseworker, case.pk, back + timedelta(days=2), on=back + timedelta(3)
    )
    assert _open_alerts(case) == {}


def test_the_daily_check_clears_alerts_of_closed_cases(routes: World) -> None:
    case = submit(employment_status="unemployed")
    batch.refresh_alerts(system("test"), on=ONSET + timedelta(days=170))
    assert _open_alerts(case)
    SpellCase.objects.filter(pk=case.pk).update(closed_at=timezone.now())
    batch.refresh_alerts(system("test"), on=ONSET + timedelta(days=171))
    assert _open_alerts(case) == {}


def test_earlier_spells_count_towards_the_22_week_limit(routes: World) -> None:
    case = submit(employment_status="unemployed")
    earlier = SicknessSpell.objects.get(pk=case.pk)
    earlier.pk = None
    earlier.spell_id, earlier.ended, earlier.duration_weeks = "OLD-1", True, 10.0
    earlier.onset_date = ONSET - timedelta(weeks=20)
    earlier.save()
    clock = assessment(SpellCase.objects.get(pk=case.pk), ON).clock
    # The earlier spell (22 Jun - 30 Aug 2026) counts from its day 31: 22 Jul - 30 Aug, 40 days.
    # This one counts from 9 Dec 2026. At the end of March 2027 the window (Jul-Mar) holds
    # 40 + 113 = 153 days; in April July has left it: 30 + 125 = 155 > 154 on 12 April.
    assert clock.limit_date == date(2027, 4, 12)
    assert clock.stop_date == date(2027, 4, 30)


def test_recently_cleared_alerts_are_those_cleared_from_midnight_fourteen_days_back(
    routes: World,
) -> None:
    """The window is counted in Copenhagen's calendar days: cleared at 00:30 on the first
    day counts, cleared at 23:30 the evening before does not."""
    case = submit()
    first = ON - timedelta(days=14)
    local = timezone.get_current_timezone()
    stamps = {
        "inside": datetime.combine(first, time(0, 30), tzinfo=local),
        "outside": datetime.combine(first - timedelta(days=1), time(23, 30), tzinfo=local),
    }
    for code, (label, stamp) in zip(sorted(law.ALERT_CODES)[:2], stamps.items(), strict=True):
        Alert.objects.create(
            code=code, person=case.person, spell=case.spell, message=label, rule="test",
            cleared_at=stamp,
        )  # fmt: skip
    shown = [a.message for a in queries.recently_cleared(routes.caseworker, ON)]
    assert shown == ["inside"]
