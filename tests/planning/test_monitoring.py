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
