"""Synthetic courses being phased out (`courses`) and their participants' households.

Three schemes, each simulated from its start as a flow of grants (referrals) with a planned
length that follows the rules in force at the referral date, an actual end (early for some:
pension granted, a flexjob found) and an end reason drawn from the published outcome mix:

* **ressourceforløb** (from 2013): 1–5 years, at most 3 years for grants from 1 Jan 2022, none
  for people within 6 years of state-pension age from 2022, no new grants from 1 Feb 2026;
  outcomes 56 % disability pension, 25 % flexjob/ledighedsydelse, 4 % job (2018);
* **jobafklaringsforløb** (from 1 Jul 2014): up to 2 years per course; abolished from
  1 Jan 2027, so no course is granted or planned to run beyond 31 Dec 2026; outcomes 27 % job,
  3 % education, 17 % unemployment benefit, 10 % flexjob, 3 % pension (2014–16);
* **revalidering**: a small scheme of 1–5 year courses; no new grants from 1 Feb 2026.

The file holds every course running on or after `FIRST_YEAR_SHOWN`-01-01 (granted, running or
ended). Grant flows are tuned so that about 3,500 ressourceforløb run in mid-2022 and about
2,700 in Q3 2025 (Copenhagen figures from the calibration brief, not verified in public statistics).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from sporskifte.lib.districts import DISTRICTS, UNKNOWN
from sporskifte.registers.contracts import (
    COURSE_END_REASONS,
    COURSES,
)
from sporskifte.synth import reference as ref
from sporskifte.synth.households import generate_households
from sporskifte.synth.sampling import choice

EPOCH = np.datetime64("1970-01-01", "D")
FIRST_YEAR_SHOWN = 2019
RF_MAX_3_YEARS_FROM = date(2022, 1, 1)
NO_NEW_RF_OR_REVALIDERING_FROM = date(2026, 2, 1)
JAF_ABOLISHED_FROM = date(2027, 1, 1)
STATE_PENSION_AGE = 67
"""State-pension age for the cohorts in the data (rises to 68 from 2030)."""


@dataclass(frozen=True)
class Scheme:
    """How one scheme's courses are granted, planned and ended."""

    name: str
    first_referral: date
    last_referral: date  # inclusive
    referrals_per_year: dict[int, float]
    planned_months: dict[int, float]  # planned length (months) -> weight
    p_early_end: float
    end_mix: dict[str, float]
    previous_benefit: dict[str, float]
    age_mean: float
    age_sd: float


RF_END_MIX = {
    "foertidspension": 0.56,
    "fleksjob": 0.25,
    "job": 0.04,
    "kontanthjaelp": 0.07,
    "sygedagpenge": 0.02,
    "education": 0.01,
    "selvforsoergende": 0.01,
    "moved": 0.02,
    "death": 0.01,
    "other": 0.01,
}
"""*Source*: 56 % pension, ≈25 % flexjob or ledighedsydelse, 4 % job one month after the end
(2018, nb-beskaeftigelse.dk). The remaining 15 % *design*."""

JAF_END_MIX = {
    "job": 0.27,
    "education": 0.03,
    "other": 0.27,
    "fleksjob": 0.10,
    "foertidspension": 0.03,
    "kontanthjaelp": 0.13,
    "sygedagpenge": 0.10,
    "selvforsoergende": 0.04,
    "moved": 0.02,
    "death": 0.01,
}
"""*Source*: 27 % employed, 3 % education, 17 % unemployment benefit (`other`), 10 % flexjob,
3 % pension three months after (bm.dk 2017). `other` also holds ressourceforløb (8 %); the
rest *design*."""

REVALIDERING_END_MIX = {
    "job": 0.45,
    "education": 0.20,
    "kontanthjaelp": 0.10,
    "fleksjob": 0.08,
    "selvforsoergende": 0.05,
    "sygedagpenge": 0.04,
    "moved": 0.03,
    "other": 0.05,
}
"""*Design*: revalidering aims at ordinary work, often through education."""

