"""Per-course status in the phase-out: end date, months left, pre-check and flags (no Django)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sporskifte.rules.means_test import HouseholdFacts
from sporskifte.transition import policy as t

ON = date(2026, 11, 23)
RICH_SPOUSE = HouseholdFacts("married", 5000, 200000, 0, 38000, 1)  # over the couple limit
POOR_SINGLE = HouseholdFacts("single", 2000, None, 0, None, 0)


def course(**fields: object) -> t.CourseFacts:
    base = t.CourseFacts(
        course_id="C1", person_id="P1", scheme="ressourceforloeb",
        referral_date=date(2024, 7, 1), start_date=date(2024, 8, 1),
        planned_end_date=date(2027, 3, 31), last_contact_date=date(2026, 10, 1),
    )  # fmt: skip
    return replace(base, **fields)  # type: ignore[arg-type]


def test_a_ressourceforloeb_runs_to_its_planned_end() -> None:
    status = t.assess(course(), POOR_SINGLE, ON)
    assert status.end_date == date(2027, 3, 31)
    assert status.end.reasons == ()
    assert status.months_left == 4


def test_a_jobafklaringsforloeb_granted_before_2027_runs_to_its_planned_end() -> None:
    jaf = course(scheme="jobafklaringsforloeb", referral_date=date(2026, 3, 1),
                 start_date=date(2026, 3, 15), planned_end_date=date(2027, 9, 14))  # fmt: skip
    status = t.assess(jaf, POOR_SINGLE, ON)
    assert status.end_date == date(2027, 9, 14)
    assert not status.end.provisional


def test_a_ressourceforloeb_granted_from_2022_is_cut_at_three_years() -> None:
    long = course(referral_date=date(2022, 1, 1), start_date=date(2022, 2, 1),
                  planned_end_date=date(2026, 12, 31))  # fmt: skip
    assert t.effective_end(long).value == date(2025, 1, 31)
    older = course(referral_date=date(2021, 12, 31), start_date=date(2022, 2, 1),
                   planned_end_date=date(2026, 12, 31))  # fmt: skip
    assert t.effective_end(older).value == date(2026, 12, 31)


@pytest.mark.parametrize(
    ("fields", "running"),
    [
        ({}, True),
        ({"referral_date": date(2026, 11, 24), "start_date": date(2026, 12, 1)}, False),
        ({"ended_date": ON}, False),
        ({"ended_date": date(2026, 11, 24)}, True),
        ({"planned_end_date": ON}, True),
        ({"planned_end_date": date(2026, 11, 22)}, False),
        ({"start_date": date(2026, 12, 1), "referral_date": date(2026, 1, 15)}, True),
    ],
)
def test_a_course_is_running_from_its_grant_until_its_end(
    fields: dict[str, date], running: bool
) -> None:
    assert t.is_running(course(**fields), ON) is running


def test_missing_household_data_makes_the_precheck_uncertain_with_a_reason() -> None:
    status = t.assess(course(), None, ON)
    assert status.precheck.value == "uncertain"
    assert "Husstandsoplysninger mangler" in status.precheck.reasons[0].text
    assert status.precheck.reasons[0].rule.startswith("Lov om aktiv socialpolitik")
    assert not status.household_known


def test_the_precheck_is_asked_as_of_the_end_date() -> None:
    # 12,000 kr. in assets: over the 10,000 limit before 1 Jul 2025, within 15,500 after.
    household = HouseholdFacts("single", 12_000, None, 0, None, 0)
    before = course(referral_date=date(2021, 6, 1), start_date=date(2021, 7, 1),
                    planned_end_date=date(2025, 6, 30))  # fmt: skip
    after = replace(before, planned_end_date=date(2025, 7, 1))
    on = date(2025, 6, 1)
    assert t.assess(before, household, on).precheck.value == "no"
    assert t.assess(after, household, on).precheck.value == "yes"


# --- flags -----------------------------------------------------------------------------------


def codes(
    c: t.CourseFacts, household: HouseholdFacts | None = POOR_SINGLE, **kw: object
) -> set[str]:
    return set(t.assess(c, household, ON, t.FlagPolicy(**kw)).flag_codes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("end", "flagged"),
    [(date(2027, 5, 23), True), (date(2027, 5, 24), False), (ON, True)],
)
def test_t1_flags_a_course_ending_within_six_months_without_a_next_step(
    end: date, flagged: bool
) -> None:
    assert (t.ENDS_SOON in codes(course(planned_end_date=end))) is flagged


def test_t1_is_cleared_by_any_decided_next_step_and_its_months_are_configurable() -> None:
    assert t.ENDS_SOON not in codes(course(next_step="kontanthjaelp"))
    assert t.ENDS_SOON not in codes(course(), warning_months=4)
    assert t.ENDS_SOON in codes(course(), warning_months=5)


def test_t1_names_its_rule_and_the_law_it_rests_on() -> None:
    flag = next(f for f in t.assess(course(), POOR_SINGLE, ON).flags if f.code == t.ENDS_SOON)
    assert flag.name.startswith("T1")
    assert "Lov nr. 1750" in flag.rule
    assert flag.source.startswith("https://")
    assert flag.due == date(2027, 3, 31)


@pytest.mark.parametrize(
    ("household", "next_step", "flagged"),
    [
        (RICH_SPOUSE, None, True),
        (RICH_SPOUSE, "kontanthjaelp", True),
        (RICH_SPOUSE, "other", True),
        (RICH_SPOUSE, "selvforsoergende", False),
        (RICH_SPOUSE, "fleksjob", False),
        (RICH_SPOUSE, "job", False),
        (POOR_SINGLE, None, False),
        (None, None, False),
    ],
)
def test_t2_flags_likely_no_kontanthjaelp_without_a_plan_as_self_supporting(
    household: HouseholdFacts | None, next_step: str | None, flagged: bool
) -> None:
    found = codes(course(next_step=next_step), household)
    assert (t.NO_BENEFIT in found) is flagged


def test_t2_cites_the_means_test_rules() -> None:
    status = t.assess(course(), RICH_SPOUSE, ON)
    flag = next(f for f in status.flags if f.code == t.NO_BENEFIT)
    assert "Lov om aktiv socialpolitik" in flag.rule
    assert flag.provisional  # the disregarded assets have not been asked about


@pytest.mark.parametrize(
    ("last", "flagged"),
    [(date(2025, 11, 23), False), (date(2025, 11, 22), True), (None, True)],
)
def test_t3_flags_no_conversation_for_twelve_months(last: date | None, flagged: bool) -> None:
    assert (t.NO_CONTACT in codes(course(last_contact_date=last))) is flagged


def test_t3_counts_from_the_referral_when_no_conversation_is_on_record() -> None:
    young = course(last_contact_date=None, referral_date=date(2026, 1, 10),
                   start_date=date(2026, 1, 20))  # fmt: skip
    assert t.NO_CONTACT not in codes(young)


def test_t4_flags_a_course_granted_after_the_ban() -> None:
    unlawful = course(referral_date=date(2026, 2, 1), start_date=date(2026, 3, 1))
    assert t.CLOSED_REFERRAL in codes(unlawful)
    assert t.CLOSED_REFERRAL not in codes(replace(unlawful, referral_date=date(2026, 1, 31)))


def test_t4_flags_an_unresolved_refused_grant_with_its_legal_basis() -> None:
    attempted = course(closed_referral_attempted=("revalidering", date(2026, 3, 1)))
    flag = next(f for f in t.assess(attempted, POOR_SINGLE, ON).flags
                if f.code == t.CLOSED_REFERRAL)  # fmt: skip
    assert "revalidering" in flag.message
    assert "afskaffelse af revalidering" in flag.rule
    jaf = course(closed_referral_attempted=("jobafklaringsforloeb", date(2027, 1, 1)))
    assert next(f for f in t.assess(jaf, POOR_SINGLE, ON).flags
                if f.code == t.CLOSED_REFERRAL).provisional  # fmt: skip


def test_the_report_row_has_the_contract_columns() -> None:
    row = t.report_row(t.assess(course(), RICH_SPOUSE, ON))
    assert list(row) == list(t.REPORT_COLUMNS)
    assert row["person_id"] == "P1"
    assert row["planned_end_date"] == "2027-03-31"
    assert row["months_left"] == "4"
    assert row["kontanthjaelp_precheck"] == "no"
    assert (
        "[Lov om aktiv socialpolitik § 14 (formue, der ses bort fra) (foreløbig)]" in row["reasons"]
    )
    assert row["flags"] == "ends_soon_no_next_step;likely_no_benefit_no_plan"


def test_only_running_courses_are_assessed_and_in_end_date_order() -> None:
    courses = [
        course(course_id="late", planned_end_date=date(2027, 6, 30)),
        course(course_id="ended", ended_date=date(2026, 5, 1)),
        course(course_id="early", planned_end_date=date(2027, 1, 31)),
    ]
    statuses = t.assess_running(courses, {"P1": POOR_SINGLE}, ON)
    assert [s.facts.course_id for s in statuses] == ["early", "late"]


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (t.Selection(), {"soon", "later", "jaf"}),
        (t.Selection(scheme="jobafklaringsforloeb"), {"jaf"}),
        (t.Selection(within_months=6), {"soon"}),
        (t.Selection(within_months=6, no_next_step=True), {"soon"}),
        (t.Selection(flag=t.NO_CONTACT), {"later"}),
    ],
)
def test_the_overview_filters_select_courses(selection: t.Selection, expected: set[str]) -> None:
    courses = [
        course(course_id="soon"),
        course(course_id="later", planned_end_date=date(2028, 1, 31),
               last_contact_date=date(2025, 1, 1)),
        course(course_id="jaf", scheme="jobafklaringsforloeb", referral_date=date(2026, 3, 1),
               start_date=date(2026, 3, 15), planned_end_date=date(2027, 9, 14),
               next_step="job"),
    ]  # fmt: skip
    statuses = t.assess_running(courses, {}, ON)
    assert {s.facts.course_id for s in statuses if selection.matches(s)} == expected


def test_a_flag_policy_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="warning_months"):
        t.FlagPolicy(warning_months=-1)
