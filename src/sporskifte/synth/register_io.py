"""Writing the weekly register as year-partitioned Parquet, one batch of persons at a time.

Layout: `OUT/year=YYYY/part-BBBBB.parquet`, each file holding one batch of persons for one
ISO year, sorted by person and week. A batch is written and dropped before the next is made,
so memory stays at one batch whatever the register's size.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

SCHEMA = pa.schema(
    [
        ("person_id", pa.string()),
        ("iso_week", pa.int32()),
        ("code", pa.string()),
        ("municipality", pa.string()),
    ]
)


@dataclass
class WriteSummary:
    """What was written: rows, persons, files and the directory."""

    out: Path
    rows: int = 0
    persons: int = 0
    files: int = 0


def taken(values: np.ndarray | list[str], index: np.ndarray) -> pa.Array:
    """`values[index]` as an Arrow string array (built in Arrow, not as Python strings)."""
    return pc.take(pa.array(values, pa.string()), pa.array(index, pa.int64()))


def batch_table(
    person_ids: np.ndarray, person_index: np.ndarray, iso_week: np.ndarray,
    codes: pa.Array, municipality: pa.Array,
) -> pa.Table:  # fmt: skip
    """A register batch from per-row arrays (`person_index` points into `person_ids`)."""
    return pa.table(
        {
            "person_id": taken(person_ids, person_index),
            "iso_week": pa.array(iso_week, pa.int32()),
            "code": codes,
            "municipality": municipality,
        },
        schema=SCHEMA,
    )


def write_batches(batches: Iterable[pa.Table], out: Path) -> WriteSummary:
    """Write each batch into its year partitions; returns what was written."""
    out.mkdir(parents=True, exist_ok=True)
    summary = WriteSummary(out)
    for number, table in enumerate(batches):
        years = pc.divide(table.column("iso_week"), pa.scalar(100, pa.int32()))
        summary.rows += table.num_rows
        summary.persons += len(pc.unique(table.column("person_id")))
        for year in pc.unique(years).to_pylist():
            part = table.filter(pc.equal(years, year))
            folder = out / f"year={year}"
            folder.mkdir(exist_ok=True)
            pq.write_table(part, folder / f"part-{number:05d}.parquet", compression="zstd")
            summary.files += 1
    return summary
