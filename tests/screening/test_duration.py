"""Median duration: the censored log-normal AFT recovers a known median; anchoring is consistent."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sporskifte.screening.duration import LogNormalDuration


def spells(n: int, mental: np.ndarray) -> pd.DataFrame:
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


def test_censored_fit_recovers_known_medians_where_dropping_running_spells_does_not() -> None:
    n = 20_000
    rng = np.random.default_rng(9)
    mental = rng.random(n) < 0.5
    median = np.where(mental, 20.0, 6.0)
    t = median * np.exp(0.8 * rng.standard_normal(n))
    c = rng.uniform(0, 40, n)
    duration, ended = np.minimum(t, c), t <= c
    frame = spells(n, mental)
    model = LogNormalDuration(features=("diagnosis_group",)).fit(frame, duration, ended)
    predicted = model.predict_median(frame)
    assert predicted[mental].mean() == pytest.approx(20.0, rel=0.05)
    assert predicted[~mental].mean() == pytest.approx(6.0, rel=0.05)
    assert model.sigma_ == pytest.approx(0.8, rel=0.05)
    dropped = LogNormalDuration(features=("diagnosis_group",)).fit(
        frame[ended], duration[ended], np.ones(ended.sum(), bool)
    )
    assert dropped.predict_median(frame)[mental].mean() < 16.0


def test_anchored_median_passes_the_horizon_exactly_when_p_long_passes_one_half() -> None:
    rng = np.random.default_rng(10)
    model = LogNormalDuration(features=("diagnosis_group",)).fit(
        spells(500, rng.random(500) < 0.5), rng.exponential(10, 500), np.ones(500, bool)
    )
    p = np.array([0.1, 0.49, 0.5, 0.51, 0.9])
    median = model.median_given_p_long(p, 26.0)
    assert (median > 26.0).tolist() == [False, False, False, True, True]
    assert median[2] == pytest.approx(26.0)
    assert np.all(np.diff(median) > 0)
