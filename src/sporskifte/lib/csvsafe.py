"""CSV cells that a spreadsheet will not run as formulas (OWASP "CSV injection"), and the
Danish spreadsheet dialect of the CSV downloads people open in Excel.

A text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with
an apostrophe, which spreadsheets show as text. Numbers (also negative ones) stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from sporskifte.lib import danish

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")


def safe_cell(value: Any) -> Any:
    """`value`, with an apostrophe in front if it is text a spreadsheet would run."""
    if not isinstance(value, str) or not value.startswith(_TRIGGERS):
        return value
    if _NUMBER.match(value):
        return value
    return "'" + value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` with every text cell made safe (number columns are untouched)."""
    out = frame.copy()
    for column in out.columns:
        if not (
            pd.api.types.is_numeric_dtype(out[column]) or pd.api.types.is_bool_dtype(out[column])
        ):
            out[column] = out[column].map(safe_cell)
    return out


EXCEL_BOM = "\ufeff"


def excel_csv(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> bytes:
    """A CSV download in the Danish spreadsheet dialect, which Excel with Danish settings
    opens by double-click: UTF-8 with a byte order mark, semicolon separators, CRLF line ends,
    values in `danish.cell` (dates dd-mm-yyyy, decimal comma, no thousands separator).
    Machine-readable files (import contracts, the command line's CSV, the API) stay ISO and
    dot-decimal and do not use this."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [safe_cell(v) if isinstance(v, str) else danish.cell(v) for v in map(row.get, columns)]
        )
    return (EXCEL_BOM + out.getvalue()).encode("utf-8")
