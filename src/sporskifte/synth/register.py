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

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from sporskifte.registers import iso_weeks, register_codes
from sporskifte.synth.register_io import WriteSummary, batch_table, write_batches

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


@dataclass
class Laid:
    """One person's weeks: first week number and a category per week, and exactness."""

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


def lay_spell_person(rng: np.random.Generator, rows: pd.DataFrame, extract_week: int) -> Laid:
    """A spell person's weeks from the lead-in to the extract week (rows sorted by onset)."""
    first_row = rows.iloc[0]
    onset = _week(first_row["onset_date"])
    employed = first_row["employment_status"] in ("employed", "self_employed", "flexjob")
    off = "self_support" if employed else "none"
    other = "dagpenge" if employed else "kontanthjaelp"
    start = onset - WINDOW - LEAD_IN
    weeks = np.full(extract_week - start + 1, off, dtype=object)
    if rng.random() < 0.3:  # an older benefit spell before the window
        length = int(rng.integers(4, 40))
        begin = int(rng.integers(0, LEAD_IN - length))
        weeks[begin : begin + length] = rng.choice(["dagpenge", "kontanthjaelp", "education"])
    window, exact, carried = history_window(
        rng,
        int(first_row["prior_spells_3y"]),
        int(first_row["prior_sick_weeks_3y"]),
        int(first_row["benefit_weeks_3y"]),
        other,
    )
    window[window == "off"] = off
    if carried:
        weeks[LEAD_IN - 1] = "sygedagpenge"
    weeks[LEAD_IN : LEAD_IN + WINDOW] = window
    for _, spell in rows.iterrows():
        first = _week(spell["onset_date"])
        last_day = pd.Timestamp(spell["onset_date"]) + pd.Timedelta(
            days=max(float(spell["duration_weeks"]) * 7.0 - 1.0, 0.0)
        )
        last = min(_week(last_day), extract_week)
        weeks[first - start : last - start + 1] = "sygedagpenge"
    return Laid(start, weeks, exact)


def lay_course_person(rows: pd.DataFrame, extract_week: int) -> Laid:
    """A course person's weeks: previous benefit, the schemes, what came next."""
    rows = rows.sort_values("start_date", kind="stable")
    begin = _week(rows["referral_date"].min()) - LEAD_IN
    weeks = np.full(extract_week - begin + 1, "none", dtype=object)
    stop = len(weeks)
    for _, course in rows.iterrows():
        first = _week(course["start_date"]) - begin
        if first >= len(weeks):
            continue
        before = PREVIOUS.get(str(course["previous_benefit"]))
        if before:
            weeks[max(first - 26, 0) : first] = before
        ended = course["ended_date"]
        last = len(weeks) - 1 if pd.isna(ended) else min(_week(ended) - begin, len(weeks) - 1)
        weeks[first : last + 1] = course["scheme"]
        reason = course["end_reason"]
        if not pd.isna(ended) and reason in ("moved", "death"):
            stop = min(stop, last + 1)
        elif not pd.isna(ended):
            weeks[last + 1 :] = COURSE_NEXT.get(str(reason), "none")
    return Laid(begin, weeks[: max(stop, 1)])


def _codes(rng: np.random.Generator, categories: np.ndarray) -> np.ndarray:
    """A code of the newest map version for each week's category (random within it)."""
    out = np.empty(len(categories), dtype=object)
    for category in pd.unique(categories):
        where = np.flatnonzero(categories == category)
        options = np.array(register_codes.codes_for(str(category)))
        out[where] = options[rng.integers(0, len(options), len(where))]
    return out


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
        np.full(len(numbers), COPENHAGEN, dtype=object),
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
    ordered = spells.sort_values(["person_id", "onset_date"], kind="stable")
    groups: list[tuple[str, pd.DataFrame, str]] = [
        (str(p), g, "spell") for p, g in ordered.groupby("person_id", sort=True)
    ]
    if courses is not None and len(courses):
        groups += [(str(p), g, "course") for p, g in courses.groupby("person_id", sort=True)]
    for begin in range(0, len(groups), batch_persons):
        ids: list[str] = []
        laid: list[Laid] = []
        for person, rows, kind in groups[begin : begin + batch_persons]:
            one = (
                lay_spell_person(rng, rows, extract_week)
                if kind == "spell"
                else lay_course_person(rows, extract_week)
            )
            if exact is not None and kind == "spell":
                exact[person] = one.exact
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
