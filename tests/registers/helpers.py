"""Helpers for register tests: contract CSV text from a frame, and what a report found."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pyarrow.csv as pacsv

from sporskifte.registers import ValidationResult
from sporskifte.synth.io import to_arrow


def csv_rows(frame: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """The frame as the contract CSV would hold it: header and rows of text cells."""
    buffer = io.BytesIO()
    pacsv.write_csv(to_arrow(frame), buffer)
    reader = csv.reader(io.StringIO(buffer.getvalue().decode("utf-8")))
    header = next(reader)
    return header, [row for row in reader]


def render(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def write_bytes(directory: Path, data: bytes, name: str = "table.csv") -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


def found(result: ValidationResult) -> set[tuple[int | None, str | None, str]]:
    """(row, column, rule) of every error in a result."""
    return {(p.row, p.column, p.rule) for p in result.errors}
