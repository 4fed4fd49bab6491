"""Sickness-benefit follow-up and the limit clock beyond the scenario tables: the public
functions, input validation, and the limit clock against a day-by-day reference count."""

from __future__ import annotations

import calendar
import random
from datetime import date, timedelta

import pandas as pd
import pytest

from sporskifte.rules.sickness import (
    EXTENSION_GROUND_LABELS,
    EmploymentStatus,
    SpellFacts,
    end_of_month,
    exempt_mask,
    exemption,
    exemptions,
    follow_up,
    follow_up_many,
    horizon_weeks,
    limit_clock,
    limit_clock_many,
    minus_months,
    regime_for,
)

REFORM_DAY = date(2026, 8, 3)


def _employed(weeks: int | None, employer_weeks: int | None) -> SpellFacts:
    return SpellFacts(date(2026, 7, 6), "employed", weeks, employer_weeks)


def test_exemption_needs_both_the_person_and_the_employer_under_26_weeks() -> None:
    assert exemption(_employed(25, 25), REFORM_DAY).value is True
    assert exemption(_employed(26, 25), REFORM_DAY).value is False
    assert exemption(_employed(25, 26), REFORM_DAY).value is False
    assert exemption(_employed(0, 0), REFORM_DAY).value is True


def test_the_exemption_says_why_and_that_its_start_date_is_provisional() -> None:
    answer = exemption(_employed(26, 25), REFORM_DAY)
    texts = [r.text for r in answer.reasons]
    assert "Den sygemeldte forventer fravær i 26 uger, ikke under 26 uger." in texts
    assert "Arbejdsgiveren forventer fravær i 25 uger, under 26 uger." in texts
    assert answer.provisional


def test_there_is_no_exemption_before_2025() -> None:
    assert exemption(_employed(2, 2), date(2024, 12, 31)).value is False


def test_each_deadline_carries_its_legal_reason() -> None:
    fu = follow_up(SpellFacts(date(2024, 5, 6), "unemployed", 20, None), date(2024, 6, 1))
    assert [d.kind for d in fu.deadlines] == ["first_conversation", "conversations_first_half_year"]
    assert fu.deadlines[0].reason.rule == "Sygedagpengeloven § 13 b, stk. 1, 2. pkt."
    assert fu.deadlines[0].due == date(2024, 5, 6) + timedelta(weeks=8) - timedelta(days=1)


def test_batch_helpers_give_the_same_answers_as_single_calls() -> None:
    spells = [_employed(w, w) for w in (3, 25, 26, None)]
    assert follow_up_many(spells, REFORM_DAY) == [follow_up(s, REFORM_DAY) for s in spells]
    assert limit_clock_many(spells, REFORM_DAY) == [limit_clock(s, REFORM_DAY) for s in spells]


def test_unknown_employment_status_is_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="employment_status must be one of"):
        SpellFacts(date(2026, 1, 1), "retired", None, None)  # type: ignore[arg-type]


def test_unknown_extension_ground_is_rejected_clearly() -> None:
    with pytest.raises(ValueError, match="extension_ground must be one of"):
        SpellFacts(date(2026, 1, 1), "employed", None, None, extension_ground="boredom")


def test_the_seven_extension_grounds_follow_section_27() -> None:
    clock = limit_clock(SpellFacts(date(2026, 1, 5), "unemployed", None, None), REFORM_DAY)
    assert [g.number for g in clock.extension_grounds] == [1, 2, 3, 4, 5, 6, 7]
    assert [g.code for g in clock.extension_grounds] == list(EXTENSION_GROUND_LABELS)
    assert clock.extension_grounds[4].reason.rule == "Sygedagpengeloven § 27, stk. 1, nr. 5"


def test_months_are_subtracted_with_the_day_clamped() -> None:
    assert minus_months(date(2026, 11, 30), 9) == date(2026, 2, 28)
    assert minus_months(date(2024, 11, 30), 9) == date(2024, 2, 29)
    assert minus_months(date(2026, 3, 1), 9) == date(2025, 6, 1)
    assert end_of_month(date(2028, 2, 3)) == date(2028, 2, 29)


# --- the limit clock against a plain day-by-day count ------------------------------------


def _reference_minus_months(d: date, months: int) -> date:
    year, month = d.year, d.month - months
    while month < 1:
        year, month = year - 1, month + 12
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _reference(facts: SpellFacts, on: date) -> tuple[int, date | None]:
    """Counted days in the calendar months of `on`'s window (its month and the 8 before), and
    the first day whose month-window count exceeds 154, by brute force over single days."""
    left_out = 14 if facts.employment_status == "self_employed" else 30
    start = facts.onset_date + timedelta(days=left_out)
    paid = set()
    for s, e in facts.prior_benefit_periods:
        paid |= {s + timedelta(days=i) for i in range((e - s).days + 1)}

    def count(d: date) -> int:
        lo = _reference_minus_months(d.replace(day=1), 8)
        last = d if facts.spell_end is None else min(d, facts.spell_end)
        current = {start + timedelta(days=i) for i in range((last - start).days + 1)}
        return sum(1 for x in paid | current if lo <= x <= d)

    if count(start - timedelta(days=1)) > 154:
        return count(on), start
    day = start
    while facts.spell_end is None or day <= facts.spell_end:
        if count(day) > 154:
            return count(on), day
        day += timedelta(days=1)
    return count(on), None


