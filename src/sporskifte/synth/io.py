"""Writing tables in the contract file formats.

CSV: UTF-8, comma, header row, ISO dates, `true`/`false`, empty cell for missing, quotes only
where needed. Parquet: the same column names, dates as `date32`, nullable integers and
booleans. Both are written with pyarrow (fast, and exact about nulls).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

FORMATS = ("csv", "parquet")


def to_arrow(frame: pd.DataFrame) -> pa.Table:
    """A typed contract frame as an Arrow table with dates as calendar dates."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for i, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.date32()))
    return table.replace_schema_metadata(None)


def write_table(frame: pd.DataFrame, path: str | Path, fmt: str = "csv") -> Path:
    """Write `frame` to `path` as CSV or Parquet (the contract formats)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {fmt!r}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = to_arrow(frame)
    if fmt == "parquet":
        pq.write_table(table, path)
    else:
        options = pacsv.WriteOptions(include_header=True, quoting_style="needed")
        pacsv.write_csv(table, path, write_options=options)
    return path
