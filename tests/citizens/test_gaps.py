"""The gap rules, each with dates on both sides of its boundary (pure: no database)."""

from __future__ import annotations

from datetime import date, timedelta

from sporskifte.citizens.gaps import (
    GAP_CONTACT,
    GAP_COURSE_END,
    GAP_JAF_2027,
    GAP_LIMIT,
    GAP_MEANS_TEST,
    find_gaps,
)
from sporskifte.citizens.history import CourseRecord, Decision, History, SpellRecord
from sporskifte.rules.means_test import HouseholdFacts
from sporskifte.rules.sickness import SpellFacts, follow_up, limit_clock

DAY = timedelta(days=1)


def codes(history: History, on: date) -> set[str]:
    return {g.code for g in find_gaps(history, on)}


def gap(history: History, on: date, code: str):
    return next(g for g in find_gaps(history, on) if g.code == code)


# --- a spell reaching the limit ---------------------------------------------------------------

SPELL = SpellRecord("S1", date(2025, 3, 3), "employed")


def limit_date(spell: SpellRecord = SPELL) -> date:
    facts = SpellFacts(spell.onset_date, spell.employment_status, None, None)
    found = limit_clock(facts, spell.onset_date + timedelta(days=400)).limit_date
    assert found is not None
    return found


def test_a_spell_is_a_gap_from_the_day_it_reaches_the_limit_not_the_day_before() -> None:
    history = History(spells=(SPELL,), contacts=(date(2025, 4, 1),))
    reached = limit_date()
    assert date(2025, 8, 1) < reached < date(2025, 10, 1)
    assert GAP_LIMIT not in codes(history, reached - DAY)
    found = gap(history, reached, GAP_LIMIT)
    assert "§ 24" in found.rule
    assert found.source.startswith("http")
    assert found.spell_key == "S1"
    assert found.due is not None
    assert found.due >= reached
    assert found.due.month == reached.month


def test_an_extension_ground_closes_the_limit_gap() -> None:
    extended = SpellRecord("S1", SPELL.onset_date, "employed", extension_ground="behandling")
    assert GAP_LIMIT not in codes(History(spells=(extended,)), limit_date())


def test_a_jobafklaringsforloeb_referred_after_the_onset_closes_the_limit_gap() -> None:
    course = CourseRecord(
        "C1", "jobafklaringsforloeb", limit_date(), limit_date() + 14 * DAY, date(2026, 6, 30)
    )
    assert GAP_LIMIT not in codes(History(spells=(SPELL,), courses=(course,)), limit_date())


def test_a_spell_that_ended_on_another_benefit_has_no_limit_gap() -> None:
    ended = SpellRecord("S1", SPELL.onset_date, "employed", limit_date() + 5 * DAY, "other_benefit")
    assert GAP_LIMIT not in codes(History(spells=(ended,)), limit_date() + 10 * DAY)


def test_earlier_spells_in_the_window_bring_the_limit_forward() -> None:
    earlier = SpellRecord("S0", date(2024, 11, 4), "employed", date(2025, 2, 14), "work")
    alone, both = limit_date(), None
    for g in find_gaps(History(spells=(earlier, SPELL)), alone):
        if g.code == GAP_LIMIT:
            both = g
    assert both is not None  # the limit was reached before the lone spell's limit date
    day = alone - DAY
    while GAP_LIMIT in codes(History(spells=(earlier, SPELL)), day):
        day -= DAY
    assert day < alone - 20 * DAY


# --- a course ending --------------------------------------------------------------------------

RF = CourseRecord("C2", "ressourceforloeb", date(2021, 3, 1), date(2021, 4, 1), date(2024, 5, 31))


def test_a_course_is_a_gap_from_its_end_date_with_nothing_decided() -> None:
    history = History(courses=(RF,), contacts=(date(2024, 5, 1),))
    assert GAP_COURSE_END not in codes(history, date(2024, 5, 30))
    found = gap(history, date(2024, 5, 31), GAP_COURSE_END)
    assert found.course_key == "C2"
    assert found.due == date(2024, 5, 31)
    assert "aktiv beskæftigelsesindsats" in found.rule


def test_an_ended_course_with_a_recorded_outcome_or_decision_is_no_gap() -> None:
    ended = CourseRecord(
        "C2", RF.scheme, RF.referral_date, RF.start_date, RF.planned_end_date,
        ended_date=date(2023, 9, 30), end_reason="other",
    )  # fmt: skip
    assert GAP_COURSE_END not in codes(History(courses=(ended,)), date(2023, 9, 29))
    assert GAP_COURSE_END in codes(History(courses=(ended,)), date(2023, 9, 30))
    decided = Decision("fleksjob", date(2023, 9, 1), "C2")
    assert GAP_COURSE_END not in codes(
        History(courses=(ended,), decisions=(decided,)), date(2023, 10, 5)
    )
    fleksjob = CourseRecord(
        "C2", RF.scheme, RF.referral_date, RF.start_date, RF.planned_end_date,
        ended_date=date(2023, 9, 30), end_reason="fleksjob",
    )  # fmt: skip
    assert GAP_COURSE_END not in codes(History(courses=(fleksjob,)), date(2023, 10, 5))