RESSOURCEFORLOEB = Scheme(
    "ressourceforloeb",
    date(2013, 1, 1),
    date(2026, 1, 31),
    {2013: 1620, 2019: 1425, 2022: 1330, 2023: 1250, 2024: 1200, 2025: 1150, 2026: 1100},
    {12: 0.10, 24: 0.25, 36: 0.30, 48: 0.15, 60: 0.20},
    0.45,
    RF_END_MIX,
    {"kontanthjaelp": 0.55, "sygedagpenge": 0.30, "other": 0.10, "none": 0.05},
    44.0,
    9.5,
)
JOBAFKLARINGSFORLOEB = Scheme(
    "jobafklaringsforloeb",
    date(2014, 7, 1),
    date(2026, 12, 31),
    {2014: 1700},
    {6: 0.35, 12: 0.35, 18: 0.15, 24: 0.15},
    0.50,
    JAF_END_MIX,
    {"sygedagpenge": 0.95, "other": 0.05},
    45.0,
    10.0,
)
REVALIDERING = Scheme(
    "revalidering",
    date(2010, 1, 1),
    date(2026, 1, 31),
    {2010: 120},
    {12: 0.2, 24: 0.3, 36: 0.3, 48: 0.1, 60: 0.1},
    0.30,
    REVALIDERING_END_MIX,
    {"sygedagpenge": 0.35, "kontanthjaelp": 0.35, "other": 0.20, "none": 0.10},
    35.0,
    8.0,
)
SCHEMES = (RESSOURCEFORLOEB, JOBAFKLARINGSFORLOEB, REVALIDERING)

TEAMS = {
    "Indre By": "Team Centrum",
    "Nørrebro": "Team Centrum",
    "Østerbro": "Team Nord",
    "Bispebjerg": "Team Nord",
    "Brønshøj-Husum": "Team Nord",
    "Vanløse": "Team Vest",
    "Valby": "Team Vest",
    "Vesterbro/Kongens Enghave": "Team Vest",
    "Amager Øst": "Team Syd",
    "Amager Vest": "Team Syd",
    UNKNOWN: "Team Centrum",
}
"""Caseworker teams by district (*design*)."""

DISTRICT_TILT = {"Bispebjerg": 1.6, "Brønshøj-Husum": 1.4, "Nørrebro": 1.3, "Amager Vest": 1.1}
"""Course participants live more often in the poorer districts (*design*)."""


