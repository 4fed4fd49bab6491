"""The BI05 budget lines and caseworker spending."""

from __future__ import annotations

import pytest

from sporskifte.planning import budget


def test_bi05_lines_sum_to_seven_and_ten_million_over_two_years() -> None:
    by_purpose = budget.totals_by_purpose()
    assert by_purpose[budget.SCREENING] == 7_000_000
    assert by_purpose[budget.REORGANISATION] == 10_000_000
    assert budget.totals_by_year() == {2026: 5_000_000, 2027: 12_000_000}
    assert all(line.source for line in budget.BI05_LINES)


def test_spending_is_hours_times_cost_per_full_time_caseworker() -> None:
    # 37 hours a week is one full-time caseworker.
    assert budget.fte(37) == pytest.approx(1.0)
    assert budget.yearly_spending(74, 600_000) == pytest.approx(1_200_000)


def test_comparison_shows_what_is_left_of_each_year() -> None:
    rows = budget.compare({2026: 37 * 5, 2027: 37 * 10}, 600_000)
    assert [(r.year, r.budget, r.spending) for r in rows] == [
        (2026, 5_000_000, pytest.approx(3_000_000)),
        (2027, 12_000_000, pytest.approx(6_000_000)),
    ]
    assert rows[0].difference == pytest.approx(2_000_000)


def test_negative_hours_are_refused() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        budget.yearly_spending(-1, 600_000)


def test_more_capacity_lowers_the_threshold_and_reaches_more_long_spells() -> None:
    p = [i / 100 for i in range(100)]
    exempt = [False] * 100
    small = budget.what_if(p, exempt, budget.Capacity(250, 100))
    large = budget.what_if(p, exempt, budget.Capacity(600, 100))
    assert small.fits
    assert large.fits
    assert large.threshold < small.threshold
    assert large.share_by_track["tvaerfaglig_indsats"] > small.share_by_track["tvaerfaglig_indsats"]
    assert large.hours_per_week <= 600
    assert small.hours_per_week <= 250
    assert small.expected_long_reached == 1.0  # nobody exempt: everyone is in track 2 or 3


def test_what_if_without_screened_spells_says_so() -> None:
    result = budget.what_if([], [], budget.Capacity(100, 10))
    assert result.spells == 0
    assert result.expected_long_reached is None


def test_each_bi05_line_is_set_against_the_spending_it_funds() -> None:
    from sporskifte.planning.budget import HOURS_PER_FTE_YEAR, funded_lines

    # 10 new spells a week, 2 of them in track 3; review 0.5 h; track 3 costs 12 - 2 = 10 h more
    new = {"let_opfoelgning": 8.0, "tvaerfaglig_indsats": 2.0}
    lines = funded_lines(new, (0.25, 2.0, 12.0), 0.5, HOURS_PER_FTE_YEAR)  # 1 kr. an hour
    by = {(f.line.year, f.line.purpose): f for f in lines}
    assert list(by) == [
        (2026, "screening"),
        (2026, "reorganisering"),
        (2027, "screening"),
        (2027, "reorganisering"),
    ]
    assert by[(2026, "screening")].line.amount_dkk == 2_500_000
    assert by[(2027, "reorganisering")].line.amount_dkk == 7_500_000
    assert by[(2026, "screening")].spending == pytest.approx(10 * 0.5 * 52)
    assert by[(2026, "reorganisering")].spending == pytest.approx(2 * 10 * 52)
    assert "vurdering af hver ny screening (0,5 time" in by[(2026, "screening")].includes


def test_the_teams_budget_is_compared_with_the_inflow_and_the_backlog_apart() -> None:
    from sporskifte.planning.budget import HOURS_PER_FTE_YEAR, team_budget

    t = team_budget(100, 40, 1000, HOURS_PER_FTE_YEAR)
    assert t.budget == pytest.approx(5200)
    assert t.steady == pytest.approx(2080)
    assert t.backlog == pytest.approx(1000)
    assert t.difference == pytest.approx(3120)