# --- the means test says no -------------------------------------------------------------------

RICH = HouseholdFacts("single", own_assets_dkk=2_000_000)
POOR = HouseholdFacts("single", own_assets_dkk=0)


def test_means_test_no_without_a_self_support_plan_is_a_gap_from_the_course_end() -> None:
    history = History(courses=(RF,), household=RICH, contacts=(date(2024, 5, 1),))
    assert GAP_MEANS_TEST not in codes(history, date(2024, 5, 30))
    found = gap(history, date(2024, 5, 31), GAP_MEANS_TEST)
    assert "formue" in found.rule.lower() or "aktiv socialpolitik" in found.rule.lower()
    assert found.source.startswith("http")


def test_a_plan_as_self_supporting_or_a_yes_closes_the_means_test_gap() -> None:
    plan = Decision("selvforsoergende", date(2024, 3, 1), "C2")
    assert GAP_MEANS_TEST not in codes(
        History(courses=(RF,), household=RICH, decisions=(plan,)), date(2024, 6, 3)
    )
    assert GAP_MEANS_TEST not in codes(History(courses=(RF,), household=POOR), date(2024, 6, 3))
    kontanthjaelp = Decision("kontanthjaelp", date(2024, 3, 1), "C2")
    assert GAP_MEANS_TEST in codes(
        History(courses=(RF,), household=RICH, decisions=(kontanthjaelp,)), date(2024, 6, 3)
    )


# --- the 2027 move of jobafklaringsforløb participants ---------------------------------------

JAF = CourseRecord(
    "C3", "jobafklaringsforloeb", date(2026, 5, 4), date(2026, 6, 1), date(2027, 5, 31),
    birth_year=1980,
)  # fmt: skip


def test_the_2027_move_without_follow_up_is_a_gap_from_1_january_2027() -> None:
    history = History(courses=(JAF,), contacts=(date(2026, 12, 1),))
    assert GAP_JAF_2027 not in codes(history, date(2026, 12, 31))
    found = gap(history, date(2027, 1, 1), GAP_JAF_2027)
    assert found.due == date(2027, 1, 1)
    assert found.provisional
    assert "målgrupper" in found.rule


def test_a_conversation_from_the_move_or_a_decided_step_is_the_follow_up() -> None:
    before = History(courses=(JAF,), contacts=(date(2026, 12, 31),))
    assert GAP_JAF_2027 in codes(before, date(2027, 1, 5))
    after = History(courses=(JAF,), contacts=(date(2027, 1, 1),))
    assert GAP_JAF_2027 not in codes(after, date(2027, 1, 5))
    decided = History(
        courses=(JAF,), decisions=(Decision("sygedagpenge", date(2026, 11, 2), "C3"),)
    )
    assert GAP_JAF_2027 not in codes(decided, date(2027, 1, 5))


def test_a_course_that_ends_before_the_eve_of_2027_does_not_move() -> None:
    def ended(on: date) -> CourseRecord:
        return CourseRecord(
            "C3", JAF.scheme, JAF.referral_date, JAF.start_date, JAF.planned_end_date,
            ended_date=on, end_reason="other", birth_year=1980,
        )  # fmt: skip

    assert GAP_JAF_2027 not in codes(
        History(courses=(ended(date(2026, 12, 30)),)), date(2027, 1, 2)
    )
    assert GAP_COURSE_END in codes(History(courses=(ended(date(2026, 12, 30)),)), date(2027, 1, 2))
    assert GAP_JAF_2027 in codes(History(courses=(ended(date(2026, 12, 31)),)), date(2027, 1, 2))


# --- no contact for longer than the rules allow -----------------------------------------------


def test_a_course_participant_may_go_12_months_without_a_conversation_not_a_day_more() -> None:
    history = History(courses=(RF,), contacts=(date(2022, 3, 15),))
    assert GAP_CONTACT not in codes(history, date(2023, 3, 15))
    found = gap(history, date(2023, 3, 16), GAP_CONTACT)
    assert "§ 31" in found.rule
    assert found.provisional
    assert found.due == date(2023, 3, 15)


def test_a_sick_listed_person_without_a_conversation_by_the_deadline_is_a_gap() -> None:
    spell = SpellRecord("S9", date(2024, 3, 4), "unemployed")
    facts = SpellFacts(spell.onset_date, "unemployed", None, None)
    due = min(d.due for d in follow_up(facts, spell.onset_date + 7 * DAY).deadlines)
    history = History(spells=(spell,))
    assert GAP_CONTACT not in codes(history, due)
    found = gap(history, due + DAY, GAP_CONTACT)
    assert found.spell_key == "S9"
    assert found.rule
    held = History(spells=(spell,), contacts=(due,))
    assert GAP_CONTACT not in codes(held, due + DAY)
