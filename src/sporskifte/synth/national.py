"""A national-size synthetic weekly register: persons × weeks, streamed to Parquet.

Each person's weekly category follows a Markov chain (weekly transition probabilities below,
rough orders of magnitude for Denmark, not calibrated), so sickness spells, unemployment and
schemes come in runs as in DREAM. Persons are made in batches; a batch is written
(`register_io.write_batches`) and dropped before the next is drawn, so memory stays at one
batch (`batch_persons × weeks` rows) however many persons are asked for.

The spells that the features describe are the starts of sickness-benefit runs: written to
`spells.parquet` (spell_id, person_id, onset_date) beside the register, batch by batch.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from sporskifte.registers import iso_weeks, register_codes
from sporskifte.registers.register_codes import CATEGORIES
from sporskifte.synth.register_io import WriteSummary, batch_table, taken, write_batches

_CODES = (
    "101 147 151 153 155 157 159 161 163 165 167 169 173 175 183 185 187 190 201 210 217 219 "
    "223 230 240 250 253 259 260 265 269 270 306 316 320 326 329 330 336 340 350 360 370 376 "
    "390 400 410 420 430 440 450 461 479 480 482 492 510 530 540 550 561 563 573 575 580 607 "
    "615 621 630 657 661 665 671 706 707 710 727 730 740 741 746 751 756 760 766 773 779 787 "
    "791 810 813 820 825 840 846 849 851 860"
)
MUNICIPALITIES = tuple(_CODES.split())
"""The 98 kommunekoder."""

_MOVES: dict[str, dict[str, float]] = {
    "sygedagpenge": {"self_support": 0.085, "dagpenge": 0.006, "kontanthjaelp": 0.005,
                     "jobafklaringsforloeb": 0.003, "ressourceforloeb": 0.0005,
                     "foertidspension": 0.0005},
    "dagpenge": {"self_support": 0.05, "sygedagpenge": 0.005, "kontanthjaelp": 0.005},
    "kontanthjaelp": {"self_support": 0.02, "sygedagpenge": 0.004, "ressourceforloeb": 0.002,
                      "education": 0.004},
    "ressourceforloeb": {"fleksjob": 0.005, "foertidspension": 0.004, "kontanthjaelp": 0.006},
    "jobafklaringsforloeb": {"self_support": 0.01, "sygedagpenge": 0.01,
                             "ressourceforloeb": 0.005, "fleksjob": 0.005},
    "revalidering": {"self_support": 0.02},
    "fleksjob": {"foertidspension": 0.002, "sygedagpenge": 0.003},
    "foertidspension": {},
    "education": {"self_support": 0.013, "kontanthjaelp": 0.002, "revalidering": 0.0002},
    "self_support": {"sygedagpenge": 0.0025, "dagpenge": 0.002, "kontanthjaelp": 0.0005,
                     "education": 0.0005, "none": 0.001},
    "none": {"self_support": 0.02, "kontanthjaelp": 0.01},
}  # fmt: skip
"""Weekly probabilities of moving from a category (row) to another; the rest stay."""
_START: dict[str, float] = {
    "self_support": 0.70, "none": 0.08, "education": 0.07, "dagpenge": 0.04,
    "kontanthjaelp": 0.04, "sygedagpenge": 0.01, "foertidspension": 0.04, "fleksjob": 0.02,
}  # fmt: skip


def transition_matrix() -> np.ndarray:
    """Weekly transition probabilities between `CATEGORIES` (rows sum to 1)."""
    k = len(CATEGORIES)
    matrix = np.zeros((k, k))
    for i, source in enumerate(CATEGORIES):
        for target, p in _MOVES[source].items():
            matrix[i, CATEGORIES.index(target)] = p
        matrix[i, i] = 1.0 - matrix[i].sum()
    return matrix


@dataclass(frozen=True)
class NationalPlan:
    """How big: persons, weeks from `first_week` on, and persons per batch."""

    persons: int
    weeks: int
    first_week: int = 200601
    batch_persons: int = 20_000
    seed: int = 0

    @property
    def rows(self) -> int:
        """Person-weeks in all."""
        return self.persons * self.weeks


def _states(rng: np.random.Generator, persons: int, weeks: int) -> np.ndarray:
    """A (persons × weeks) matrix of category indexes drawn from the Markov chain."""
    cumulative = np.cumsum(transition_matrix(), axis=1)
    start = np.array([_START.get(c, 0.0) for c in CATEGORIES])
    states = np.empty((persons, weeks), dtype=np.int8)
    current = rng.choice(len(CATEGORIES), size=persons, p=start / start.sum())
    for week in range(weeks):
        states[:, week] = current
        u = rng.random(persons)
        current = (u[:, None] > cumulative[current]).sum(axis=1)
        np.minimum(current, len(CATEGORIES) - 1, out=current)
    return states


def _batch(
    rng: np.random.Generator, plan: NationalPlan, first_person: int, persons: int
) -> tuple[pa.Table, pa.Table]:
    states = _states(rng, persons, plan.weeks)
    first_no = iso_weeks.week_no(plan.first_week)
    numbers = np.arange(first_no, first_no + plan.weeks)
    week_ids = iso_weeks.iso_weeks_from_numbers(numbers)
    codes = [register_codes.codes_for(c)[0] for c in CATEGORIES]
    ids = np.array([f"N{n:09d}" for n in range(first_person, first_person + persons)], dtype=object)
    home = rng.integers(0, len(MUNICIPALITIES), persons)
    person_index = np.repeat(np.arange(persons), plan.weeks)
    register = batch_table(
        ids,
        person_index,
        np.tile(week_ids, persons),
        taken(codes, states.reshape(-1)),
        taken(list(MUNICIPALITIES), home[person_index]),
    )
    return register, _onsets(rng, states, ids, numbers)


def _onsets(
    rng: np.random.Generator, states: np.ndarray, ids: np.ndarray, numbers: np.ndarray
) -> pa.Table:
    """Sickness-benefit runs that start inside the period: the spells to describe."""
    sick = states == CATEGORIES.index("sygedagpenge")
    starts = sick[:, 1:] & ~sick[:, :-1]
    person, week = np.nonzero(starts)
    monday = np.datetime64(iso_weeks.FIRST_MONDAY) + (numbers[week + 1] * 7).astype(
        "timedelta64[D]"
    )
    onset = monday + rng.integers(0, 5, len(week)).astype("timedelta64[D]")
    return pa.table(
        {
            "person_id": pa.array(ids[person], pa.string()),
            "onset_date": pa.array(onset.astype("datetime64[D]"), pa.date32()),
        }
    )


def national_batches(plan: NationalPlan, spells_path: Path) -> Iterator[pa.Table]:
    """Register batches; the spells of each batch are appended to `spells_path` on the way."""
    rng = np.random.default_rng([plan.seed, 2026])
    schema = pa.schema(
        [("spell_id", pa.string()), ("person_id", pa.string()), ("onset_date", pa.date32())]
    )
    numbered = 0
    with pq.ParquetWriter(spells_path, schema, compression="zstd") as spells:
        for first in range(0, plan.persons, plan.batch_persons):
            size = min(plan.batch_persons, plan.persons - first)
            register, onsets = _batch(rng, plan, first + 1, size)
            ids = [f"NS{n:010d}" for n in range(numbered + 1, numbered + onsets.num_rows + 1)]
            numbered += onsets.num_rows
            spells.write_table(
                pa.table(
                    {
                        "spell_id": pa.array(ids, pa.string()),
                        **{c: onsets[c] for c in onsets.column_names},
                    },
                    schema=schema,
                )
            )
            yield register


def write_national(out: Path, plan: NationalPlan) -> tuple[WriteSummary, Path]:
    """Write `out/weeks/year=…/part-….parquet` and `out/spells.parquet`; returns both."""
    out.mkdir(parents=True, exist_ok=True)
    spells_path = out / "spells.parquet"
    summary = write_batches(national_batches(plan, spells_path), out / "weeks")
    return summary, spells_path
