"""Fairness audit: a group the model treats differently is flagged; a fair one is not."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sporskifte.screening.evaluate import Outcomes
from sporskifte.screening.fairness import audit, audit_groups


def test_a_miscalibrated_group_is_flagged_and_a_calibrated_one_is_not() -> None:
    n = 8000
    rng = np.random.default_rng(12)
    group = np.where(rng.random(n) < 0.5, "non_western", "danish")
    risk = rng.uniform(0.05, 0.6, n)
    long = rng.random(n) < risk
    duration = np.where(long, 40.0, 5.0)
    p = np.where(group == "non_western", np.clip(risk + 0.15, 0, 1), risk)
    outcomes = Outcomes.from_history(duration, np.ones(n, bool), 26)
    table = audit(outcomes, p, {"origin": pd.Series(group)}, threshold=0.4, n_boot=30)
    calibration = table[table["metric"] == "calibration_in_the_large"].set_index("group")
    assert calibration.loc["non_western", "flagged"]
    assert calibration.loc["non_western", "ci_excludes_reference"]
    assert not calibration.loc["danish", "flagged"]
    assert (table["ci_low"] <= table["value"] + 1e-12).all()
    assert (table["value"] <= table["ci_high"] + 1e-12).all()


def test_the_false_short_rate_counts_long_spells_below_the_threshold() -> None:
    duration = np.array([40.0, 40.0, 40.0, 40.0, 5.0])
    p = np.array([0.1, 0.2, 0.8, 0.9, 0.1])
    outcomes = Outcomes.from_history(duration, np.ones(5, bool), 26)
    table = audit(outcomes, p, {"sex": pd.Series(["F"] * 5)}, threshold=0.5, n_boot=5)
    rate = table[table["metric"] == "false_short_rate"]["value"].item()
    assert rate == 0.5


def test_all_four_attributes_are_audited(history: pd.DataFrame) -> None:
    groups = audit_groups(history)
    assert list(groups) == ["sex", "age_band", "district", "origin"]
    assert set(groups["age_band"]) <= {"under 30", "30-39", "40-49", "50-59", "60+", "unknown"}
