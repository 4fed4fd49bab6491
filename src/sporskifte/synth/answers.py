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
SEVERITY_MEAN = 0.32
SEVERITY_SD = 1.07
"""Mean and spread of the latent severity over generated spells (measured on 400,000): answers
read the severity standardised by these fixed figures, so one spell's answers never depend on
which other spells were drawn with it (and the exact P(long | answers) exists, see `oracle`)."""
TYPICAL_LOG_MEDIAN = 0.98
"""Median over spells of log(median municipal weeks): the employer's "typical absence"."""
HEALTH_LATENT_SD = float(np.sqrt(0.7**2 + 1.0))
"""Spread of -0.7 * z + N(0, 1) for a standardised z: the self-rated health latent's scale."""


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
    severity = standardised_severity(severity)
    noise = rng.normal(0.0, EXPECTATION_SD, n)
    own = waiting + median * np.exp(EXPECTATION_BIAS + MENTAL_PESSIMISM * mental + noise)
    not_employed = status != EMPLOYMENT_STATUSES.index("employed")
    no_form = rng.random(n) < p_no_form(not_employed, severity)
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
    return np.exp(employer_log_centre(median) + 0.5 * noise + rng.normal(0.0, 0.45, len(median)))


def employer_log_centre(median: np.ndarray) -> np.ndarray:
    """log(employer's expected weeks) before noise: shrunk towards the typical absence, hoping
    for an earlier return (minus 0.2)."""
    log_median = np.log(np.maximum(median, 0.5))
    return TYPICAL_LOG_MEDIAN + EMPLOYER_INSIGHT * (log_median - TYPICAL_LOG_MEDIAN) - 0.2


def standardised_severity(severity: np.ndarray) -> np.ndarray:
    """The latent severity on the scale the answers read it (population-standardised)."""
    return (np.asarray(severity, dtype=float) - SEVERITY_MEAN) / SEVERITY_SD


def p_no_form(not_employed: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Probability that the person leaves the form empty, given standardised severity `z`."""
    return sigmoid(logit(OWN_EXPECTATION_MISSING) - 0.1 + 0.5 * not_employed + 0.35 * z)


HEAP_SHARE = 0.3
HEAPS = ((20.0, 32.0, 26), (40.0, 64.0, 52))
"""(above, below, answer): a share `HEAP_SHARE` of answers strictly between go to the round
number."""


def rounded_weeks(weeks: np.ndarray) -> np.ndarray:
    """Weeks as people write them (before heaping): whole weeks, then even numbers, months
    (4 weeks), quarters (13 weeks), within 1 … 104."""
    w = np.clip(weeks, 1.0, 104.0)
    rounded = np.select(
        [w < 8, w < 16, w < 52],
        [np.round(w), 2 * np.round(w / 2), 4 * np.round(w / 4)],
        13 * np.round(w / 13),
    )
    return np.clip(rounded, 1, 104)


def _as_answered(rng: np.random.Generator, weeks: np.ndarray) -> np.ndarray:
    """Weeks as people write them; 26 and 52 attract answers (`HEAPS`)."""
    w = np.clip(weeks, 1.0, 104.0)
    rounded = rounded_weeks(w)
    heap = rng.random(len(w)) < HEAP_SHARE
    for above, below, answer in HEAPS:
        rounded = np.where(heap & (w > above) & (w < below), answer, rounded)
    return rounded.astype(np.int64)


HEALTH_CUTS = np.array([-1.476, -0.613, 0.305, 1.175])
"""Standard-normal cut points giving 7 / 20 / 35 / 26 / 12 % answers 1…5 (*design*)."""


def _self_rated_health(rng: np.random.Generator, severity: np.ndarray) -> np.ndarray:
    latent = (-0.7 * severity + rng.normal(0.0, 1.0, len(severity))) / HEALTH_LATENT_SD
    return 1 + (latent[:, None] > HEALTH_CUTS[None, :]).sum(axis=1)


def _int_or_missing(values: np.ndarray, missing: np.ndarray) -> pd.api.extensions.ExtensionArray:
    array = pd.array(values, dtype="Int64")
    array[missing] = pd.NA
    return array
