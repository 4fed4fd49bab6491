"""Held-out metrics: Uno's C against hand computations, IPCW metrics against known truths."""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from sporskifte.screening.censoring import km_censoring
from sporskifte.screening.evaluate import Outcomes, auc, catch_rates, ece, summary, uno_c


def test_uno_c_without_censoring_counts_concordant_pairs_by_hand() -> None:
    # Comparable pairs: (2,5) (2,8) (2,30) (5,8) (5,30) (8,30); only (5,8) is discordant.
    c = uno_c([2, 5, 8, 30], [True] * 4, [0.1, 0.4, 0.3, 0.9], horizon=26)
    assert c == pytest.approx(5 / 6)


def test_uno_c_weights_pairs_by_inverse_squared_censoring_survival() -> None:
    # Censored at 4 with 4 at risk: G = 0.75 from t = 4. Event at 2: weight 1, 4 comparable,
    # 4 concordant. Events at 5 and 8: weight 1/0.75^2; 2 + 1 comparable, 1 + 1 concordant.
    w = 1 / 0.75**2
    c = uno_c([2, 4, 5, 8, 30], [True, False, True, True, True], [0.1, 0.2, 0.4, 0.3, 0.9], 26)
    assert c == pytest.approx((4 + 2 * w) / (4 + 3 * w))


def test_uno_c_counts_ties_in_score_as_half_and_truncates_at_the_horizon() -> None:
    assert uno_c([2, 5], [True, True], [0.3, 0.3], horizon=26) == pytest.approx(0.5)
    # the pair (30, 40) has its earlier event after the horizon: not counted
    assert uno_c([2, 30, 40], [True, True, True], [0.1, 0.9, 0.2], 26) == pytest.approx(1.0)


def test_uno_c_treats_a_spell_running_at_an_event_time_as_comparable() -> None:
    assert uno_c([5, 5], [True, False], [0.1, 0.2], 26) == pytest.approx(1.0)
    assert math.isnan(uno_c([5, 5], [True, True], [0.1, 0.2], 26))


def brute_force_uno_c(d: np.ndarray, e: np.ndarray, s: np.ndarray, tau: float) -> float:
    curve = km_censoring(d, e)
    num = den = 0.0
    for i in range(len(d)):
        if not e[i] or d[i] >= tau:
            continue
        w = 1 / float(curve.before(d[i])) ** 2
        for j in range(len(d)):
            if d[j] > d[i] or (d[j] == d[i] and not e[j]):
                den += w
                num += w * (1.0 if s[i] < s[j] else 0.5 if s[i] == s[j] else 0.0)
    return num / den


def test_uno_c_equals_the_pairwise_definition_on_random_censored_data() -> None:
    rng = np.random.default_rng(4)
    d = np.round(rng.exponential(15, 300))
    e = rng.random(300) < 0.7
    s = np.round(rng.random(300), 1)
    assert uno_c(d, e, s, 26) == pytest.approx(brute_force_uno_c(d, e, s, 26))


def test_ipcw_auc_equals_plain_auc_when_nothing_is_censored() -> None:
    rng = np.random.default_rng(5)
    d = rng.exponential(20, 2000)
    p = rng.random(2000) * 0.5 + 0.5 * (d > 26)
    outcomes = Outcomes.from_history(d, np.ones(2000, bool), 26)
    plain = roc_auc_score(d > 26, p)
    assert auc(outcomes.long, outcomes.weight, p) == pytest.approx(plain)


def test_a_calibrated_score_has_small_ece_and_a_shifted_one_does_not() -> None:
    rng = np.random.default_rng(6)
    p = rng.random(50_000)
    y = (rng.random(50_000) < p).astype(float)
    w = np.ones_like(p)
    assert ece(y, w, p) < 0.01
    assert ece(y, w, np.clip(p + 0.1, 0, 1)) > 0.08


def test_catch_rates_fall_as_the_threshold_rises() -> None:
    rng = np.random.default_rng(7)
    p = rng.random(1000)
    y = (rng.random(1000) < p).astype(float)
    table = catch_rates(y, np.ones(1000), p, [0.1, 0.5, 0.9])
    assert table["long_caught"].is_monotonic_decreasing
    assert table["share_at_or_above"].is_monotonic_decreasing


def test_summary_reports_every_metric_for_a_censored_sample() -> None:
    rng = np.random.default_rng(8)
    t = rng.exponential(20, 3000)
    c = rng.uniform(0, 60, 3000)
    outcomes = Outcomes.from_history(np.minimum(t, c), t <= c, 26)
    p = np.clip(t / 60, 0, 1)  # an oracle-ish score: perfectly ordered
    result = summary(outcomes, p)
    assert result["auc"] == pytest.approx(1.0)
    assert result["uno_c"] == pytest.approx(1.0)
    assert set(result) == {"auc", "brier", "ece", "calibration_in_the_large", "uno_c"}
