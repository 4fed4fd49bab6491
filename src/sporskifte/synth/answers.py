"""The information form: what the sick-listed person (and the employer) answer.

The person's own expected return is the strongest known predictor of a long absence
(PMC4833917), so it is generated from the same slowness that drives the duration: the median
duration for the spell's slowness, times noise, written as people write it (whole weeks,
months, 26 and 52 weeks attract answers). About 30 % leave the form empty, more often the more
ill and those without a job. The employer knows the situation less well and hopes for an
earlier return; only employers of the employed (and flexjob) answer, about half of them.
Self-rated health (1 very poor … 5 very good) reflects the latent severity.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sporskifte.registers.contracts import EMPLOYMENT_STATUSES
from sporskifte.synth.sampling import logit, sigmoid

WITH_EMPLOYER = [EMPLOYMENT_STATUSES.index("employed"), EMPLOYMENT_STATUSES.index("flexjob")]

EXPECTATION_SD = 0.45
"""Noise of the person's own expected return around the median for their slowness."""
EXPECTATION_BIAS = -0.10
"""People expect to be back a little sooner than the median."""
MENTAL_PESSIMISM = 0.15
"""People sick-listed for mental health expect longer absences (PMC4833917: their lower
expectations explain their slower return)."""
OWN_EXPECTATION_MISSING = 0.30
EMPLOYER_INSIGHT = 0.6
"""How much of the person's situation the employer's expectation reflects (*design*)."""
EMPLOYER_ANSWERS = 0.55
"""Share of employed people's employers who state an expected return (*design*)."""


def information_form(
    rng: np.random.Generator,
    *,
    waiting: np.ndarray,
    median: np.ndarray,
    status: np.ndarray,
    severity: np.ndarray,
    mental: np.ndarray,
) -> dict[str, pd.api.extensions.ExtensionArray]:
    """Answers for each spell: own expected return, employer's expectation, self-rated health.

    `waiting` and `median` are in weeks (employer period; median municipal duration for the
    spell's slowness); `status` indexes EMPLOYMENT_STATUSES; `severity` is the latent severity.
    """
    n = len(waiting)
    severity = _z(severity)
    noise = rng.normal(0.0, EXPECTATION_SD, n)
    own = waiting + median * np.exp(EXPECTATION_BIAS + MENTAL_PESSIMISM * mental + noise)
    not_employed = status != EMPLOYMENT_STATUSES.index("employed")
    p_missing = sigmoid(logit(OWN_EXPECTATION_MISSING) - 0.1 + 0.5 * not_employed + 0.35 * severity)
    no_form = rng.random(n) < p_missing
    employer = waiting + _employer_view(rng, median, noise)
    has_employer = np.isin(status, WITH_EMPLOYER)
    answered = has_employer & (rng.random(n) < EMPLOYER_ANSWERS)
    health = _self_rated_health(rng, severity)
    no_health = no_form | (rng.random(n) < 0.03)
    return {
        "expected_return_weeks": _int_or_missing(_as_answered(rng, own), no_form),
        "employer_expected_return_weeks": _int_or_missing(_as_answered(rng, employer), ~answered),
        "self_rated_health": _int_or_missing(health, no_health),
    }


def _employer_view(rng: np.random.Generator, median: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """The employer's expected weeks: it knows the health situation less well than the person
    (answers pulled towards a typical absence) and hopes for an earlier return."""
    log_median = np.log(np.maximum(median, 0.5))
    typical = np.median(log_median) if len(log_median) else 0.0
    shrunk = typical + EMPLOYER_INSIGHT * (log_median - typical)
    return np.exp(shrunk - 0.2 + 0.5 * noise + rng.normal(0.0, 0.45, len(median)))


def _z(x: np.ndarray) -> np.ndarray:
    if x.size == 0:
        return x
    sd = x.std()
    return (x - x.mean()) / sd if sd > 0 else np.zeros_like(x)


def _as_answered(rng: np.random.Generator, weeks: np.ndarray) -> np.ndarray:
    """Weeks as people write them: whole weeks, then even numbers, months, quarters; 26 and
    52 attract answers."""
    w = np.clip(weeks, 1.0, 104.0)
    rounded = np.select(
        [w < 8, w < 16, w < 52],
        [np.round(w), 2 * np.round(w / 2), 4 * np.round(w / 4)],
        13 * np.round(w / 13),
    )
    heap = rng.random(len(w)) < 0.3
    rounded = np.where(heap & (w > 20) & (w < 32), 26, rounded)
    rounded = np.where(heap & (w > 40) & (w < 64), 52, rounded)
    return np.clip(rounded, 1, 104).astype(np.int64)


HEALTH_CUTS = np.array([-1.476, -0.613, 0.305, 1.175])
"""Standard-normal cut points giving 7 / 20 / 35 / 26 / 12 % answers 1…5 (*design*)."""


def _self_rated_health(rng: np.random.Generator, severity: np.ndarray) -> np.ndarray:
    latent = _z(-0.7 * severity + rng.normal(0.0, 1.0, len(severity)))
    return 1 + (latent[:, None] > HEALTH_CUTS[None, :]).sum(axis=1)


def _int_or_missing(values: np.ndarray, missing: np.ndarray) -> pd.api.extensions.ExtensionArray:
    array = pd.array(values, dtype="Int64")
    array[missing] = pd.NA
    return array
