"""The synthetic Copenhagen: sickness spells, courses and households (no Django).

No real personal data may be used, so the system ships generated tables that look like the
real ones and pass the same contracts. Deterministic for a seed. Public API::

    spells.generate_spells(*, seed, n=None, start=..., extract_date=..., per_year=40_000)
    courses.generate_courses(*, seed, extract_date=...) -> (courses, households)
    linkage.link_population(seed, spells, courses, households): one population (course
        participants are the sick-listed persons whose spells led there or followed)
    write(out_dir, seed, fmt="csv") -> {"sickness_spells": path, "courses": ..., ...}

Calibration targets with their sources are in `targets.py`; `calibration.py` measures them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from sporskifte.synth.courses import generate_courses
from sporskifte.synth.io import FORMATS, write_table
from sporskifte.synth.linkage import link_population
from sporskifte.synth.spells import SimulatedSpells, generate_spells, simulate_spells

DEFAULT_START = date(2019, 1, 1)
DEFAULT_EXTRACT_DATE = date(2025, 12, 31)
FILE_NAMES = {
    "sickness_spells": "sickness_spells",
    "courses": "courses",
    "households": "households",
}

__all__ = [
    "DEFAULT_EXTRACT_DATE",
    "FORMATS",
    "Copenhagen",
    "generate_copenhagen",
    "generate_courses",
    "generate_spells",
    "write",
]


@dataclass
class Copenhagen:
    """All generated tables (and the spells' latent columns, for calibration)."""

    spells: SimulatedSpells
    courses: pd.DataFrame
    households: pd.DataFrame
    seed: int
    extract_date: date

    def tables(self) -> dict[str, pd.DataFrame]:
        """Contract name -> frame."""
        return {
            "sickness_spells": self.spells.frame,
            "courses": self.courses,
            "households": self.households,
        }


def generate_copenhagen(
    seed: int,
    *,
    n: int | None = None,
    start: date = DEFAULT_START,
    extract_date: date = DEFAULT_EXTRACT_DATE,
    progress: Callable[[str], None] | None = None,
) -> Copenhagen:
    """Generate every table for one seed (`n` spells, default 40,000 a year)."""
    step = progress or (lambda _label: None)
    spells = simulate_spells(seed=seed, n=n, start=start, extract_date=extract_date)
    step("sickness_spells")
    courses, households = generate_courses(seed=seed, extract_date=extract_date)
    step("courses")
    courses, households = link_population(seed, spells, courses, households)
    step("one population")
    return Copenhagen(spells, courses, households, seed, extract_date)


def write(
    out_dir: str | Path,
    seed: int,
    fmt: str = "csv",
    *,
    n: int | None = None,
    extract_date: date = DEFAULT_EXTRACT_DATE,
    progress: Callable[[str], None] | None = None,
    world: Copenhagen | None = None,
) -> dict[str, Path]:
    """Generate (or take `world`) and write the three tables to `out_dir` as CSV or Parquet.

    Returns the path of each table. `progress` is called with a label after each step.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    world = world or generate_copenhagen(seed, n=n, extract_date=extract_date, progress=progress)
    paths = {}
    for name, frame in world.tables().items():
        paths[name] = write_table(frame, Path(out_dir) / f"{FILE_NAMES[name]}.{fmt}", fmt)
        if progress:
            progress(f"write {name}")
    return paths
