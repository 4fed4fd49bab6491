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
