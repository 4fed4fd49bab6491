"""Synthetic sickness-benefit spells for Copenhagen, in the `sickness_spells` contract.

How a spell history is made (all vectorised; one pass per *round* of spells):

1. People enter with a first spell at a random date (from six years before `start`, so the
   window opens in a steady state). Each person has fixed traits (`population.py`).
2. For every spell: status at onset, job, diagnosis, partial leave, work-related, prior spells
   and weeks in the 3 years before onset (counted from the person's own earlier spells, plus
   a latent history before the simulation began), and a *slowness* from the covariate effects
   (`effects.py`) plus a latent severity (person frailty + diagnosis + spell noise).
3. The duration is drawn from the hazard model (`hazard.py`), then the 22-week review.
4. The person's own expected return is the median duration for their slowness, with noise
   and the round numbers people answer; about 30 % leave it empty (more often the more ill).
   The employer's expectation is correlated with it and answered for about half of the
   employed. Self-rated health reflects the latent severity.
5. An ended spell may be followed by another one after a gap (more often for the frail).

Spells are censored at `extract_date`; the result is thinned at random to exactly `n` rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from sporskifte.lib.districts import DISTRICTS, UNKNOWN
from sporskifte.registers.contracts import (
    DIAGNOSIS_GROUPS,
    EDUCATIONS,
    EMPLOYER_SIZES,
    EMPLOYMENT_STATUSES,
    INDUSTRIES,
    OCCUPATIONS,
    ORIGINS,
    SICKNESS_SPELLS,
    SPELL_END_REASONS,
)
from sporskifte.synth import effects as fx
from sporskifte.synth import reference as ref
from sporskifte.synth.answers import information_form
from sporskifte.synth.hazard import (
    ReviewRule,
    apply_review,
    draw_municipal_weeks,
    median_municipal_weeks,
)
from sporskifte.synth.population import FRAILTY_SD, Persons, draw_persons, job_for_status
from sporskifte.synth.sampling import choice_rows, codes_of, sigmoid

EPOCH = date(1970, 1, 1)
YEAR = 365.25
WINDOW_3Y = 1096
"""Days in the 3-year look-back for prior spells and weeks."""
WARM_UP_YEARS = 6
SPELLS_PER_PERSON_GUESS = 1.45
"""Spells per entering person (measured); sizes the first batch of people."""

DIAGNOSES = (
    "musculoskeletal",
    "mental",
    "injury",
    "cancer",
    "cardiovascular",
    "other",
    "pregnancy",
)
"""True diagnoses: the contract's groups without `unknown`."""
TRUE_DIAGNOSES = ("mental", "musculoskeletal", "injury", "cancer", "cardiovascular", "other")

SEVERITY_SD = 0.85
"""Spell-level latent severity (log-hazard scale): what the person knows, registers do not."""
SLOWNESS_OFFSET = -0.25
"""Centres the slowness so the tuned baseline hazard applies to a typical spell."""


@dataclass
class SimulatedSpells:
    """The contract frame and, aligned with it, latent columns used for calibration."""

    frame: pd.DataFrame
    latent: pd.DataFrame = field(repr=False)


def generate_spells(
    *,
    seed: int,
    n: int | None = None,
    start: date = date(2019, 1, 1),
    extract_date: date = date(2025, 12, 31),
    per_year: int = 40_000,
) -> pd.DataFrame:
    """Spells with onset from `start` to `extract_date`, in the `sickness_spells` contract.

    `n` spells in all (default: `per_year` a year), with outcome columns, censored at
    `extract_date`. Deterministic for a seed.
    """
    return simulate_spells(
        seed=seed, n=n, start=start, extract_date=extract_date, per_year=per_year
    ).frame


def simulate_spells(
    *,
    seed: int,
    n: int | None = None,
    start: date = date(2019, 1, 1),
    extract_date: date = date(2025, 12, 31),
    per_year: int = 40_000,
) -> SimulatedSpells:
    """`generate_spells` plus latent columns (municipal weeks, review outcome) for calibration."""
    if extract_date <= start:
        raise ValueError("extract_date must be after start")
    window_days = (extract_date - start).days + 1
    target = n if n is not None else round(per_year * window_days / YEAR)
    if target < 0:
        raise ValueError("n must be >= 0")
    rng = np.random.default_rng(seed)
    start_day, extract_day = _day(start), _day(extract_date)
    spells = _enough_spells(rng, target, start_day, extract_day)
    keep = np.sort(rng.choice(len(spells["onset"]), size=target, replace=False))
    chosen = {k: v[keep] for k, v in spells.items()}
    order = np.argsort(chosen["onset"], kind="stable")
    chosen = {k: v[order] for k, v in chosen.items()}
    return _assemble(rng, chosen, extract_day)


