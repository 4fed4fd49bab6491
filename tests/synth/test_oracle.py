"""The true P(long | inputs): its pieces against closed forms, the whole against simulation."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import ndtr

from sporskifte.synth import answers as form
from sporskifte.synth import oracle
from sporskifte.synth.hazard import ReviewRule, apply_review, draw_municipal_weeks
from sporskifte.synth.spells import simulate_spells


def test_the_duration_and_review_probability_matches_the_generators_own_draws() -> None:
    rng = np.random.default_rng(4)
    n = 400_000
    for waiting in (30 / 7, 2.0, 0.0):  # employer period, a-kasse weeks, flexjob
        eta, severity = np.full(n, 0.4), np.full(n, 1.1)
        weeks = apply_review(rng, draw_municipal_weeks(rng, eta), severity, ReviewRule()).weeks
        days = np.round((waiting + weeks) * 7.0)
        observed = float(np.mean(days > 182))
        exact = float(oracle.p_long_given_slowness(eta[:1], severity[:1], np.array([waiting]))[0])
        se = np.sqrt(exact * (1 - exact) / n)
        assert observed == pytest.approx(exact, abs=4 * se)


def test_for_the_employed_the_review_comes_too_late_to_matter_closed_form() -> None:
    from sporskifte.synth.hazard import cumulative_baseline

    knots, cum = cumulative_baseline()
    eta = np.array([-1.0, 0.0, 1.5])
    c = 26.0 + 0.5 / 7 - 30 / 7  # 21.79 municipal weeks, before the review at 22
    expected = np.exp(-np.interp(c, knots, cum) * np.exp(-eta))
    got = oracle.p_long_given_slowness(eta, np.array([-3.0, 0.0, 3.0]), np.full(3, 30 / 7))
    assert np.allclose(got, expected, rtol=0, atol=1e-15)


@pytest.mark.parametrize("waiting", [0.0, 2.0, 30 / 7])
def test_the_answers_likelihood_is_a_probability_over_every_possible_answer(
    waiting: float,
) -> None:
    answers = np.arange(1, 105)
    log_median = np.log(np.array([[0.8, 3.0, 11.0, 40.0]]))
    n = len(answers)
    own = oracle.answer_likelihood(
        answers, np.zeros(n, int), np.full(n, waiting), np.repeat(log_median, n, 0),
        np.zeros((n, 1)),
    )  # fmt: skip
    assert np.allclose(own.sum(axis=0), 1.0, atol=1e-9)
    # Own and employer answers share a noise: their joint distribution sums to one too.
    pairs = np.array([(a, b) for a in answers for b in answers])
    joint = oracle.answer_likelihood(
        pairs[:, 0], pairs[:, 1], np.full(len(pairs), waiting),
        np.repeat(log_median[:, 1:3], len(pairs), 0), np.ones((len(pairs), 1)),
    )  # fmt: skip
    assert np.allclose(joint.sum(axis=0), 1.0, atol=1e-6)
    employer_only = oracle.answer_likelihood(
        np.zeros(n, int), answers, np.full(n, waiting), np.repeat(log_median, n, 0),
        np.zeros((n, 1)),
    )  # fmt: skip
    assert np.allclose(employer_only.sum(axis=0), 1.0, atol=1e-9)
    assert np.allclose(joint.reshape(n, n, 2).sum(axis=0), employer_only[:, 1:3], atol=1e-6)


def test_integrating_on_the_severity_grid_reproduces_a_closed_form_marginal() -> None:
    """Self-rated health >= 4 given a normal severity has a closed form (a probit of a normal);
    the oracle's grid and trapezoid rule must reproduce it."""
    mean, sd = 0.6, 0.9
    s = oracle.GRID
    prior = np.exp(-0.5 * ((s - mean) / sd) ** 2)
    z = form.standardised_severity(s)
    p_high = sum(oracle.health_likelihood(np.array([k]), z[None, :])[0] for k in (4, 5))
    integrated = float(np.sum(prior * p_high) / np.sum(prior))
    cut = form.HEALTH_CUTS[2] * form.HEALTH_LATENT_SD  # latent > cut: health 4 or 5
    shift = 0.7 * (mean - form.SEVERITY_MEAN) / form.SEVERITY_SD
    spread = np.sqrt(1.0 + (0.7 * sd / form.SEVERITY_SD) ** 2)
    closed = float(1.0 - ndtr((cut + shift) / spread))
    assert integrated == pytest.approx(closed, abs=1e-9)


Cohort = tuple[np.ndarray, np.ndarray, np.ndarray]


@pytest.fixture(scope="module")
def cohort_and_truth() -> Cohort:
    table = oracle.HistoryTable.from_simulation(simulate_spells(seed=31, n=120_000))
    cohort = simulate_spells(seed=32, n=12_000)
    long = cohort.latent["uncensored_days"].to_numpy() > 182
    pregnancy = (cohort.frame["diagnosis_group"] == "pregnancy").to_numpy()
    return oracle.true_p_long(cohort.frame, table), long, pregnancy


def test_the_true_probability_is_calibrated_against_simulated_outcomes(
    cohort_and_truth: Cohort,
) -> None:
    p, long, _ = cohort_and_truth
    assert np.isfinite(p).all()
    assert ((p >= 0) & (p <= 1)).all()
    se = np.sqrt(np.sum(p * (1 - p))) / len(p)
    assert long.mean() == pytest.approx(p.mean(), abs=4 * se)
    edges = np.quantile(p, np.linspace(0, 1, 6))
    bins = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, 4)
    for b in range(5):
        rows = bins == b
        se_bin = np.sqrt(np.sum(p[rows] * (1 - p[rows]))) / rows.sum()
        assert long[rows].mean() == pytest.approx(p[rows].mean(), abs=4 * se_bin + 0.005)


def test_the_truth_ranks_well_and_knows_a_pregnancy_spell_is_never_long(
    cohort_and_truth: Cohort,
) -> None:
    from sklearn.metrics import roc_auc_score

    p, long, pregnancy = cohort_and_truth
    assert 0.8 < roc_auc_score(long, p) < 0.9
    assert pregnancy.any()
    assert (p[pregnancy] == 0).all()
    assert not long[pregnancy].any()
