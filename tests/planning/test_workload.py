"""Backlog and inflow kept apart, with known answers."""

from __future__ import annotations

import pytest

from sporskifte.planning.workload import workload

HOURS = (0.25, 2.0, 12.0)


def test_the_backlog_is_a_one_off_amount_and_not_weekly_inflow() -> None:
    # 12 weeks: 120 new light cases and 24 new interdisciplinary ones; 9,000 imported running
    # spells in light follow-up. Capacity 480 hours a week.
    w = workload(
        {"let_opfoelgning": 120, "tvaerfaglig_indsats": 24}, 12,
        {"let_opfoelgning": 9000}, HOURS, 480,
    )  # fmt: skip
    # steady demand: 10 × 2 + 2 × 12 = 44 hours a week, well within 480
    assert w.steady_hours == pytest.approx(44.0)
    assert not w.over_capacity
    # one-off backlog: 9,000 × 2 = 18,000 hours, worked down at 436 spare hours a week
    assert w.backlog_hours == pytest.approx(18_000.0)
    assert w.weeks_to_clear == pytest.approx(18_000 / 436)
    # the old rule counted the backlog as 12 weeks of new cases: 9,144 cases → 1,544 h/week
    naive = (120 * 2 + 24 * 12 + 9000 * 2) / 12
    assert naive > 480


def test_without_spare_capacity_the_backlog_is_never_worked_down() -> None:
    w = workload({"tvaerfaglig_indsats": 120}, 12, {"let_opfoelgning": 10}, HOURS, 100)
    assert w.steady_hours == pytest.approx(120.0)
    assert w.over_capacity
    assert w.weeks_to_clear is None


def test_no_backlog_takes_no_weeks() -> None:
    assert workload({}, 12, {}, HOURS, 10).weeks_to_clear == 0.0