def _day(d: date) -> int:
    return (d - EPOCH).days


def _enough_spells(
    rng: np.random.Generator, target: int, start_day: int, extract_day: int
) -> dict[str, np.ndarray]:
    """Simulate batches of people until at least `target` spells start inside the window."""
    batches: list[dict[str, np.ndarray]] = []
    have, next_person = 0, 0
    window_years = (extract_day - start_day + 1) / YEAR
    share_in_window = window_years / (window_years + WARM_UP_YEARS)
    while have < target or not batches:
        missing = max(target - have, 1)
        people = int(missing / SPELLS_PER_PERSON_GUESS / share_in_window * 1.08) + 50
        batch = _simulate_people(rng, people, start_day, extract_day)
        batch["person"] += next_person
        next_person += people
        inside = batch["onset"] >= start_day
        batches.append({k: v[inside] for k, v in batch.items()})
        have += int(inside.sum())
    return {k: np.concatenate([b[k] for b in batches]) for k in batches[0]}


# --- rounds of spells ------------------------------------------------------------------------


@dataclass
class _Round:
    """One spell per active chain: person index, onset and end day (end may be censored)."""

    person: np.ndarray
    onset: np.ndarray
    end: np.ndarray


def _simulate_people(
    rng: np.random.Generator, people: int, start_day: int, extract_day: int
) -> dict[str, np.ndarray]:
    first = _entry_days(rng, people, start_day - int(WARM_UP_YEARS * YEAR), extract_day)
    persons = draw_persons(rng, people, first)
    idx, onset, status = np.arange(people), first, persons.status.copy()
    rounds: list[_Round] = []
    parts: list[dict[str, np.ndarray]] = []
    while len(idx):
        spell = _draw_spells(rng, persons, idx, onset, status[idx], rounds, first)
        parts.append(spell)
        rounds.append(_Round(idx, onset, onset + spell["days"]))
        idx, onset, status = _next_round(rng, persons, spell, idx, onset, status, extract_day)
    return {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}


def _entry_days(rng: np.random.Generator, n: int, first_day: int, last_day: int) -> np.ndarray:
    """Entry dates with a mild winter peak (more sickness in the cold months; *design*)."""
    days = rng.integers(first_day, last_day + 1, size=2 * n + 100)
    season = 1.0 + 0.15 * np.cos(2 * np.pi * ((days - 15) % 365.25) / 365.25)
    accepted = days[rng.random(len(days)) * 1.15 < season]
    while len(accepted) < n:  # practically never: the acceptance rate is about 87 %
        accepted = np.concatenate([accepted, _entry_days(rng, n, first_day, last_day)])
    return accepted[:n]


