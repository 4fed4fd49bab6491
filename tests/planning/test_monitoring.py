"""Drift, calibration and override warnings on synthetic data with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from sporskifte.planning import monitoring


def test_identical_distributions_have_no_drift() -> None:
    counts = {"a": 50.0, "b": 30.0, "c": 20.0}
    assert monitoring.psi_from_counts(counts, counts) == 0.0
    assert monitoring.drift_level(0.0) == "stable"


def test_psi_matches_the_formula_by_hand() -> None:
    psi = monitoring.psi_from_counts({"a": 50, "b": 50}, {"a": 80, "b": 20})
    expected = (0.8 - 0.5) * np.log(0.8 / 0.5) + (0.2 - 0.5) * np.log(0.2 / 0.5)
    assert psi == pytest.approx(expected)


def test_a_shifted_numeric_input_raises_the_drift_alarm() -> None:
    rng = np.random.default_rng(7)
    reference = rng.normal(0, 1, 5000)
    same = rng.normal(0, 1, 5000)
    shifted = rng.normal(1.0, 1, 5000)
    assert monitoring.Drift("x", monitoring.psi_numeric(reference, same)).level == "stable"
    alarm = monitoring.Drift("x", monitoring.psi_numeric(reference, shifted))
    assert alarm.warning
    assert alarm.psi > monitoring.PSI_WARN


def test_calibration_uses_only_spells_with_a_known_outcome() -> None:
    rows = [("2026-01", 0.5, 30.0, True)] * 60 + [("2026-01", 0.5, 10.0, True)] * 60
    rows += [("2026-01", 0.9, 5.0, False)] * 50  # running under 26 weeks: not known yet
    (period,) = monitoring.calibration_by_period(rows)
    assert period.n == 120
    assert period.observed_long == 0.5
    assert period.mean_p_long == 0.5
    assert not period.warning


def test_badly_calibrated_period_warns() -> None:
    rows = [("2026-02", 0.2, 40.0, False)] * 100 + [("2026-02", 0.2, 3.0, True)] * 100
    (period,) = monitoring.calibration_by_period(rows)
    assert period.gap == pytest.approx(-0.3)
    assert period.warning


def test_override_rate_warns_above_thirty_percent_with_enough_decisions() -> None:
    assert monitoring.OverridePeriod("2026-03", confirmed=12, overridden=8).warning
    assert not monitoring.OverridePeriod("2026-03", confirmed=2, overridden=3).warning
    assert monitoring.OverridePeriod("x", 0, 0).rate == 0.0


def _calibrated_cohort(n_per_p: int = 40) -> list[monitoring.ScreeningRow]:
    """Screenings at application whose p_long is exactly the share of long spells."""
    rows = []
    for p, long in ((0.2, 1), (0.4, 2), (0.6, 3), (0.8, 4)):
        for k in range(n_per_p):
            is_long = k % 5 < long
            rows.append(
                monitoring.ScreeningRow(
                    "2025-06", 1, False, p, 40.0 if is_long else 10.0, not is_long, True
                )
            )
    return rows


def test_a_calibrated_cohort_warns_not_even_with_a_large_backlog_screened_late() -> None:
    onset = _calibrated_cohort()
    # 5,000 running spells imported and screened in week 30 at p_long 0.3: all already long
    backlog = [
        monitoring.ScreeningRow("2025-06", 30, True, 0.3, 31.0, False, True) for _ in range(5000)
    ]
    periods, stages = monitoring.calibration_by_design(onset + backlog)
    assert [(c.period, c.n) for c in periods] == [("2025-06", 160)]
    assert periods[0].gap == pytest.approx(0.0)
    assert not any(c.warning for c in periods)
    by_stage = {s.stage: s for s in stages}
    assert by_stage["backlog"].screenings == 5000
    assert by_stage["backlog"].already_long == 5000
    assert by_stage["backlog"].judged == 0  # never judged as if screened at onset
    # the old rule (every current screening with a known outcome) would have warned
    naive = monitoring.calibration_by_period(
        [(r.cohort, r.p_long, r.duration, r.ended) for r in onset + backlog]
    )
    assert naive[0].warning


def test_cohorts_younger_than_26_weeks_are_not_judged() -> None:
    young = [
        monitoring.ScreeningRow("2026-05", 0, False, 0.9, 3.0, True, False) for _ in range(200)
    ]
    periods, stages = monitoring.calibration_by_design(young)
    assert periods == []
    assert stages[0].screenings == 200
    assert stages[0].judged == 0


def test_the_stage_is_the_week_of_the_spell_and_where_the_case_came_from() -> None:
    assert monitoring.stage(0, True) == "application"
    assert monitoring.stage(monitoring.AT_APPLICATION_WEEKS, False) == "application"
    assert monitoring.stage(12, False) == "rescreen"
    assert monitoring.stage(12, True) == "backlog"