def _random_spell(rng: random.Random) -> SpellFacts:
    onset = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
    prior: tuple[tuple[date, date], ...] = ()
    for _ in range(rng.choice((0, 1, 1, 2))):
        end = (prior[0][0] if prior else onset) - timedelta(days=rng.randrange(1, 120))
        prior = ((end - timedelta(days=rng.randrange(0, 200)), end), *prior)
    spell_end = onset + timedelta(days=rng.randrange(300)) if rng.random() < 0.3 else None
    status: EmploymentStatus = rng.choice(("employed", "unemployed", "self_employed", "flexjob"))
    return SpellFacts(onset, status, None, None, prior_benefit_periods=prior, spell_end=spell_end)


def test_the_limit_clock_agrees_with_a_day_by_day_count() -> None:
    rng = random.Random(2026)
    for _ in range(150):
        facts = _random_spell(rng)
        on = facts.onset_date + timedelta(days=rng.randrange(250))
        clock = limit_clock(facts, on)
        assert (clock.days_used, clock.limit_date) == _reference(facts, on), facts


def test_a_spell_is_judged_by_the_rules_of_its_first_day_with_the_reason_said() -> None:
    facts = SpellFacts(date(2023, 12, 2), "unemployed", 30, None)
    fu = follow_up(facts, date(2026, 11, 29))
    assert fu.regime == "pre_2025"
    assert all("Lov nr. 1750" not in d.reason.rule for d in fu.deadlines)
    assert any("begyndte 2. december 2023" in r.text for r in fu.reasons)
    assert regime_for(facts, date(2026, 11, 29)).value == "pre_2025"


def test_the_frame_helpers_answer_each_row_like_single_calls() -> None:
    frame = pd.DataFrame(
        {
            "onset_date": ["2026-07-06", "2026-07-06", "2025-03-03", "2026-07-06"],
            "employment_status": ["employed", "employed", "employed", "weird"],
            "expected_return_weeks": [25, 26, 25, None],
            "employer_expected_return_weeks": [25, 25, 25, 3],
        }
    )
    answers = exemptions(frame, REFORM_DAY)
    assert exempt_mask(answers).tolist() == [True, False, False, False]
    assert answers[0] == exemption(_employed(25, 25), REFORM_DAY)
    assert horizon_weeks(REFORM_DAY) == 26


def test_the_frame_helper_equals_single_calls_across_regimes_and_rule_changes() -> None:
    """The batch shares answers between spells of the same stretch of rules; every row must
    still get exactly the answer (value and reasons) a single call gives."""
    rng = random.Random(11)
    statuses = ["employed", "unemployed", "self_employed", "flexjob", "other", "bogus"]
    weeks = [None, 0, 3, 12, 13, 20, 21, 25, 26, 40]
    rows = [
        {
            "onset_date": date(2024, 6, 1) + timedelta(days=rng.randrange(900)),
            "employment_status": rng.choice(statuses),
            "expected_return_weeks": rng.choice(weeks),
            "employer_expected_return_weeks": rng.choice(weeks),
        }
        for _ in range(600)
    ]
    frame = pd.DataFrame(rows)
    for on in (date(2025, 6, 1), REFORM_DAY, date(2027, 3, 1)):
        answers = exemptions(frame, on)
        for row, answer in zip(rows, answers, strict=True):
            status = row["employment_status"]
            facts = SpellFacts(
                row["onset_date"], status if status != "bogus" else "other",
                row["expected_return_weeks"], row["employer_expected_return_weeks"],
            )  # fmt: skip
            assert answer == exemption(facts, on), row


def test_the_limit_is_found_when_a_month_leaves_the_window() -> None:
    # At the end of February 2026 the window starts on 1 June 2025: May's prior days drop out
    # and the count falls; the limit must still be the first day it is passed.
    facts = SpellFacts(
        date(2025, 10, 1), "unemployed", None, None,
        prior_benefit_periods=((date(2024, 12, 20), date(2025, 5, 31)),),
    )  # fmt: skip
    clock = limit_clock(facts, date(2026, 3, 31))
    assert clock.limit_date == _reference(facts, date(2026, 3, 31))[1]


def test_the_stop_is_always_the_last_day_of_a_month() -> None:
    rng = random.Random(7)
    for _ in range(100):
        clock = limit_clock(_random_spell(rng), date(2027, 6, 1))
        if clock.stop_date is not None and clock.entitled_at_start:
            assert clock.stop_date == end_of_month(clock.stop_date)
            assert clock.limit_date is not None
            assert clock.stop_date == end_of_month(clock.limit_date)


def test_a_prior_period_overlapping_the_spell_is_rejected() -> None:
    with pytest.raises(ValueError, match="must be ordered and end before the onset date"):
        SpellFacts(
            date(2026, 1, 5), "unemployed", None, None,
            prior_benefit_periods=((date(2025, 12, 1), date(2026, 1, 10)),),
        )  # fmt: skip