def _next_round(
    rng: np.random.Generator,
    persons: Persons,
    spell: dict[str, np.ndarray],
    idx: np.ndarray,
    onset: np.ndarray,
    status: np.ndarray,
    extract_day: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Who has another spell, when, and with which status at its onset."""
    end = onset + spell["days"]
    frail = persons.frailty[idx] / FRAILTY_SD
    reason = spell["end_reason"]
    stops = reason == SPELL_END_REASONS.index("other")
    again = (end <= extract_day) & ~stops & (rng.random(len(idx)) < sigmoid(-0.9 + 0.9 * frail))
    gap = 30 + rng.exponential(500.0 * np.exp(-0.4 * frail))
    next_onset = end + gap.astype(np.int64)
    keep = again & (next_onset <= extract_day)
    _update_status(rng, persons, status, idx, reason)
    return idx[keep], next_onset[keep], status


def _update_status(
    rng: np.random.Generator,
    persons: Persons,
    status: np.ndarray,
    idx: np.ndarray,
    reason: np.ndarray,
) -> None:
    """After a spell ending on another benefit the person is rarely back in their old job."""
    to_benefit = reason == SPELL_END_REASONS.index("other_benefit")
    draw = choice_rows(rng, np.tile([0.0, 0.6, 0.0, 0.15, 0.25], (int(to_benefit.sum()), 1)))
    status[idx[to_benefit]] = draw
    to_work = reason == SPELL_END_REASONS.index("work")
    base = persons.status[idx[to_work]]
    status[idx[to_work]] = np.where(
        base == EMPLOYMENT_STATUSES.index("unemployed"), 0, base
    )  # found work: employed


# --- one spell per active chain --------------------------------------------------------------


def _draw_spells(
    rng: np.random.Generator,
    persons: Persons,
    idx: np.ndarray,
    onset: np.ndarray,
    status: np.ndarray,
    rounds: list[_Round],
    first: np.ndarray,
) -> dict[str, np.ndarray]:
    age = (onset - persons.birth_day[idx]) / YEAR
    industry, occupation, size = job_for_status(persons, idx, status, rng)
    diagnosis = _diagnosis(rng, persons, idx, age)
    priors = _priors(rng, persons, idx, onset, rounds, first, status)
    partial, work_related = _spell_flags(rng, status, diagnosis, occupation)
    spell = {
        "person": idx,
        "female": persons.female[idx],
        "birth_day": persons.birth_day[idx],
        "district": persons.district[idx],
        "origin": persons.origin[idx],
        "education": persons.education[idx],
        "onset": onset,
        "age": age,
        "status": status.copy(),
        "industry": industry,
        "occupation": occupation,
        "size": size,
        "diagnosis": diagnosis,
        "partial": partial,
        "work_related": work_related,
        **priors,
    }
    spell.update(_duration(rng, persons, spell))
    return spell


def _diagnosis(
    rng: np.random.Generator, persons: Persons, idx: np.ndarray, age: np.ndarray
) -> np.ndarray:
    """True diagnosis (index into DIAGNOSES): chronic disease rises with age."""
    probs = _chronic_by_age(age)
    drawn = np.array([DIAGNOSES.index(d) for d in TRUE_DIAGNOSES])[choice_rows(rng, probs)]
    fertile = persons.female[idx] & (age >= 20) & (age < 45)
    pregnant = fertile & (rng.random(len(idx)) < ref.PREGNANCY_SHARE_WOMEN_20_44)
    return np.where(pregnant, DIAGNOSES.index("pregnancy"), drawn)


def _chronic_by_age(age: np.ndarray) -> np.ndarray:
    """Unnormalised weights of TRUE_DIAGNOSES per spell (cancer and heart disease rise with age)."""
    base = np.array([ref.DIAGNOSIS_MIX[d] for d in TRUE_DIAGNOSES])
    probs = np.tile(base, (len(age), 1))
    older = np.clip(age / 45.0, 0.4, 1.6) ** 2
    for name in ("cancer", "cardiovascular"):
        probs[:, TRUE_DIAGNOSES.index(name)] *= older
    return probs


def diagnosis_probabilities(age: np.ndarray, female: np.ndarray) -> np.ndarray:
    """P(true diagnosis) per spell, columns in `DIAGNOSES` order (as `_diagnosis` draws it)."""
    probs = _chronic_by_age(np.asarray(age, dtype=float))
    probs = probs / probs.sum(axis=1, keepdims=True)
    fertile = np.asarray(female, bool) & (age >= 20) & (age < 45)
    pregnant = np.where(fertile, ref.PREGNANCY_SHARE_WOMEN_20_44, 0.0)
    out = np.zeros((len(probs), len(DIAGNOSES)))
    for j, name in enumerate(TRUE_DIAGNOSES):
        out[:, DIAGNOSES.index(name)] = probs[:, j] * (1.0 - pregnant)
    out[:, DIAGNOSES.index("pregnancy")] = pregnant
    return out


def _priors(
    rng: np.random.Generator,
    persons: Persons,
    idx: np.ndarray,
    onset: np.ndarray,
    rounds: list[_Round],
    first: np.ndarray,
    status: np.ndarray,
) -> dict[str, np.ndarray]:
    """Spells and weeks in the 3 years before onset: own earlier spells + latent history."""
    window_start = onset - WINDOW_3Y
    count = np.zeros(len(idx), dtype=np.int64)
    days = np.zeros(len(idx), dtype=float)
    for past in rounds:
        pos = np.searchsorted(past.person, idx)
        p_onset, p_end = past.onset[pos], past.end[pos]
        count += p_onset >= window_start
        days += np.clip(np.minimum(p_end, onset) - np.maximum(p_onset, window_start), 0, None)
    before_first = np.clip(first[idx] - window_start, 0, WINDOW_3Y) / WINDOW_3Y
    rate = 0.12 * np.exp(0.9 * persons.frailty[idx] / FRAILTY_SD) * 3.0 * before_first
    latent = rng.poisson(rate)
    latent_weeks = rng.gamma(1.2, 7.0, len(idx)) * latent + 4.3 * latent
    sick_weeks = np.minimum(np.round(days / 7.0 + latent_weeks), 156).astype(np.int64)
    other_weeks = _other_benefit_weeks(rng, status)
    benefit = np.minimum(sick_weeks + other_weeks, 156)
    return {"prior_spells": count + latent, "prior_weeks": sick_weeks, "benefit_weeks": benefit}


def _other_benefit_weeks(rng: np.random.Generator, status: np.ndarray) -> np.ndarray:
    """Weeks on other benefits (dagpenge, kontanthjælp, ledighedsydelse) in 3 years."""
    n = len(status)
    share = np.array([0.15, 1.0, 0.05, 0.30, 1.0])[status]
    low = np.array([1, 13, 1, 5, 20])[status]
    high = np.array([40, 100, 30, 60, 120])[status]
    weeks = rng.integers(low, high + 1)
    return np.where(rng.random(n) < share, weeks, 0)


def _spell_flags(
    rng: np.random.Generator, status: np.ndarray, diagnosis: np.ndarray, occupation: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n = len(status)
    p_partial, p_work = flag_probabilities(status, diagnosis, occupation)
    return rng.random(n) < p_partial, rng.random(n) < p_work


def flag_probabilities(
    status: np.ndarray, diagnosis: np.ndarray, occupation: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """P(partial sick leave) and P(work-related) per spell, given status, true diagnosis
    (index into DIAGNOSES) and occupation code (-1 for none)."""
    with_job = np.isin(status, [0, 3])  # employed, flexjob
    common = np.isin(diagnosis, [DIAGNOSES.index("mental"), DIAGNOSES.index("musculoskeletal")])
    p_partial = np.where(with_job, 0.18, 0.05) * np.where(common, 1.2, 0.8)
    manual = np.isin(occupation, [7, 8, 9])
    p_work = 0.05 * np.where(manual, 1.6, 1.0)
    p_work = p_work * np.where(diagnosis == DIAGNOSES.index("injury"), 3.5, 1.0)
    p_work = p_work * np.where(diagnosis == DIAGNOSES.index("musculoskeletal"), 1.5, 1.0)
    return p_partial, p_work


# --- slowness, duration, outcome -------------------------------------------------------------


def _register_slowness(persons: Persons, s: dict[str, np.ndarray]) -> np.ndarray:
    """The covariate part of the slowness (effects.py), from what registers can see."""
    idx = s["person"]
    return register_slowness(
        female=persons.female[idx],
        age=s["age"],
        education=persons.education[idx],
        status=s["status"],
        size=s["size"],
        industry=s["industry"],
        occupation=s["occupation"],
        prior_spells=s["prior_spells"],
        prior_weeks=s["prior_weeks"],
        benefit_weeks=s["benefit_weeks"],
        partial=s["partial"],
        work_related=s["work_related"],
    )


def register_slowness(
    *,
    female: np.ndarray,
    age: np.ndarray,
    education: np.ndarray,
    status: np.ndarray,
    size: np.ndarray,
    industry: np.ndarray,
    occupation: np.ndarray,
    prior_spells: np.ndarray,
    prior_weeks: np.ndarray,
    benefit_weeks: np.ndarray,
    partial: np.ndarray,
    work_related: np.ndarray,
) -> np.ndarray:
    """Sum of the covariate effects (effects.py); categories as codes into the contract's
    value lists (industry and occupation -1 when there is none)."""
    eta = fx.FEMALE * female + fx.AGE_PER_YEAR * (age - 40.0)
    eta = eta + _lookup(fx.EDUCATION, EDUCATIONS)[education]
    eta += _lookup(fx.STATUS, EMPLOYMENT_STATUSES)[status]
    eta += _lookup(fx.EMPLOYER_SIZE, EMPLOYER_SIZES)[size]
    public = np.isin(industry, codes_of(INDUSTRIES, ref.PUBLIC_INDUSTRIES))
    eta += fx.PUBLIC_EMPLOYER * public
    occupation_effect = np.append(_lookup(fx.OCCUPATION, OCCUPATIONS), 0.0)
    eta += occupation_effect[occupation]  # -1 (unknown) picks the appended 0
    eta += fx.PRIOR_SPELL * np.minimum(prior_spells, 4)
    eta += fx.PRIOR_LONG_ABSENCE * (prior_weeks > 26)
    eta += fx.OTHER_BENEFIT_PER_WEEK * (benefit_weeks - prior_weeks)
    eta += fx.PARTIAL_SICK_LEAVE * partial + fx.WORK_RELATED * work_related
    return np.asarray(eta, dtype=float)


def _lookup(effects: dict[str, float], order: tuple[str, ...]) -> np.ndarray:
    return np.array([effects[name] for name in order])


def _duration(
    rng: np.random.Generator, persons: Persons, s: dict[str, np.ndarray]
) -> dict[str, np.ndarray]:
    n = len(s["person"])
    severity_shift = _lookup(fx.DIAGNOSIS_SEVERITY, DIAGNOSES)[s["diagnosis"]]
    severity = persons.frailty[s["person"]] + severity_shift + rng.normal(0, SEVERITY_SD, n)
    eta = _register_slowness(persons, s) + severity + SLOWNESS_OFFSET
    weeks = draw_municipal_weeks(rng, eta)
    review = apply_review(rng, weeks, severity, ReviewRule())
    weeks = review.weeks
    pregnant = s["diagnosis"] == DIAGNOSES.index("pregnancy")
    weeks = np.where(pregnant, rng.uniform(1.0, 20.0, n), weeks)
    waiting = _lookup(ref.WAITING_WEEKS, EMPLOYMENT_STATUSES)[s["status"]]
    days = np.maximum(np.round((waiting + weeks) * 7.0), 1).astype(np.int64)
    reason = _end_reason(rng, s, weeks, review.cut_short, pregnant)
    median = np.where(pregnant, weeks, median_municipal_weeks(eta))
    return {
        "days": days,
        "municipal_weeks": weeks,
        "waiting_weeks": waiting,
        "severity": severity,
        "median_weeks": median,
        "reached_review": review.reached & ~pregnant,
        "extended": review.extended & ~pregnant,
        "end_reason": reason,
        "frailty": persons.frailty[s["person"]],
    }


END_MIX_BY_STATUS = np.array(
    [
        [0.88, 0.06, 0.01, 0.05],  # employed
        [0.22, 0.70, 0.03, 0.05],  # unemployed
        [0.90, 0.04, 0.01, 0.05],  # self_employed
        [0.82, 0.12, 0.01, 0.05],  # flexjob
        [0.40, 0.35, 0.10, 0.15],  # other
    ]
)
"""(work, other_benefit, education, other) for a spell ending early, by status (*design*)."""


def _end_reason(
    rng: np.random.Generator,
    s: dict[str, np.ndarray],
    weeks: np.ndarray,
    cut_short: np.ndarray,
    pregnant: np.ndarray,
) -> np.ndarray:
    """Why the spell ended (if it has by the extract date; censoring is applied later)."""
    probs = END_MIX_BY_STATUS[s["status"]].copy()
    late = np.clip(weeks - 13.0, 0, None)
    probs[:, 0] *= np.exp(-0.02 * late)
    probs[:, 1] *= 1.0 + 0.04 * late
    probs[:, 2] *= np.where(s["age"] < 30, 3.0, 1.0)
    probs[:, 3] *= np.where(s["age"] >= 64, 4.0, 1.0)
    reason = choice_rows(rng, probs)
    after_review = np.where(rng.random(len(weeks)) < 0.6, 0, 1)
    reason = np.where(cut_short, after_review, reason)
    reason = np.where(weeks >= 155.9, 1, reason)  # closed at the maximum: other benefit
    maternity = np.where(rng.random(len(weeks)) < 0.9, 3, 0)
    return np.where(pregnant, maternity, reason)


# --- the contract frame ----------------------------------------------------------------------


def _assemble(
    rng: np.random.Generator, s: dict[str, np.ndarray], extract_day: int
) -> SimulatedSpells:
    n = len(s["onset"])
    end = s["onset"] + s["days"]
    ended = end <= extract_day
    duration_days = np.where(ended, s["days"], extract_day - s["onset"])
    answers = information_form(
        rng,
        waiting=s["waiting_weeks"],
        median=s["median_weeks"],
        status=s["status"],
        severity=s["severity"],
        mental=s["diagnosis"] == DIAGNOSES.index("mental"),
    )
    frame = pd.DataFrame(
        {
            "spell_id": _ids("S", np.arange(1, n + 1), 8),
            "person_id": _ids("P", _pseudonyms(rng, s["person"]), 8),
            "onset_date": _dates(s["onset"]),
            "birth_year": pd.array(_birth_years(s), dtype="Int64"),
            "sex": _category(np.where(_female(s), 0, 1), ("F", "M")),
            "employment_status": _category(s["status"], EMPLOYMENT_STATUSES),
            "employer_size": _category(s["size"], EMPLOYER_SIZES),
            "industry": _category(s["industry"], INDUSTRIES),
            "occupation": _category(s["occupation"], OCCUPATIONS),
            "education": _category(s["education"], EDUCATIONS),
            "partial_sick_leave": pd.array(s["partial"], dtype="boolean"),
            **answers,
            "work_related": pd.array(s["work_related"], dtype="boolean"),
            "diagnosis_group": _category(_reported_diagnosis(rng, s), DIAGNOSIS_GROUPS),
            "prior_spells_3y": pd.array(s["prior_spells"], dtype="Int64"),
            "prior_sick_weeks_3y": pd.array(s["prior_weeks"], dtype="Int64"),
            "benefit_weeks_3y": pd.array(s["benefit_weeks"], dtype="Int64"),
            "district": _category(s["district"], (*DISTRICTS, UNKNOWN)),
            "origin": _category(s["origin"], ORIGINS),
            "duration_weeks": pd.array(np.round(duration_days / 7.0, 2), dtype="Float64"),
            "ended": pd.array(ended, dtype="boolean"),
            "end_reason": _category(np.where(ended, s["end_reason"], -1), SPELL_END_REASONS),
        }
    )
    frame = frame[list(SICKNESS_SPELLS.names)]
    latent = pd.DataFrame(
        {
            "municipal_weeks": s["municipal_weeks"],
            "waiting_weeks": s["waiting_weeks"],
            "reached_review": s["reached_review"],
            "extended": s["extended"],
            "uncensored_days": s["days"],
            "true_diagnosis": np.array(DIAGNOSES)[s["diagnosis"]],
            "frailty": s["frailty"],
            "severity": s["severity"],
            "female": _female(s),
        }
    )
    return SimulatedSpells(frame, latent)


def _reported_diagnosis(rng: np.random.Generator, s: dict[str, np.ndarray]) -> np.ndarray:
    """The diagnosis group on file at screening: `unknown` when no certificate is there."""
    to_contract = np.array([DIAGNOSIS_GROUPS.index(d) for d in DIAGNOSES])
    codes = to_contract[s["diagnosis"]]
    no_certificate = rng.random(len(codes)) < ref.DIAGNOSIS_UNKNOWN_SHARE
    return np.where(no_certificate, DIAGNOSIS_GROUPS.index("unknown"), codes)


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pd.Series:
    digits = pd.Series(numbers.astype(np.int64).astype(str), dtype="string").str.zfill(width)
    return prefix + digits


def _pseudonyms(rng: np.random.Generator, person: np.ndarray) -> np.ndarray:
    """Random person numbers (1 … 99,999,999): the order of entry does not leak."""
    people = int(person.max()) + 1 if len(person) else 0
    numbers = rng.choice(99_999_999, size=people, replace=False) + 1 if people else person
    return numbers[person] if people else person


def _dates(days: np.ndarray) -> pd.Series:
    stamps = np.datetime64("1970-01-01", "D") + days.astype("timedelta64[D]")
    return pd.Series(stamps.astype("datetime64[us]"))


def _birth_years(s: dict[str, np.ndarray]) -> np.ndarray:
    born = np.datetime64("1970-01-01", "D") + s["birth_day"].astype("timedelta64[D]")
    return born.astype("datetime64[Y]").astype(np.int64) + 1970


def _female(s: dict[str, np.ndarray]) -> np.ndarray:
    return s["female"].astype(bool)


def _category(codes: np.ndarray, names: tuple[str, ...]) -> pd.Series:
    """Codes (-1 = missing) as a `string` column of the category names."""
    categorical = pd.Categorical.from_codes(codes.astype(np.int64), categories=pd.Index(names))
    return pd.Series(categorical).astype("string")
