"""The employer's duties, dated from the first day of absence by the rules in force then."""

from __future__ import annotations

from datetime import date

import pytest

from sporskifte.rules.employer import (
    EmployerFacts,
    employer_duties,
    next_deadline,
    plan_expected_by,
)

ONSET = date(2026, 11, 2)


def _by_key(facts: EmployerFacts) -> dict[str, object]:
    return {d.key: d for d in employer_duties(facts)}


def test_the_conversation_is_due_four_weeks_and_the_notice_five_weeks_after_the_first_day() -> None:
    duties = _by_key(EmployerFacts(ONSET, 12, False))
    assert duties["conversation"].due == date(2026, 11, 30)  # type: ignore[attr-defined]
    assert duties["notify"].due == date(2026, 12, 7)  # type: ignore[attr-defined]
    assert duties["conversation"].reason.rule == "Sygedagpengeloven § 7 a"  # type: ignore[attr-defined]
    assert "§ 40" in duties["notify"].reason.rule  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("expected_weeks", "offered"),
    [(8, False), (9, True), (None, True), (3, False)],
)
def test_the_fast_track_and_the_plan_are_offered_only_beyond_eight_weeks(
    expected_weeks: int | None, offered: bool
) -> None:
    duties = _by_key(EmployerFacts(ONSET, expected_weeks, False))
    assert ("fast_track" in duties) is offered
    assert ("retention_plan" in duties) is offered


def test_a_requested_plan_is_a_duty_even_for_a_short_absence() -> None:
    duties = _by_key(EmployerFacts(ONSET, 3, True))
    assert duties["retention_plan"].required  # type: ignore[attr-defined]
    assert "bedt om" in duties["retention_plan"].text  # type: ignore[attr-defined]


def test_deadlines_come_first_and_the_unconfirmed_partial_return_rule_is_provisional() -> None:
    duties = employer_duties(EmployerFacts(ONSET, 12, False))
    dated = [d.due for d in duties if d.due is not None]
    assert dated == sorted(dated)
    assert all(d.due is not None for d in duties[: len(dated)])
    partial = next(d for d in duties if d.key == "partial_return")
    assert partial.provisional
    assert all(d.reason.source.startswith("https://") for d in duties)


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 11, 30), "conversation"),  # the last day of the conversation's deadline
        (date(2026, 12, 1), "notify"),  # the day after: the notice is next
        (date(2026, 12, 8), None),  # all deadlines passed
    ],
)
def test_the_next_deadline_moves_on_the_day_after(on: date, expected: str | None) -> None:
    duty = next_deadline(employer_duties(EmployerFacts(ONSET, 12, False)), on)
    assert (duty.key if duty else None) == expected


@pytest.mark.parametrize(
    ("weeks", "requested", "expected"),
    [(8, False, None), (9, False, date(2026, 11, 30)), (3, True, date(2026, 11, 30))],
)
def test_a_plan_is_expected_by_the_employers_conversation_when_the_absence_is_long(
    weeks: int, requested: bool, expected: date | None
) -> None:
    assert plan_expected_by(EmployerFacts(ONSET, weeks, requested)) == expected
