"""A small weekly register with known answers: ISO week 53, week 1, the 3-year edge.

Each case is a person, a stretch of weeks with codes, and spells with the features they must
get. Used by the DuckDB known-answer tests and the DuckDB-versus-Spark equality test.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sporskifte.registers import iso_weeks
from sporskifte.synth.register_io import SCHEMA

SICK, NONE, WORK, CASH, SU = "890", "000", "E00", "701", "651"


def stretch(person: str, first: int, codes: list[str]) -> list[dict[str, object]]:
    """Rows for consecutive weeks from ISO week `first` (YYYYWW) with the given codes."""
    start = iso_weeks.week_no(first)
    return [
        {
            "person_id": person,
            "iso_week": iso_weeks.iso_week_from_no(start + i),
            "code": code,
            "municipality": "101",
        }
        for i, code in enumerate(codes)
    ]


def weeks_from(first: int, last: int) -> int:
    """Weeks from `first` up to but not including `last` (YYYYWW)."""
    return iso_weeks.week_no(last) - iso_weeks.week_no(first)


def register_frame() -> pd.DataFrame:
    rows: list[dict[str, object]] = []
    # A: sick 2020-W50..W53 (2020 has 53 weeks), none W01, sick 2021-W02..W03, kontanthjælp
    # W04..W05, then self-support until 2021-W20.
    a = [WORK] * weeks_from(202040, 202050) + [SICK] * 4 + [NONE] + [SICK] * 2 + [CASH] * 2
    a += [WORK] * weeks_from(202106, 202121)
    rows += stretch("PA", 202040, a)
    # C: in the register, never on a scheme.
    rows += stretch("PC", 202001, [WORK, NONE] * 30)
    # D: SU 2019-W50..W52, sick from 2020-W01 (its own spell).
    rows += stretch("PD", 201950, [SU] * 3 + [SICK] * 6)
    # E: sick in the week 157 and 156 weeks before 2024-W10, self-support since.
    e_first = iso_weeks.iso_week_from_no(iso_weeks.week_no(202410) - 157)
    rows += stretch("PE", e_first, [SICK, SICK] + [WORK] * 155)
    return pd.DataFrame(rows)


SPELLS = pd.DataFrame(
    {
        "spell_id": ["SA1", "SA2", "SB1", "SC1", "SD1", "SE1"],
        "person_id": ["PA", "PA", "PB", "PC", "PD", "PE"],
        "onset_date": pd.to_datetime(
            [
                date(2021, 1, 6),  # ISO 2021-W01: the week after 2020-W53
                date(2021, 2, 10),  # ISO 2021-W06
                date(2021, 3, 1),  # PB has no register rows at all
                date(2021, 3, 1),
                date(2019, 12, 31),  # a Tuesday in ISO week 2020-W01
                date.fromisocalendar(2024, 10, 4),
            ]
        ),
    }
)

EXPECTED = pd.DataFrame(
    {
        "spell_id": ["SA1", "SA2", "SB1", "SC1", "SD1", "SE1"],
        "prior_spells_3y": [1, 2, 0, 0, 0, 0],
        "prior_sick_weeks_3y": [4, 6, 0, 0, 0, 1],
        "benefit_weeks_3y": [4, 8, 0, 0, 0, 1],
        "last_scheme": [
            "sygedagpenge",
            "kontanthjaelp",
            "none",
            "none",
            "education",
            "sygedagpenge",
        ],
        "weeks_since_last_scheme": [1, 1, None, None, 1, 156],
    }
)
"""Worked out by hand from the weeks above (see each case's comment)."""


def write_register(frame: pd.DataFrame, folder: Path) -> Path:
    """The register as one Parquet file in the contract's schema."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "weeks.parquet"
    pq.write_table(pa.Table.from_pandas(frame, schema=SCHEMA, preserve_index=False), path)
    return path
