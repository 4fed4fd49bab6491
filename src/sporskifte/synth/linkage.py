"""One population: course participants are the sick-listed persons whose spells led there.

The spells (`spells.py`) and the courses (`courses.py`) are simulated as two flows calibrated
on their own targets; this step joins them person by person without changing either flow, so
every calibration target still holds:

* **before the course**: a course whose previous benefit is sygedagpenge is given to a
  sick-listed person whose spell ended on another benefit shortly before the referral (up to
  `BEFORE_DAYS` before, `AFTER_DAYS` after). For a jobafklaringsforløb the person whose spell
  reached the limit without an extension (the law's route, SDL § 24 a) is preferred;
* **after the course**: a course that ended on sygedagpenge is given (if not yet linked) to a
  person whose next spell began within `AFTER_END_DAYS` of the end.

A linked course takes the person's id, birth year and district (the person is one person);
its household row follows the id. Each person takes at most one course, never one that runs
while another of their spells begins, and a course is linked only when the birth years agree
within `BIRTH_YEAR_SLACK` (and the law's age rule for a ressourceforløb still holds). Persons
keep their ids (`P…`); an unlinked course keeps its participant's `K…` id.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sporskifte.synth.courses import RF_MAX_3_YEARS_FROM, STATE_PENSION_AGE, TEAMS
from sporskifte.synth.spells import SimulatedSpells

BEFORE_DAYS = 120
AFTER_DAYS = 14
AFTER_END_DAYS = 60
BIRTH_YEAR_SLACK = 2
EPOCH = np.datetime64("1970-01-01", "D")


def _days(column: pd.Series) -> np.ndarray:
    values = column.to_numpy(dtype="datetime64[D]", na_value=np.datetime64("NaT"))
    return (values - EPOCH).astype(np.int64)


class _Candidates:
    """Spells sorted by a key day, each usable once per person."""

    def __init__(self, day: np.ndarray, rows: np.ndarray, prefer: np.ndarray) -> None:
        order = np.lexsort((~prefer, day))
        self.day, self.rows, self.prefer = day[order], rows[order], prefer[order]

    def window(self, first: int, last: int) -> np.ndarray:
        lo = np.searchsorted(self.day, first, side="left")
        hi = np.searchsorted(self.day, last, side="right")
        return np.arange(lo, hi)


class _Linker:
    def __init__(self, spells: pd.DataFrame) -> None:
        self.person = spells["person_id"].to_numpy(dtype=object)
        self.birth = spells["birth_year"].to_numpy(dtype=np.int64)
        self.district = spells["district"].to_numpy(dtype=object)
        onset = _days(spells["onset_date"])
        self.onset = onset
        self.onsets: dict[str, np.ndarray] = {
            str(k): np.sort(v)
            for k, v in pd.Series(onset).groupby(self.person).agg(np.array).items()
        }
        self.used: set[str] = set()

    def fits(self, row: int, course: dict[str, object], start: int, end: int) -> bool:
        person = self.person[row]
        if person in self.used:
            return False
        birth = int(self.birth[row])
        if abs(birth - int(course["birth_year"])) > BIRTH_YEAR_SLACK:  # type: ignore[call-overload]
            return False
        referral: pd.Timestamp = course["referral_date"]  # type: ignore[assignment]
        late_rf = course["scheme"] == "ressourceforloeb" and referral.date() >= RF_MAX_3_YEARS_FROM
        if late_rf and referral.year - birth > STATE_PENSION_AGE - 6:
            return False
        onsets = self.onsets[person]
        return not bool(((onsets >= start) & (onsets <= end)).any())

    def pick(
        self, rng: np.random.Generator, pool: _Candidates, window: np.ndarray, **kw: object
    ) -> int | None:
        if not len(window):
            return None
        preferred = window[pool.prefer[window]]
        for group in (preferred, window[~pool.prefer[window]]):
            for i in rng.permutation(group)[:60]:
                if self.fits(int(pool.rows[i]), **kw):  # type: ignore[arg-type]
                    return int(pool.rows[i])
        return None


def link_population(
    seed: int, spells: SimulatedSpells, courses: pd.DataFrame, households: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(courses, households) with linked participants carrying the spell persons' ids."""
    rng = np.random.default_rng([seed, 15])
    frame, latent = spells.frame, spells.latent
    linker = _Linker(frame)
    ended = frame["ended"].fillna(False).to_numpy(dtype=bool)
    end_day = linker.onset + np.round(frame["duration_weeks"].to_numpy(dtype=float) * 7).astype(
        np.int64
    )
    onward = ended & (frame["end_reason"] == "other_benefit").fillna(False).to_numpy(dtype=bool)
    at_limit = latent["reached_review"].to_numpy(dtype=bool) & ~latent["extended"].to_numpy(
        dtype=bool
    )
    rows = np.arange(len(frame))
    before = _Candidates(end_day[onward], rows[onward], at_limit[onward])
    after = _Candidates(linker.onset, rows, np.zeros(len(frame), dtype=bool))

    courses = courses.copy()
    referral = _days(courses["referral_date"])
    start = _days(courses["start_date"])
    planned = _days(courses["planned_end_date"])
    stopped = courses["ended_date"].notna().to_numpy()
    end = np.where(stopped, _days(courses["ended_date"].fillna(courses["start_date"])), planned)
    records = courses[["scheme", "referral_date", "birth_year"]].to_dict("records")
    from_sickness = (courses["previous_benefit"] == "sygedagpenge").to_numpy(dtype=bool)
    to_sickness = stopped & (courses["end_reason"] == "sygedagpenge").fillna(False).to_numpy(
        dtype=bool
    )
    chosen = np.full(len(courses), -1, dtype=np.int64)
    for i in np.argsort(referral, kind="stable"):
        kw = {"course": records[i], "start": int(start[i]), "end": int(end[i])}
        row = None
        if from_sickness[i]:
            window = before.window(int(referral[i]) - BEFORE_DAYS, int(referral[i]) + AFTER_DAYS)
            row = linker.pick(rng, before, window, **kw)
        if row is None and to_sickness[i]:
            window = after.window(int(end[i]) + 1, int(end[i]) + AFTER_END_DAYS)
            row = linker.pick(rng, after, window, **kw)
        if row is not None:
            chosen[i] = row
            linker.used.add(linker.person[row])
    return _apply(courses, households, linker, chosen)


def _apply(
    courses: pd.DataFrame, households: pd.DataFrame, linker: _Linker, chosen: np.ndarray
) -> tuple[pd.DataFrame, pd.DataFrame]:
    linked = chosen >= 0
    rows = chosen[linked]
    old_ids = courses.loc[linked, "person_id"].to_numpy(dtype=object)
    new_ids = linker.person[rows]
    courses.loc[linked, "person_id"] = new_ids
    courses.loc[linked, "birth_year"] = linker.birth[rows]
    courses.loc[linked, "district"] = linker.district[rows]
    has_team = linked & courses["team"].notna().to_numpy()
    courses.loc[has_team, "team"] = courses.loc[has_team, "district"].map(TEAMS)
    mapping = dict(zip(old_ids, new_ids, strict=True))
    households = households.copy()
    households["person_id"] = households["person_id"].map(lambda k: mapping.get(k, k))
    households["person_id"] = households["person_id"].astype("string")
    return courses, households


def linked_share(courses: pd.DataFrame) -> float:
    """Share of courses whose participant is a sick-listed person (a `P…` id)."""
    if courses.empty:
        return float("nan")
    return float(courses["person_id"].str.startswith("P").mean())
