"""Readers for the contract files: CSV (UTF-8, comma, header) and Parquet.

Both end in `validate_frame`, so a file and an in-memory frame get exactly the same checks.
A reader never raises on bad input: a missing file, zero bytes, a non-UTF-8 byte, a ragged
row, a semicolon-separated header or an unreadable Parquet file become problems in the
returned `ValidationResult` (with `frame=None`). Use `load_table` to raise `ContractError`.

CSV is read with pyarrow (multi-threaded, every column as text, so that each cell can be
judged and quoted as written); only a file with ragged rows is re-read with Python's `csv`
module, slower but able to say on which line each ragged row sits. Blank lines are skipped.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from sporskifte.registers import dialects
from sporskifte.registers.contracts import get_contract
from sporskifte.registers.messages import check_lang
from sporskifte.registers.report import Problem, ValidationResult
from sporskifte.registers.validate import validate_frame

BOM = b"\xef\xbb\xbf"
PARQUET_MAGIC = b"PAR1"
PARQUET_SUFFIXES = {".parquet", ".pq"}


@dataclass(frozen=True)
class Limits:
    """Bounds on hostile input: the file's bytes, its rows (from Parquet's metadata or the
    CSV's line count, before anything is parsed) and the problems listed per rule."""

    max_bytes: int | None = None
    max_rows: int | None = None
    max_per_rule: int | None = 20


def read_table(
    path: str | Path,
    table: str,
    *,
    lang: str = "en",
    today: date | None = None,
    limits: Limits | None = None,
) -> ValidationResult:
    """Read and validate a CSV or Parquet file against the contract of `table`.

    The format is taken from the suffix (`.parquet`/`.pq`) or, failing that, from the file's
    first bytes. Returns a `ValidationResult`; its `frame` is set only when there are no
    errors. A file over `limits` is refused before it is loaded; a CSV in the Danish Excel
    dialect (semicolons, decimal commas, dd-mm-yyyy, Windows-1252) is read as such, and
    the report says so; the report lists at most `limits.max_per_rule` problems per rule.
    """
    get_contract(table)
    check_lang(lang)
    path = Path(path)
    limits = limits or Limits()
    fmt = _format_of(path)
    warnings: list[Problem] = []
    refused = _over_size(path, limits)
    if refused:
        raw, problems = None, refused
    elif fmt == "parquet":
        raw, problems = _read_parquet(path, limits)
    else:
        raw, problems, warnings = _read_csv(path, limits)
    if raw is None:
        result = ValidationResult(table, errors=problems, lang=lang)
    else:
        result = validate_frame(raw, table, lang=lang, today=today)
        result.errors = problems + _outside(result.errors, _undecodable_cells(problems))
        if problems:
            result.frame = None
            result.errors.sort(key=lambda p: -1 if p.row is None else p.row)
    result.errors = cap_per_rule(result.errors, limits.max_per_rule)
    result.warnings = warnings + cap_per_rule(result.warnings, limits.max_per_rule)
    result.source = str(path)
    result.header_lines = 1 if fmt == "csv" else 0
    return result


def cap_per_rule(problems: list[Problem], limit: int | None) -> list[Problem]:
    """The first `limit` problems of each rule, then one line counting the rest of it.
    File-level problems (no row: the cause, e.g. the wrong delimiter) come first."""
    ordered = sorted(problems, key=lambda p: 0 if p.row is None else 1)
    if limit is None:
        return ordered
    kept: list[Problem] = []
    counts: dict[str, int] = {}
    for problem in ordered:
        counts[problem.rule] = counts.get(problem.rule, 0) + 1
        if counts[problem.rule] <= limit:
            kept.append(problem)
    for rule, count in counts.items():
        if count > limit:
            params = (("count", str(count - limit)), ("of_rule", rule))
            kept.append(Problem(None, None, "more_of_rule", params=params))
    return kept


def _over_size(path: Path, limits: Limits) -> list[Problem]:
    try:
        size = path.stat().st_size
    except OSError:
        return []
    if limits.max_bytes is not None and size > limits.max_bytes:
        mb = 1024 * 1024
        params = (("size", f"{size / mb:.1f}"), ("limit", f"{limits.max_bytes / mb:.0f}"))
        return [Problem(None, None, "too_large", params=params)]
    return []


