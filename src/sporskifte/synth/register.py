"""The weekly register (`register_weeks`) of the synthetic Copenhagen's persons.

Consistent with the generated tables:

* a spell person's sickness spells are sickness-benefit weeks, from the onset's ISO week to
  the week of the last day (censored at the extract date);
* the 156 weeks before a person's *first* spell in the file hold exactly the history that
  spell records: `prior_sick_weeks_3y` sick weeks in `prior_spells_3y` runs, and
  `benefit_weeks_3y - prior_sick_weeks_3y` weeks on another benefit (dagpenge for the
  employed, kontanthjælp otherwise), so the register features reproduce the spell's columns.
  Where the recorded history cannot be laid out in weeks (more runs than sick weeks, or no
  room for the breaks between runs) the runs are fewer and `Laid.exact` is False;
* a course person's weeks show the previous benefit in the half year before the start, the
  scheme during the course and the next scheme after it (none after moving or death).

Other weeks follow the person's status: self-support when employed, none otherwise; weeks
before the 3-year window may also hold a benefit spell. Municipality 101 (København).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from sporskifte.registers import iso_weeks, register_codes
from sporskifte.synth.register_io import WriteSummary, batch_table, taken, write_batches

WINDOW = 156
LEAD_IN = 104
"""Weeks before the 3-year window (or a course's lead-in) that each person's register holds."""
COPENHAGEN = "101"
BATCH_PERSONS = 5_000
COURSE_NEXT = {
    "job": "self_support",
    "fleksjob": "fleksjob",
    "foertidspension": "foertidspension",
    "kontanthjaelp": "kontanthjaelp",
    "sygedagpenge": "sygedagpenge",
    "education": "education",
    "selvforsoergende": "self_support",
    "other": "none",
}
"""Category after a course, by its end reason (moved and death: the register stops)."""
PREVIOUS = {"sygedagpenge": "sygedagpenge", "kontanthjaelp": "kontanthjaelp", "other": "dagpenge"}


CAT = {name: i for i, name in enumerate(register_codes.CATEGORIES)}
"""Category -> index: weeks are laid as small integers, named only when written."""


@dataclass
class Laid:
    """One person's weeks: first week number, a category index per week, and exactness."""

    first: int
    categories: np.ndarray
    exact: bool = True


def _week(day: pd.Timestamp | date) -> int:
    return iso_weeks.week_no_of_date(pd.Timestamp(day).date())


def _split(rng: np.random.Generator, total: int, parts: int) -> np.ndarray:
    """`total` split into `parts` positive integers (random composition)."""
    if parts <= 0:
        return np.zeros(0, dtype=np.int64)
    cuts = np.sort(rng.choice(np.arange(1, total), size=parts - 1, replace=False))
    return np.diff(np.concatenate([[0], cuts, [total]]))


def history_window(
    rng: np.random.Generator, spells: int, sick: int, benefit: int, other: str
) -> tuple[np.ndarray, bool, bool]:
    """156 categories ending the week before an onset, holding exactly the given history.

    `spells` runs of sickness benefit (`sick` weeks in all), separated and followed by at least
    one week off sickness benefit, and `benefit - sick` weeks of `other` in one block. Sick
    weeks without a run that began in the window belong to a run carried over from before it:
    the window then opens with them (the third value is True: the week before is sick too).
    Returns (categories, exact, carried).
    """
    sick = min(sick, WINDOW - 1)
    carried = spells == 0 and sick > 0
    runs = 1 if carried else min(spells, sick, WINDOW - sick)
    exact = (carried or runs == spells) and sick <= WINDOW - 1
    filler = WINDOW - sick
    others = min(max(benefit - sick, 0), filler)
    exact = exact and others == benefit - sick
    lengths = _split(rng, sick, runs)
    gaps = np.ones(runs + 1, dtype=np.int64)  # before each run and after the last
    gaps[0] = 0
    spare = filler - int(gaps.sum())
    low = 1 if carried else 0  # a carried run opens the window
    gaps[low:] += np.bincount(rng.integers(0, runs + 1 - low, spare), minlength=runs + 1 - low)
    window: list[str] = []
    for i in range(runs):
        window += ["gap"] * int(gaps[i]) + ["sygedagpenge"] * int(lengths[i])
    window += ["gap"] * int(gaps[runs])
    out = np.array(window, dtype=object)
    free = np.flatnonzero(out == "gap")
    start = int(rng.integers(0, len(free) - others + 1)) if len(free) else 0
    out[free] = "off"
    out[free[start : start + others]] = other
    return out, exact, carried


@dataclass(frozen=True)
class PersonSpells:
    """One person's spells, sorted by onset: week numbers and the first spell's history."""

    onset: np.ndarray
    last: np.ndarray
    """Week number of each spell's last day (censored at the extract week)."""
    prior_spells: int
    prior_sick_weeks: int
    benefit_weeks: int
    employed: bool


def _week_numbers(days: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(days).to_numpy(dtype="datetime64[D]")
    return (stamps - np.datetime64(iso_weeks.FIRST_MONDAY)).astype(np.int64) // 7


def _spell_people(spells: pd.DataFrame, extract_week: int) -> Iterator[tuple[str, PersonSpells]]:
    """Each spell person's spells, in person order (vectorised, then sliced)."""
    ordered = spells.sort_values(["person_id", "onset_date"], kind="stable")
    onset = _week_numbers(ordered["onset_date"])
    days = np.maximum(ordered["duration_weeks"].astype(float).to_numpy() * 7.0 - 1.0, 0.0)
    last_day = pd.to_datetime(ordered["onset_date"]) + pd.to_timedelta(days, unit="D")
    last = np.minimum(_week_numbers(last_day), extract_week)
    people = ordered["person_id"].astype(str).to_numpy()
    employed = ordered["employment_status"].isin(["employed", "self_employed", "flexjob"])
    employed_now = employed.to_numpy()
    priors = {
        c: ordered[c].astype(int).to_numpy()
        for c in ("prior_spells_3y", "prior_sick_weeks_3y", "benefit_weeks_3y")
    }
    if len(people) == 0:
        return
    _, starts = np.unique(people, return_index=True)
    ends = np.append(starts[1:], len(people))
    for a, b in zip(starts, ends, strict=True):
        yield (
            str(people[a]),
            PersonSpells(
                onset[a:b],
                last[a:b],
                int(priors["prior_spells_3y"][a]),
                int(priors["prior_sick_weeks_3y"][a]),
                int(priors["benefit_weeks_3y"][a]),
                bool(employed_now[a]),
            ),
        )


def lay_spell_person(rng: np.random.Generator, person: PersonSpells, extract_week: int) -> Laid:
    """A spell person's weeks from the lead-in to the extract week."""
    onset = int(person.onset[0])
    off = "self_support" if person.employed else "none"
    other = "dagpenge" if person.employed else "kontanthjaelp"
    start = onset - WINDOW - LEAD_IN
    weeks = np.full(extract_week - start + 1, CAT[off], dtype=np.int8)
    if rng.random() < 0.3:  # an older benefit spell before the window
        length = int(rng.integers(4, 40))
        begin = int(rng.integers(0, LEAD_IN - length))
        older = str(rng.choice(["dagpenge", "kontanthjaelp", "education"]))
        weeks[begin : begin + length] = CAT[older]
    window, exact, carried = history_window(
        rng, person.prior_spells, person.prior_sick_weeks, person.benefit_weeks, other
    )
    window[window == "off"] = off
    if carried:
        weeks[LEAD_IN - 1] = CAT["sygedagpenge"]
    weeks[LEAD_IN : LEAD_IN + WINDOW] = [CAT[name] for name in window]
    for first, last in zip(person.onset, person.last, strict=True):
        weeks[int(first) - start : int(last) - start + 1] = CAT["sygedagpenge"]
    return Laid(start, weeks, exact)


def lay_course_person(rows: pd.DataFrame, extract_week: int) -> Laid:
    """A course person's weeks: previous benefit, the schemes, what came next."""
    rows = rows.sort_values("start_date", kind="stable")
    begin = _week(rows["referral_date"].min()) - LEAD_IN
    weeks = np.full(extract_week - begin + 1, CAT["none"], dtype=np.int8)
    stop = len(weeks)
    for _, course in rows.iterrows():
        first = _week(course["start_date"]) - begin
        if first >= len(weeks):
            continue
        before = PREVIOUS.get(str(course["previous_benefit"]))
        if before:
            weeks[max(first - 26, 0) : first] = CAT[before]
        ended = course["ended_date"]
        last = len(weeks) - 1 if pd.isna(ended) else min(_week(ended) - begin, len(weeks) - 1)
        weeks[first : last + 1] = CAT[str(course["scheme"])]
        reason = course["end_reason"]
        if not pd.isna(ended) and reason in ("moved", "death"):
            stop = min(stop, last + 1)
        elif not pd.isna(ended):
            weeks[last + 1 :] = CAT[COURSE_NEXT.get(str(reason), "none")]
    return Laid(begin, weeks[: max(stop, 1)])


def _codes(rng: np.random.Generator, categories: np.ndarray) -> pa.Array:
    """A code of the newest map version for each week's category (random within it)."""
    options = [register_codes.codes_for(name) for name in register_codes.CATEGORIES]
    inverse = categories.astype(np.int64)
    flat = [code for group in options for code in group]
    offset = np.cumsum([0] + [len(group) for group in options])[:-1]
    size = np.array([len(group) for group in options])
    pick = offset[inverse] + (rng.random(len(inverse)) * size[inverse]).astype(np.int64)
    return taken(flat, pick)


def _table(rng: np.random.Generator, ids: list[str], laid: list[Laid]) -> pa.Table:
    lengths = np.array([len(x.categories) for x in laid], dtype=np.int64)
    person_index = np.repeat(np.arange(len(ids)), lengths)
    numbers = np.concatenate([np.arange(x.first, x.first + len(x.categories)) for x in laid])
    categories = np.concatenate([x.categories for x in laid])
    return batch_table(
        np.array(ids, dtype=object),
        person_index,
        iso_weeks.iso_weeks_from_numbers(numbers),
        _codes(rng, categories),
        taken([COPENHAGEN], np.zeros(len(numbers), dtype=np.int64)),
    )


def copenhagen_batches(
    spells: pd.DataFrame,
    courses: pd.DataFrame | None,
    *,
    seed: int,
    extract_date: date,
    batch_persons: int = BATCH_PERSONS,
    exact: dict[str, bool] | None = None,
) -> Iterator[pa.Table]:
    """Register batches for every spell person, then every course person.

    `exact`, if given, receives person_id -> whether the first spell's history was laid exactly.
    """
    rng = np.random.default_rng([seed, 20])
    extract_week = _week(extract_date)
    people: Iterator[tuple[str, PersonSpells | pd.DataFrame]] = _spell_people(spells, extract_week)
    if courses is not None and len(courses):
        course_people = ((str(p), g) for p, g in courses.groupby("person_id", sort=True))
        people = itertools.chain(people, course_people)
    while batch := list(itertools.islice(people, batch_persons)):
        ids: list[str] = []
        laid: list[Laid] = []
        for person, rows in batch:
            if isinstance(rows, PersonSpells):
                one = lay_spell_person(rng, rows, extract_week)
                if exact is not None:
                    exact[person] = one.exact
            else:
                one = lay_course_person(rows, extract_week)
            ids.append(person)
            laid.append(one)
        yield _table(rng, ids, laid)


def write_copenhagen_register(
    out: Path,
    spells: pd.DataFrame,
    courses: pd.DataFrame | None,
    *,
    seed: int,
    extract_date: date,
) -> WriteSummary:
    """Write the register of the synthetic Copenhagen's persons as partitioned Parquet."""
    return write_batches(
        copenhagen_batches(spells, courses, seed=seed, extract_date=extract_date), out
    )
