"""The phase-out forecast: monthly stock by scheme and leavers without benefit (no Django)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from scipy.stats import binom

from sporskifte.rules.means_test import HouseholdFacts
from sporskifte.transition import policy as t
from sporskifte.transition import projection as p

ON = date(2026, 11, 23)
BASE = t.CourseFacts(
    course_id="C", person_id="P", scheme="ressourceforloeb", referral_date=date(2024, 7, 1),
    start_date=date(2024, 8, 1), planned_end_date=date(2027, 1, 31),
    last_contact_date=date(2026, 10, 1),
)  # fmt: skip
SINGLE_POOR = HouseholdFacts("single", 0, None, 0, None, 0)
MARRIED_RICH = HouseholdFacts("married", 0, 100_000, 0, 60_000, 0)  # assets over the couple limit


def status(end: date, scheme: str = "ressourceforloeb", **kw: object) -> t.CourseStatus:
    household = kw.pop("household", SINGLE_POOR)
    facts = replace(BASE, planned_end_date=end, scheme=scheme, **kw)  # type: ignore[arg-type]
    return t.assess(facts, household, ON)  # type: ignore[arg-type]


def test_the_interval_of_a_plain_binomial_matches_scipy() -> None:
    interval = p.poisson_binomial([0.1] * 1000, level=0.90)
    assert interval.expected == pytest.approx(100.0)
    assert interval.low == int(binom.ppf(0.05, 1000, 0.1))
    assert interval.high == int(binom.ppf(0.95, 1000, 0.1))


def test_the_poisson_binomial_is_exact_for_mixed_probabilities() -> None:
    ps = [0.9, 0.9, 0.3, 0.02]
    pmf = np.array([1.0])
    for q in ps:  # brute force: one Bernoulli at a time
        pmf = np.convolve(pmf, [1 - q, q])
    interval = p.poisson_binomial(ps, level=0.5)
    cdf = np.cumsum(pmf)
    assert interval.expected == pytest.approx(sum(ps))
    assert interval.low == int(np.searchsorted(cdf, 0.25))
    assert interval.high == int(np.searchsorted(cdf, 0.75))


def test_certain_outcomes_give_a_point_interval() -> None:
    assert p.poisson_binomial([1.0, 1.0, 0.0]) == p.Interval(2.0, 2, 2)
    assert p.poisson_binomial([]) == p.Interval(0.0, 0, 0)


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({}, 0.02),
        ({"household": MARRIED_RICH}, 0.90),
        ({"household": None}, 0.10),
        ({"household": MARRIED_RICH, "next_step": "fleksjob"}, 0.0),
        ({"household": MARRIED_RICH, "next_step": "kontanthjaelp"}, 0.90),
        ({"next_step": "selvforsoergende"}, 1.0),
    ],
)
def test_each_leaver_counts_with_the_probability_of_their_situation(
    kw: dict[str, object], expected: float
) -> None:
    s = status(date(2027, 1, 31), **kw)
    assert p.no_benefit_probability(s, p.NoBenefitRates()) == expected


def test_the_stock_falls_month_by_month_until_the_last_course_ends() -> None:
    statuses = [
        status(date(2026, 12, 15)),
        status(date(2027, 1, 31)),
        status(date(2027, 1, 31), household=MARRIED_RICH),
        status(date(2026, 12, 31), scheme="revalidering"),
    ]
    fc = p.forecast(statuses, ON)
    totals = {r.month: r for r in fc.rows if r.scheme == p.ALL}
    assert [m.isoformat() for m in totals] == ["2026-11-01", "2026-12-01", "2027-01-01"]
    assert [r.stock for r in totals.values()] == [4, 4, 2]
    assert [r.ending for r in totals.values()] == [0, 2, 2]
    rf = {r.month: r.stock for r in fc.rows if r.scheme == "ressourceforloeb"}
    assert list(rf.values()) == [3, 3, 2]
    assert fc.total.expected == pytest.approx(0.02 * 3 + 0.90)
    assert fc.last_month == date(2027, 1, 1)


def test_the_forecast_csv_has_one_row_per_month_and_scheme_plus_the_total() -> None:
    fc = p.forecast([status(date(2027, 1, 31))], ON)
    rows = fc.csv_rows()
    assert list(rows[0]) == list(p.FORECAST_COLUMNS)
    assert len(rows) == 3 * 4
    assert {r["scheme"] for r in rows} == {"ressourceforloeb", "revalidering",
                                           "jobafklaringsforloeb", "alle"}  # fmt: skip


def test_the_method_is_stated_with_the_probabilities_used() -> None:
    text = p.forecast([], ON).method()
    assert "Poisson-binomial" in text
    assert "nej 90 %" in text
    assert "antagelser" in text


def test_rates_must_be_probabilities() -> None:
    with pytest.raises(ValueError, match="probability"):
        p.NoBenefitRates(no=1.5)


def test_courses_are_counted_by_month_of_end_with_empty_months_kept() -> None:
    table = p.by_end_month([status(date(2026, 12, 1)), status(date(2027, 2, 28))])
    assert [m.isoformat() for m, _ in table] == ["2026-12-01", "2027-01-01", "2027-02-01"]
    assert table[1][1] == {"ressourceforloeb": 0, "revalidering": 0, "jobafklaringsforloeb": 0}