def _too_many_rows(rows: int, limits: Limits) -> list[Problem]:
    if limits.max_rows is not None and rows > limits.max_rows:
        params = (("rows", str(rows)), ("limit", str(limits.max_rows)))
        return [Problem(None, None, "too_many_rows", params=params)]
    return []


def _undecodable_cells(problems: list[Problem]) -> set[tuple[int | None, str | None]]:
    return {(p.row, p.column) for p in problems if p.rule == "encoding"}


def _outside(problems: list[Problem], cells: set[tuple[int | None, str | None]]) -> list[Problem]:
    """Problems not in `cells` (a garbled cell is reported once, as an encoding problem)."""
    return [p for p in problems if (p.row, p.column) not in cells] if cells else problems


def load_table(
    path: str | Path, table: str, *, lang: str = "en", today: date | None = None
) -> pd.DataFrame:
    """The typed frame of a valid file; raises `ContractError` (with the report) otherwise."""
    return read_table(path, table, lang=lang, today=today).raise_for_errors()


def _format_of(path: Path) -> str:
    if path.suffix.lower() in PARQUET_SUFFIXES:
        return "parquet"
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError:
        return "csv"
    return "parquet" if head == PARQUET_MAGIC else "csv"


# --- Parquet ---------------------------------------------------------------------------------


def _read_parquet(path: Path, limits: Limits) -> tuple[pd.DataFrame | None, list[Problem]]:
    try:
        if path.stat().st_size == 0:
            return None, [Problem(None, None, "empty_file")]
        # The row count is in the footer: a small file that expands to millions of rows is
        # refused before a single row is decompressed.
        too_many = _too_many_rows(pq.ParquetFile(path).metadata.num_rows, limits)
        if too_many:
            return None, too_many
        table = pq.read_table(path)
        return _to_pandas(table), []
    except FileNotFoundError as exc:
        return None, [_not_found(exc)]
    except (OSError, pa.ArrowException, ValueError) as exc:
        return None, [_unreadable("Parquet", exc)]


_NULLABLE = {
    pa.int8(): pd.Int64Dtype(),
    pa.int16(): pd.Int64Dtype(),
    pa.int32(): pd.Int64Dtype(),
    pa.int64(): pd.Int64Dtype(),
    pa.float32(): pd.Float64Dtype(),
    pa.float64(): pd.Float64Dtype(),
    pa.bool_(): pd.BooleanDtype(),
    pa.string(): pd.StringDtype(),
    pa.large_string(): pd.StringDtype(),
}


def _to_pandas(table: pa.Table) -> pd.DataFrame:
    """Arrow to pandas with nullable dtypes; calendar dates become timestamps (fast path)."""
    for i, field in enumerate(table.schema):
        if pa.types.is_date(field.type):
            table = table.set_column(i, field.name, table.column(i).cast(pa.timestamp("us")))
    return table.to_pandas(types_mapper=_NULLABLE.get)


def _not_found(exc: OSError) -> Problem:
    return Problem(None, None, "file_not_found", params=(("detail", str(exc.strerror or exc)),))


def _unreadable(fmt: str, exc: Exception) -> Problem:
    detail = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
    return Problem(None, None, "unreadable", params=(("format", fmt), ("detail", detail)))


# --- CSV -------------------------------------------------------------------------------------


