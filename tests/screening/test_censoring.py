"""Censoring: the IPCW label is unbiased where dropping running spells is not."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sporskifte.screening.censoring import horizon_outcome, ipcw_weights, km_censoring
from sporskifte.screening.estimators import LogisticBaseline

HORIZON = 26.0


def censored_exponential(n: int, rate: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """T ~ Exp(rate) (known P(T > 26) = exp(-26 rate)), C ~ Uniform(0, 60) independent."""
    rng = np.random.default_rng(seed)
    t = rng.exponential(1.0 / rate, size=n)
    c = rng.uniform(0.0, 60.0, size=n)
    return np.minimum(t, c), t <= c


def test_ipcw_share_long_is_unbiased_where_dropping_running_spells_is_not() -> None:
    rate = np.full(200_000, 1.0 / 20.0)
    truth = float(np.exp(-HORIZON / 20.0))  # 0.2725
    duration, ended = censored_exponential(len(rate), rate, seed=1)
    long, known = horizon_outcome(duration, ended, HORIZON)
    weight = ipcw_weights(duration, ended, HORIZON)
    ipcw = np.sum(weight * long) / np.sum(weight)
    naive = long[known].mean()
    assert ipcw == pytest.approx(truth, abs=0.006)
    assert naive < truth - 0.05  # dropping running spells loses mostly long ones


def test_a_model_fitted_with_ipcw_weights_recovers_known_group_risks() -> None:
    n = 40_000
    rng = np.random.default_rng(2)
    mental = rng.random(n) < 0.5
    rate = np.where(mental, 1.0 / 40.0, 1.0 / 10.0)
    duration, ended = censored_exponential(n, rate, seed=3)
    spells = _spells(mental)
    long, known = horizon_outcome(duration, ended, HORIZON)
    weight = ipcw_weights(duration, ended, HORIZON)
    model = LogisticBaseline(features=("diagnosis_group",), calibration_share=0.0)
    model.fit(spells[known], long[known], weight[known])
    p = model.predict_proba(spells)[:, 1]
    assert p[mental].mean() == pytest.approx(np.exp(-26 / 40), abs=0.02)
    assert p[~mental].mean() == pytest.approx(np.exp(-26 / 10), abs=0.02)
    naive = LogisticBaseline(features=("diagnosis_group",), calibration_share=0.0)
    naive.fit(spells[known], long[known])
    assert naive.predict_proba(spells)[mental, 1].mean() < np.exp(-26 / 40) - 0.05


def _spells(mental: np.ndarray) -> pd.DataFrame:
    n = len(mental)
    return pd.DataFrame(
        {
            "spell_id": [f"S{i}" for i in range(n)],
            "onset_date": pd.Timestamp("2024-01-01"),
            "birth_year": 1980,
            "employment_status": "employed",
            "employer_size": "10-49",
            "education": "vocational",
            "partial_sick_leave": False,
            "work_related": False,
            "diagnosis_group": np.where(mental, "mental", "musculoskeletal"),
            "prior_spells_3y": 0,
            "prior_sick_weeks_3y": 0,
            "benefit_weeks_3y": 0,
        }
    )


def test_spells_running_past_the_horizon_are_known_long() -> None:
    long, known = horizon_outcome([30.0, 26.0, 10.0, 26.0], [False, False, False, True], HORIZON)
    assert long.tolist() == [True, True, False, False]
    assert known.tolist() == [True, True, False, True]


def test_kaplan_meier_of_censoring_matches_a_hand_computation() -> None:
    # times 1(end) 2(cens) 3(end) 4(cens) 5(end): at risk at 2 is 4, at 4 is 2.
    curve = km_censoring([1, 2, 3, 4, 5], [True, False, True, False, True])
    assert curve.at([1.5, 2, 3.9, 4, 9]).tolist() == pytest.approx([1, 0.75, 0.75, 0.375, 0.375])
    assert float(curve.before(2)) == 1.0
    assert float(curve.before(4)) == pytest.approx(0.75)


def test_weights_are_zero_for_unknown_outcomes_and_inverse_g_otherwise() -> None:
    duration = np.array([1, 2, 3, 4, 30.0])
    ended = np.array([True, False, True, False, True])
    weight = ipcw_weights(duration, ended, HORIZON)
    # G(3-) = 0.75 after one censoring among 4 at risk; G(26-) = 0.75 * (1 - 1/2)
    assert weight.tolist() == pytest.approx([1.0, 0.0, 1 / 0.75, 0.0, 1 / 0.375])


def test_weighting_is_refused_when_nobody_is_followed_to_the_horizon() -> None:
    with pytest.raises(ValueError, match="followed up"):
        ipcw_weights([5.0, 6.0], [False, False], HORIZON)
