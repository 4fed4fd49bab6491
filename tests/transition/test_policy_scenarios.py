"""Scenarios at every boundary the phase-out rests on, both sides of each date and amount:
the referral ban as the grant check uses it, and the kontanthjælp means test as the phase-out
uses it (asked for a household as of the day the course ends)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from sporskifte.rules import courses as course_rules
from sporskifte.rules.means_test import HouseholdFacts
from sporskifte.transition import policy as t

# --- the referral ban --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scheme", "referral", "allowed", "provisional"),
    [
        ("ressourceforloeb", date(2026, 1, 31), True, False),
        ("ressourceforloeb", date(2026, 2, 1), False, False),
        ("revalidering", date(2026, 1, 31), True, False),
        ("revalidering", date(2026, 2, 1), False, False),
        ("jobafklaringsforloeb", date(2026, 2, 1), True, False),
        ("jobafklaringsforloeb", date(2026, 12, 31), True, False),
        ("jobafklaringsforloeb", date(2027, 1, 1), False, True),
    ],
)
def test_a_new_course_may_be_granted_only_before_its_scheme_closes(
    scheme: str, referral: date, allowed: bool, provisional: bool
) -> None:
    answer = course_rules.referral_allowed(scheme, referral)
    assert answer.value is allowed
    assert answer.provisional is provisional
    assert answer.reasons[0].source.startswith("http")


@pytest.mark.parametrize(
    ("referral", "start", "latest"),
    [
        (date(2021, 12, 31), date(2022, 1, 15), date(2027, 1, 14)),  # 5 years before 2022
        (date(2022, 1, 1), date(2022, 1, 15), date(2025, 1, 14)),  # 3 years from 2022
    ],
)
def test_the_longest_ressourceforloeb_depends_on_the_grant_date(
    referral: date, start: date, latest: date
) -> None:
    course = t.CourseFacts("C", "P", "ressourceforloeb", referral, start, date(2030, 1, 1))
    assert t.effective_end(course).value == latest


@pytest.mark.parametrize(
    ("planned_end", "end", "provisional"),
    [(date(2026, 12, 31), date(2026, 12, 31), False), (date(2027, 1, 1), date(2027, 1, 1), False)],
)
def test_a_jobafklaringsforloeb_granted_before_2027_runs_to_its_planned_end(
    planned_end: date, end: date, provisional: bool
) -> None:
    # The 2027 law stops new courses, not those already granted (no source ends them early).
    course = t.CourseFacts("C", "P", "jobafklaringsforloeb", date(2026, 5, 1), date(2026, 5, 15),
                           planned_end)  # fmt: skip
    answer = t.effective_end(course)
    assert answer.value == end
    assert answer.provisional is provisional


# --- the means test as the phase-out uses it -------------------------------------------------


@dataclass(frozen=True)
class Situation:
    name: str
    household: HouseholdFacts
    course_ends: date
    expected: str


AFTER = date(2026, 6, 30)  # limits 15,500 / 31,000 in force; the rates are not known
BEFORE = date(2025, 6, 30)  # limits 10,000 / 20,000
Y2024 = date(2024, 12, 31)  # rates 30+ 12,326 / 16,382 (the ministry's table)


def single(assets: float, income: float = 0, children: int = 0) -> HouseholdFacts:
    return HouseholdFacts("single", assets, None, income, None, children)


def couple(status: str, own: float, partner: float, income: float = 0, partner_income: float = 0,
           children: int = 0) -> HouseholdFacts:  # fmt: skip
    return HouseholdFacts(status, own, partner, income, partner_income, children)  # type: ignore[arg-type]


SCENARIOS = [
    # assets, a single person, on both sides of the limit and of its change on 1 Jul 2025
    Situation("single at the limit", single(15_500), AFTER, "yes"),
    Situation("single one krone over", single(15_501), AFTER, "no"),
    Situation("single at the old limit", single(10_000), BEFORE, "yes"),
    Situation("single over the old limit", single(10_001), BEFORE, "no"),
    Situation("old-limit excess, course ends 30 Jun 2025", single(12_000), date(2025, 6, 30), "no"),
    Situation("old-limit excess, course ends 1 Jul 2025", single(12_000), date(2025, 7, 1), "yes"),
    # assets, a married couple (combined against the couple limit)
    Situation("married at the couple limit", couple("married", 15_000, 16_000), AFTER, "yes"),
    Situation("married one krone over", couple("married", 15_000, 16_001), AFTER, "no"),
    Situation("married spouse's assets unknown", couple("married", 0, None), AFTER, "uncertain"),  # type: ignore[arg-type]
    # married vs cohabiting: a cohabitant's means do not count (since 1 Jan 2016)
    Situation("cohabitant with a fortune", couple("cohabiting", 15_500, 1_000_000), AFTER, "yes"),
    Situation("spouse with a fortune", couple("married", 15_500, 1_000_000), AFTER, "no"),
    Situation("cohabitant with high pay", couple("cohabiting", 0, 0, 0, 60_000), AFTER, "yes"),
    Situation("spouse with high pay", couple("married", 0, 0, 0, 60_000), Y2024, "no"),
    Situation(
        "spouse with pay when the rate is unknown",
        couple("married", 0, 0, 0, 60_000),
        AFTER,
        "uncertain",
    ),
    Situation(  # the 2014-2015 rule for cohabitants is not confirmed, and it decides here
        "cohabitant in 2015", couple("cohabiting", 0, 25_000), date(2015, 12, 31), "uncertain"
    ),
    Situation(
        "cohabitant does not count from 2016",
        couple("cohabiting", 0, 25_000),
        date(2016, 1, 1),
        "yes",
    ),
    # income against the year's rate (2024: 12,326 / 16,382; twice for a couple; age unknown)
    Situation("single income below the rate", single(0, 12_325), Y2024, "uncertain"),
    Situation("single income at the rate", single(0, 12_326), Y2024, "no"),
    Situation("provider income at the provider rate", single(0, 16_382, 2), Y2024, "no"),
    Situation("provider income below the provider rate", single(0, 16_381, 2), Y2024, "uncertain"),
    Situation(
        "married income at the couple level", couple("married", 0, 0, 0, 24_652), Y2024, "no"
    ),
    Situation("no income at all", single(0, 0), Y2024, "yes"),
    Situation("an income in a year whose rate is unknown", single(0, 5_000), AFTER, "uncertain"),
]


@pytest.mark.parametrize("s", SCENARIOS, ids=lambda s: s.name)
def test_the_kontanthjaelp_precheck_at_the_course_end(s: Situation) -> None:
    course = t.CourseFacts("C", "P", "revalidering", date(2014, 1, 1), date(2014, 1, 2),
                           s.course_ends)  # fmt: skip
    status = t.assess(course, s.household, min(s.course_ends, date(2026, 6, 1)))
    assert status.end_date == s.course_ends
    assert status.precheck.value == s.expected
    assert all(r.rule for r in status.precheck.reasons)
    assert (t.NO_BENEFIT in status.flag_codes) is (s.expected == "no")
