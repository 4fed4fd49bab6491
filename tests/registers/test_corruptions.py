"""Property: random corruptions of a valid file are all reported at the right row and column,
the file is rejected whole, and nothing crashes."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sporskifte.lib.cpr import looks_like_cpr
from sporskifte.registers import ValidationResult, read_table
from tests.registers.helpers import csv_rows, found, render

Expected = tuple[int | None, str | None, str]
Header = list[str]
Rows = list[list[str]]

INTEGER_COLUMNS = ("birth_year", "prior_spells_3y", "prior_sick_weeks_3y", "benefit_weeks_3y")
CATEGORY_COLUMNS = ("sex", "employment_status", "education", "diagnosis_group", "district")
RANGED = {"expected_return_weeks": (105, 999), "self_rated_health": (6, 50)}
REQUIRED_TEXT = ("sex", "education", "district", "diagnosis_group", "employer_size")


@dataclass(frozen=True)
class Corruption:
    """A change to one cell (or one row) and the problem it must cause."""

    kind: str
    row: int  # 0-based data row
    column: str | None
    value: str = ""

    def apply(self, header: Header, rows: Rows) -> Expected:
        return _APPLY[self.kind](self, header, rows)


def _set(c: Corruption, header: Header, rows: Rows, rule: str) -> Expected:
    assert c.column is not None
    rows[c.row][header.index(c.column)] = c.value
    return (c.row + 1, c.column, rule)


def _duplicate_key(c: Corruption, header: Header, rows: Rows) -> Expected:
    key = header.index("spell_id")
    rows[c.row][key] = rows[0][key]
    return (c.row + 1, "spell_id", "unique")


def _cross(c: Corruption, header: Header, rows: Rows) -> Expected:
    rows[c.row][header.index("employment_status")] = "unemployed"
    rows[c.row][header.index("employer_size")] = "10-49"
    return (c.row + 1, "employer_size", "employer_size_none_unless_employed")


def _ragged(c: Corruption, header: Header, rows: Rows) -> Expected:
    rows[c.row] = rows[c.row][:-2]
    return (c.row + 1, None, "field_count")


def _encoding(c: Corruption, header: Header, rows: Rows) -> Expected:
    rows[c.row][header.index("district")] = LATIN1_MARK
    return (c.row + 1, "district", "encoding")


LATIN1_MARK = "\u0000LATIN1\u0000"
"""Placeholder replaced by Latin-1 bytes after rendering (csv cannot write invalid UTF-8)."""

_APPLY: dict[str, Callable[[Corruption, Header, Rows], Expected]] = {
    "type": lambda c, h, r: _set(c, h, r, "type"),
    "category": lambda c, h, r: _set(c, h, r, "allowed"),
    "range": lambda c, h, r: _set(c, h, r, "range"),
    "required": lambda c, h, r: _set(c, h, r, "required"),
    "cpr": lambda c, h, r: _set(c, h, r, "cpr"),
    "duplicate": _duplicate_key,
    "cross": _cross,
    "ragged": _ragged,
    "encoding": _encoding,
}
ROW_KINDS = ("cross", "ragged", "duplicate")
"""Corruptions that touch more than one cell of a row: at most one per row."""


def cpr_numbers() -> st.SearchStrategy[str]:
    """Valid-looking CPR numbers (the century digit must not put the birth in the future)."""
    born = st.dates(date(1931, 1, 1), date(2005, 12, 31))
    serial = st.integers(0, 9999)
    dash = st.booleans()
    numbers = st.builds(
        lambda d, s, with_dash: d.strftime("%d%m%y") + ("-" if with_dash else "") + f"{s:04d}",
        born,
        serial,
        dash,
    )
    return numbers.filter(looks_like_cpr)


def corruptions(rows: int) -> st.SearchStrategy[Corruption]:
    row = st.integers(1, rows - 1)  # row 0 keeps the key that a duplicate copies
    bad_number = st.sampled_from(["abc", "1.5", "12x", "--3", "yes"])
    return st.one_of(
        st.builds(Corruption, st.just("type"), row, st.sampled_from(INTEGER_COLUMNS), bad_number),
        st.builds(Corruption, st.just("type"), row, st.just("onset_date"),
                  st.sampled_from(["2021-02-30", "01-02-2021", "2021/02/01", "today"])),
        st.builds(Corruption, st.just("type"), row, st.just("partial_sick_leave"),
                  st.sampled_from(["ja", "2", "maybe"])),
        st.builds(Corruption, st.just("category"), row, st.sampled_from(CATEGORY_COLUMNS),
                  st.sampled_from(["zzz", "Kbh", "Other", "-"])),
        st.sampled_from(sorted(RANGED)).flatmap(
            lambda col: st.builds(Corruption, st.just("range"), row, st.just(col),
                                  st.integers(*RANGED[col]).map(str))
        ),
        st.builds(Corruption, st.just("required"), row, st.sampled_from(REQUIRED_TEXT)),
        st.builds(Corruption, st.just("cpr"), row, st.just("person_id"), cpr_numbers()),
        st.builds(Corruption, st.sampled_from(ROW_KINDS), row, st.none()),
        st.builds(Corruption, st.just("encoding"), row, st.just("district")),
    )  # fmt: skip


def distinct(items: list[Corruption]) -> bool:
    cells = [(c.row, c.column) for c in items if c.kind not in ROW_KINDS]
    row_level = [c.row for c in items if c.kind in ROW_KINDS]
    cell_rows = [row for row, _ in cells]
    return (
        len(set(cells)) == len(cells)
        and len(set(row_level)) == len(row_level)
        and not set(row_level) & set(cell_rows)
        and len({c for _, c in cells}) == len(cells)  # one cell per column
    )


@pytest.fixture(scope="module")
def base(spells: pd.DataFrame) -> tuple[Header, Rows]:
    return csv_rows(spells)


def _read(data: bytes, lang: str) -> ValidationResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spells.csv"
        path.write_bytes(data)
        return read_table(path, "sickness_spells", lang=lang)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    items=st.lists(corruptions(40), min_size=1, max_size=4).filter(distinct),
    lang=st.sampled_from(["en", "da"]),
)
def test_every_corruption_is_reported_at_its_row_and_column(
    base: tuple[Header, Rows], items: list[Corruption], lang: str
) -> None:
    header, rows = base[0], [list(r) for r in base[1]]
    expected = {c.apply(header, rows) for c in items}
    data = render(header, rows).replace(LATIN1_MARK.encode(), "Østerbro".encode("latin-1"))
    result = _read(data, lang)
    assert not result.ok
    assert result.frame is None
    assert expected <= found(result)
    assert result.to_text()
    assert result.to_markdown()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(column=st.sampled_from(["spell_id", "onset_date", "sex", "district", "education"]))
def test_a_missing_required_column_is_reported_by_name(
    base: tuple[Header, Rows], column: str
) -> None:
    header, rows = base
    keep = [i for i, name in enumerate(header) if name != column]
    data = render([header[i] for i in keep], [[r[i] for i in keep] for r in rows])
    result = _read(data, "en")
    assert (None, column, "missing_column") in found(result)
    assert result.frame is None


@settings(max_examples=25, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_reader(data: bytes) -> None:
    result = _read(data, "da")
    assert result.ok is False or result.frame is not None
    assert result.to_text()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(at=st.floats(0.0, 1.0), noise=st.binary(min_size=1, max_size=40))
def test_random_bytes_inside_a_valid_file_never_crash_and_never_half_load(
    base: tuple[Header, Rows], at: float, noise: bytes
) -> None:
    data = render(*base)
    cut = int(at * len(data))
    result = _read(data[:cut] + noise + data[cut:], "en")
    assert result.to_text()
    if result.ok:  # the noise happened to be harmless (e.g. blanks inside a text cell)
        assert result.frame is not None
    else:
        assert result.frame is None
