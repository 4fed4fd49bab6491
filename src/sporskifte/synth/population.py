"""The people behind the sickness spells: fixed traits drawn once per person.

A person has a sex, a birth date, a district (by population), an origin (non-Western share
by district), an education, a usual labour-market status, a job (industry, occupation,
employer size) and a *frailty*: a persistent latent health level that makes spells longer and
recur more often. Origin influences education and employment here (as in the population),
but nothing downstream reads origin: it has no direct effect on durations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sporskifte.lib.districts import DISTRICTS
from sporskifte.registers.contracts import (
    EDUCATIONS,
    EMPLOYER_SIZES,
    EMPLOYMENT_STATUSES,
    OCCUPATIONS,
    ORIGINS,
)
from sporskifte.synth import reference as ref
from sporskifte.synth.sampling import choice, choice_rows

FRAILTY_SD = 0.55
"""Spread of the persistent latent health level (log-hazard scale); *design*, tuned with the
other duration parameters (see `hazard.py`)."""


@dataclass
class Persons:
    """Arrays of person traits, one entry per person (codes index the contract categories)."""

    female: np.ndarray
    birth_day: np.ndarray  # days since 1970-01-01
    district: np.ndarray  # index into DISTRICTS + unknown
    origin: np.ndarray  # index into ORIGINS
    education: np.ndarray  # index into EDUCATIONS
    status: np.ndarray  # usual status, index into EMPLOYMENT_STATUSES
    industry: np.ndarray  # index into INDUSTRIES, -1 if none
    occupation: np.ndarray  # index into OCCUPATIONS, -1 if none
    employer_size: np.ndarray  # index into EMPLOYER_SIZES (0 = none)
    frailty: np.ndarray

    def __len__(self) -> int:
        return len(self.female)


def draw_persons(rng: np.random.Generator, n: int, first_onset: np.ndarray) -> Persons:
    """Draw `n` persons whose first spell in the simulation starts on day `first_onset`."""
    female = rng.random(n) < ref.FEMALE_SHARE
    age = _age_at_first_onset(rng, n)
    birth_day = first_onset - np.round(age * 365.25).astype(np.int64)
    district = rng.choice(len(DISTRICTS) + 1, size=n, p=ref.district_weights())
    origin = _origin(rng, district)
    education = _education(rng, origin, age)
    status = _status(rng, origin, education)
    industry, occupation, size = _job(rng, status, education)
    frailty = rng.normal(0.0, FRAILTY_SD, n)
    return Persons(
        female, birth_day, district, origin, education, status, industry, occupation, size, frailty
    )


def _age_at_first_onset(rng: np.random.Generator, n: int) -> np.ndarray:
    """Ages 18–67, centred on the early forties (sickness rises with age; *design*)."""
    age = rng.normal(39.0, 11.5, n)
    return np.clip(age, 18.0, 67.5)


def _origin(rng: np.random.Generator, district: np.ndarray) -> np.ndarray:
    shares = np.array([ref.NON_WESTERN_BY_DISTRICT[d] for d in DISTRICTS] + [0.146])
    non_western = shares[district]
    probs = np.column_stack(
        [
            1.0 - non_western - ref.WESTERN_SHARE - ref.ORIGIN_UNKNOWN_SHARE,
            np.full(len(district), ref.WESTERN_SHARE),
            non_western,
            np.full(len(district), ref.ORIGIN_UNKNOWN_SHARE),
        ]
    )
    return choice_rows(rng, probs)


def _education(rng: np.random.Generator, origin: np.ndarray, age: np.ndarray) -> np.ndarray:
    base = np.array([ref.EDUCATION_MIX[e] for e in EDUCATIONS])
    probs = np.tile(base, (len(origin), 1))
    non_western = origin == ORIGINS.index("non_western")
    # Foreign education is often not registered, and basic schooling is more common.
    probs[non_western, EDUCATIONS.index("unknown")] *= 4.0
    probs[non_western, EDUCATIONS.index("basic")] *= 1.6
    young = age < 25
    probs[young, EDUCATIONS.index("master_plus")] *= 0.2
    probs[young, EDUCATIONS.index("upper_secondary")] *= 2.5
    return choice_rows(rng, probs)


def _status(rng: np.random.Generator, origin: np.ndarray, education: np.ndarray) -> np.ndarray:
    base = np.array([ref.EMPLOYMENT_MIX[s] for s in EMPLOYMENT_STATUSES])
    probs = np.tile(base, (len(origin), 1))
    unemployed = EMPLOYMENT_STATUSES.index("unemployed")
    probs[origin == ORIGINS.index("non_western"), unemployed] *= 1.7
    low = np.isin(education, [EDUCATIONS.index("basic"), EDUCATIONS.index("unknown")])
    probs[low, unemployed] *= 1.5
    probs[education == EDUCATIONS.index("master_plus"), unemployed] *= 0.7
    return choice_rows(rng, probs)


def _job(
    rng: np.random.Generator, status: np.ndarray, education: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(status)
    industry = choice(rng, ref.INDUSTRY_MIX, n)
    occupation = np.empty(n, dtype=np.int64)
    for code, name in enumerate(EDUCATIONS):
        rows = np.flatnonzero(education == code)
        mix = ref.OCCUPATION_BY_EDUCATION[name]
        picked = choice(rng, mix, len(rows))
        occupation[rows] = np.array([OCCUPATIONS.index(k) for k in mix])[picked]
    size = 1 + choice(rng, ref.EMPLOYER_SIZE_MIX, n)
    return industry, occupation, size


def job_for_status(
    persons: Persons, idx: np.ndarray, status: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Industry, occupation and employer size of a spell, given the status at onset.

    Employer size is `none` (code 0) unless employed; the unemployed and `other` have no
    employer's industry and often no registered occupation; a few employed rows lack them too.
    """
    industry = persons.industry[idx].copy()
    occupation = persons.occupation[idx].copy()
    size = persons.employer_size[idx].copy()
    employed = status == EMPLOYMENT_STATUSES.index("employed")
    size[~employed] = EMPLOYER_SIZES.index("none")
    without_employer = np.isin(
        status, [EMPLOYMENT_STATUSES.index("unemployed"), EMPLOYMENT_STATUSES.index("other")]
    )
    industry[without_employer] = -1
    occupation[without_employer & (rng.random(len(idx)) < 0.5)] = -1
    gaps = rng.random(len(idx)) < 0.04
    industry[gaps] = -1
    occupation[gaps & (rng.random(len(idx)) < 0.5)] = -1
    return industry, occupation, size