def generate_courses(
    *, seed: int, extract_date: date = date(2025, 12, 31)
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(courses, households) in their contracts, as known on `extract_date`."""
    rng = np.random.default_rng(seed)
    parts = [_simulate_scheme(rng, scheme, extract_date) for scheme in SCHEMES]
    courses = pd.concat(parts, ignore_index=True)
    courses = courses.sort_values(["referral_date", "scheme"], kind="stable").reset_index(drop=True)
    courses = _with_ids(rng, courses)
    households = generate_households(rng, courses, extract_date)
    return courses[list(COURSES.names)], households


def _day(d: date) -> int:
    return int((np.datetime64(d, "D") - EPOCH).astype(np.int64))


def _simulate_scheme(rng: np.random.Generator, scheme: Scheme, extract: date) -> pd.DataFrame:
    last = min(scheme.last_referral, extract)
    referral = _referral_days(rng, scheme, _day(scheme.first_referral), _day(last))
    start = referral + rng.integers(7, 43, len(referral))
    if scheme.name == "jobafklaringsforloeb":  # a course must start before JAF is abolished
        starts_in_time = start < _day(JAF_ABOLISHED_FROM) - 1
        referral, start = referral[starts_in_time], start[starts_in_time]
    n = len(referral)
    age = np.clip(rng.normal(scheme.age_mean, scheme.age_sd, n), 18.0, 64.0)
    planned_end = _planned_end(rng, scheme, referral, start)
    if scheme.name == "ressourceforloeb":
        late = referral >= _day(RF_MAX_3_YEARS_FROM)
        age = np.where(late, np.minimum(age, STATE_PENSION_AGE - 6.1), age)
    ended, reason = _actual_end(rng, scheme, start, planned_end)
    known = ended <= _day(extract)
    shown = ~known | (ended >= _day(date(FIRST_YEAR_SHOWN, 1, 1)))
    frame = _course_frame(rng, scheme, referral, start, planned_end, ended, reason, known, age)
    frame = frame[shown].reset_index(drop=True)
    return _follow_up(rng, frame, _day(extract))


def _referral_days(rng: np.random.Generator, scheme: Scheme, first: int, last: int) -> np.ndarray:
    """Grants as a Poisson flow; the yearly rate is the latest entry at or before the year."""
    if last < first:
        return np.empty(0, dtype=np.int64)
    days = np.arange(first, last + 1)
    years = (EPOCH + days).astype("datetime64[Y]").astype(np.int64) + 1970
    keys = np.array(sorted(scheme.referrals_per_year))
    rates = np.array([scheme.referrals_per_year[k] for k in keys]) / 365.25
    daily = rates[np.searchsorted(keys, years, side="right") - 1]
    counts = rng.poisson(daily)
    return np.repeat(days, counts)


def _planned_end(
    rng: np.random.Generator, scheme: Scheme, referral: np.ndarray, start: np.ndarray
) -> np.ndarray:
    months = np.array(list(scheme.planned_months))[choice(rng, scheme.planned_months, len(start))]
    if scheme.name == "ressourceforloeb":
        late = referral >= _day(RF_MAX_3_YEARS_FROM)
        months = np.where(late, np.minimum(months, 36), months)
    end = _add_months(start, months) - 1
    if scheme.name == "jobafklaringsforloeb":
        end = np.minimum(end, _day(JAF_ABOLISHED_FROM) - 1)
    return np.maximum(end, start + 1)


def _add_months(days: np.ndarray, months: np.ndarray) -> np.ndarray:
    """The same day `months` later; the month's last day when it has no such day (29 Feb)."""
    as_dates = EPOCH + days
    month_start = as_dates.astype("datetime64[M]")
    offset = as_dates - month_start.astype("datetime64[D]")
    target = month_start + months.astype("timedelta64[M]")
    last_day = (target + 1).astype("datetime64[D]") - 1
    moved = np.minimum(target.astype("datetime64[D]") + offset, last_day)
    return (moved - EPOCH).astype(np.int64)


def _actual_end(
    rng: np.random.Generator, scheme: Scheme, start: np.ndarray, planned_end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """End day (early for some) and end reason (an index into COURSE_END_REASONS)."""
    n = len(start)
    early = rng.random(n) < scheme.p_early_end
    fraction = rng.uniform(0.1, 0.97, n)
    length = planned_end - start
    ended = np.where(early, start + (fraction * length).astype(np.int64), planned_end)
    names = list(scheme.end_mix)
    codes = np.array([COURSE_END_REASONS.index(r) for r in names])
    return ended, codes[choice(rng, scheme.end_mix, n)]


def _course_frame(
    rng: np.random.Generator,
    scheme: Scheme,
    referral: np.ndarray,
    start: np.ndarray,
    planned_end: np.ndarray,
    ended: np.ndarray,
    reason: np.ndarray,
    known: np.ndarray,
    age: np.ndarray,
) -> pd.DataFrame:
    n = len(referral)
    district = _districts(rng, n)
    birth = referral - np.round(age * 365.25).astype(np.int64)
    benefit = np.array(list(scheme.previous_benefit))[choice(rng, scheme.previous_benefit, n)]
    return pd.DataFrame(
        {
            "scheme": pd.Series([scheme.name] * n, dtype="string"),
            "referral_date": _dates(referral),
            "start_date": _dates(start),
            "planned_end_date": _dates(planned_end),
            "ended_date": _dates(np.where(known, ended, -1), missing=~known),
            "end_reason": _strings(np.array(COURSE_END_REASONS)[reason], ~known),
            "previous_benefit": pd.Series(benefit, dtype="string"),
            "birth_year": pd.array(
                (EPOCH + birth).astype("datetime64[Y]").astype(np.int64) + 1970, dtype="Int64"
            ),
            "district": pd.Series(np.array([*DISTRICTS, UNKNOWN])[district], dtype="string"),
        }
    )


def _districts(rng: np.random.Generator, n: int) -> np.ndarray:
    weights = ref.district_weights().copy()
    for i, name in enumerate(DISTRICTS):
        weights[i] *= DISTRICT_TILT.get(name, 1.0)
    return rng.choice(len(weights), size=n, p=weights / weights.sum())


def _dates(days: np.ndarray, missing: np.ndarray | None = None) -> pd.Series:
    series = pd.Series((EPOCH + days.astype("timedelta64[D]")).astype("datetime64[us]"))
    return series.mask(missing) if missing is not None else series


def _strings(values: np.ndarray, missing: np.ndarray) -> pd.Series:
    return pd.Series(values, dtype="string").mask(missing)


# --- contact, next step, team ----------------------------------------------------------------


def _follow_up(rng: np.random.Generator, frame: pd.DataFrame, extract: int) -> pd.DataFrame:
    """Team, last contact (some more than a year ago) and a decided next step for some."""
    n = len(frame)
    referral = _as_days(frame["referral_date"])
    planned_end = _as_days(frame["planned_end_date"])
    running = frame["ended_date"].isna().to_numpy()
    ended = np.where(running, extract, _as_days(frame["ended_date"].fillna(frame["start_date"])))
    frame["team"] = frame["district"].map(TEAMS).astype("string")
    frame.loc[rng.random(n) < 0.05, "team"] = pd.NA
    frame["last_contact_date"] = _last_contact(rng, referral, ended, running)
    decided, step_day, step = _next_step(rng, frame, referral, planned_end, ended, running)
    frame["next_step"] = _strings(step, ~decided)
    frame["next_step_decided_date"] = _dates(np.where(decided, step_day, 0), missing=~decided)
    return frame


def _as_days(column: pd.Series) -> np.ndarray:
    values = column.to_numpy(dtype="datetime64[D]")
    return (values - EPOCH).astype(np.int64)


PARKED_SHARE = 0.22
"""Running courses with no conversation for more than a year. *Source* (proxy): "a little
over one in five" ressourceforløb participants went a year or more without any help
(mentorblog.dk, base unclear)."""


def _last_contact(
    rng: np.random.Generator, referral: np.ndarray, until: np.ndarray, running: np.ndarray
) -> pd.Series:
    n = len(referral)
    span = until - referral
    eligible = running & (span > 400)  # a course can only be "parked" for a year if older
    parkable = eligible[running].mean() if running.any() else 1.0
    parked = eligible & (rng.random(n) < min(1.0, PARKED_SHARE / max(parkable, 1e-9)))
    recent = np.minimum(rng.exponential(40.0, n), 360).astype(np.int64)
    long_ago = 380 + (rng.random(n) * np.clip(span - 380, 0, 620)).astype(np.int64)
    contact = until - np.where(parked, long_ago, recent)
    contact = np.maximum(contact, referral)
    missing = rng.random(n) < 0.03
    return _dates(contact, missing=missing)


def _next_step(
    rng: np.random.Generator,
    frame: pd.DataFrame,
    referral: np.ndarray,
    planned_end: np.ndarray,
    ended: np.ndarray,
    running: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Who has a decided plan for after the course, when it was decided, and what it is."""
    n = len(frame)
    near_end = (planned_end - ended) < 183
    p = np.where(running, np.where(near_end, 0.55, 0.12), 0.60)
    decided = rng.random(n) < p
    earliest = np.maximum(referral, ended - 300)
    step_day = earliest + (rng.random(n) * (ended - earliest)).astype(np.int64)
    reason = frame["end_reason"].to_numpy(dtype=object)
    planned = np.array(list(RF_END_MIX))[choice(rng, RF_END_MIX, n)]
    step = np.where(running, planned, reason)
    return decided, step_day, step.astype(str)


def _with_ids(rng: np.random.Generator, courses: pd.DataFrame) -> pd.DataFrame:
    n = len(courses)
    numbers = rng.choice(9_999_999, size=n, replace=False) + 1
    serial = pd.Series(np.arange(1, n + 1).astype(str), dtype="string")
    courses["course_id"] = "C" + serial.str.zfill(7)
    courses["person_id"] = "K" + pd.Series(numbers.astype(str), dtype="string").str.zfill(7)
    return courses


def running_on(courses: pd.DataFrame, on: date) -> pd.Series:
    """Courses running on `on` (started, not yet ended)."""
    day = pd.Timestamp(on)
    ended = courses["ended_date"]
    return (courses["start_date"] <= day) & (ended.isna() | (ended >= day))