def _read_csv(
    path: Path, limits: Limits
) -> tuple[pd.DataFrame | None, list[Problem], list[Problem]]:
    """(frame, errors, warnings). The file's size is bounded before this (`_over_size`);
    its rows are counted on the bytes before anything is parsed."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [_not_found(exc)], []
    if data.startswith(BOM):
        data = data[len(BOM) :]
    if not data.strip():
        return None, [Problem(None, None, "empty_file")], []
    if b"\x00" in data[:65536]:
        return None, [Problem(None, None, "binary")], []
    too_many = _too_many_rows(max(0, data.count(b"\n") - 1), limits)
    if too_many:
        return None, too_many, []
    dialect: list[Problem] = []
    if dialects.looks_danish(data):
        data, detail = dialects.to_contract_csv(data)
        dialect = [Problem(None, None, "danish_dialect", params=(("detail", detail),))]
    try:
        frame, problems = _decode_and_parse(data)
        return frame, problems, dialect
    except (csv.Error, UnicodeError, ValueError) as exc:
        return None, [_unreadable("CSV", exc)], []


def _decode_and_parse(data: bytes) -> tuple[pd.DataFrame | None, list[Problem]]:
    encoding = _encoding_problems(data)
    if encoding:  # go on with replacement characters so that every other problem is found too
        data = data.decode("utf-8", errors="replace").encode("utf-8")
    header = _header(data)
    if len(header) == 1 and ";" in header[0]:  # the cause first, then what follows from it
        return None, [Problem(None, None, "delimiter", header[0][:80]), *encoding]
    frame, problems = _parse_csv(data, header)
    return frame, encoding + problems


def _encoding_problems(data: bytes) -> list[Problem]:
    """One `encoding` problem per cell holding bytes that are not valid UTF-8."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return []
    lines = data.split(b"\n")
    header = _fields(lines[0].decode("latin-1"))
    problems = []
    for number, line in enumerate(lines, start=1):
        # One linear pass per line: undecodable bytes become lone surrogates.
        text = line.decode("utf-8", errors="surrogateescape")
        for bad in _UNDECODABLE.finditer(text):
            field = _field_at(text, bad.start())
            column = header[field] if number > 1 and field < len(header) else None
            value = " ".join(f"0x{ord(char) - 0xDC00:02X}" for char in bad.group())
            problems.append(Problem(number - 1 if number > 1 else None, column, "encoding", value))
    return problems


_UNDECODABLE = re.compile("[\udc80-\udcff]+")


def _field_at(line: str, position: int) -> int:
    """Index of the comma-separated field holding character `position` (quotes respected)."""
    field, quoted = 0, False
    for char in line[:position]:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            field += 1
    return field


def _header(data: bytes) -> list[str]:
    return _fields(data.split(b"\n", 1)[0].decode("utf-8"))


def _fields(line: str) -> list[str]:
    """The comma-separated fields of one line (a stray carriage return ends the line)."""
    first = line.replace("\r\n", "\n").replace("\r", "\n").split("\n", 1)[0]
    try:
        return next(csv.reader([first]), [])
    except csv.Error:
        return [first]


def _parse_csv(data: bytes, header: list[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
    names = _readable_names(header)
    ragged: list[int] = []

    def on_invalid_row(row: pacsv.InvalidRow) -> str:
        ragged.append(row.actual_columns)
        return "skip"

    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
            parse_options=pacsv.ParseOptions(
                newlines_in_values=True, invalid_row_handler=on_invalid_row
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowException, ValueError) as exc:
        return None, [_unreadable("CSV", exc)]
    if ragged:
        return _parse_csv_slowly(data, header)
    return _with_header(table.to_pandas(), header), []


def _readable_names(header: list[str]) -> list[str]:
    """Unique names for pyarrow (duplicates get a suffix; `validate_frame` reports them)."""
    return [f"{name}\x00{i}" for i, name in enumerate(header)]


def _with_header(frame: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    return frame.set_axis(header, axis="columns")


def _parse_csv_slowly(data: bytes, header: list[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """Python `csv` pass for files with ragged rows: each gets a problem with its row number.

    Ragged rows are padded or cut to the header's width so the other checks still run and
    every later row keeps its own number.
    """
    width = len(header)
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    next(reader, None)
    rows: list[list[str]] = []
    problems: list[Problem] = []
    for fields in reader:
        if not fields:
            continue  # blank line, skipped as in the fast path
        if len(fields) != width:
            params = (("actual", str(len(fields))), ("expected", str(width)))
            problems.append(Problem(len(rows) + 1, None, "field_count", None, params))
            fields = (fields + [""] * width)[:width]
        rows.append(fields)
    frame = pd.DataFrame(rows, columns=range(width), dtype="string")
    return _with_header(frame, header), problems
