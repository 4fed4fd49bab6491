"""The `register_weeks` contract: codes from the versioned map, weeks, duplicates and gaps."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sporskifte.registers import iso_weeks, read_table, register_codes, validate_frame
from sporskifte.registers.register_check import check_register
from tests.registers.register_cases import register_frame, write_register


def test_a_register_from_the_cases_is_accepted() -> None:
    frame = register_frame()
    result = validate_frame(frame, "register_weeks")
    assert result.ok, result.to_text()
    assert result.frame is not None
    assert len(result.frame) == len(frame)


def bad_register() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "person_id": ["P1", "P1", "P1", "P2", "P2", "P3"],
            "iso_week": [202052, 202053, 202102, 202101, 202101, 202153],
            "code": ["890", "000", "999", "000", "000", "651"],
            "municipality": ["101", "101", "101", "1O1", "101", "101"],
        }
    )


def problems(lang: str = "en") -> dict[tuple[int | None, str | None, str], str]:
    result = validate_frame(bad_register(), "register_weeks", lang=lang)
    assert not result.ok
    assert result.frame is None
    return {(p.row, p.column, p.rule): p.message(lang) for p in result.errors}


def test_every_broken_row_is_named_with_its_rule() -> None:
    found = problems()
    assert set(found) == {
        (3, "iso_week", "no_gap_before_week"),  # 2020-W53 then 2021-W02: 2021-W01 missing
        (3, "code", "allowed"),
        (4, "municipality", "municipality_code"),
        (5, "iso_week", "unique_together"),
        (6, "iso_week", "iso_week_exists"),  # 2021 has no week 53
    }
    assert "row 4" in found[(5, "iso_week", "unique_together")]
    assert "'P2 202101'" in found[(5, "iso_week", "unique_together")]
    assert "'999' is not an allowed value" in found[(3, "code", "allowed")]


def test_the_report_speaks_danish_too() -> None:
    found = problems("da")
    assert found[(5, "iso_week", "unique_together")].startswith("Samme person og uge")
    assert found[(6, "iso_week", "iso_week_exists")].startswith("Ugen findes ikke")
    assert found[(3, "iso_week", "no_gap_before_week")].startswith("Personen har ingen række")


def test_week_53_is_accepted_in_a_long_year_only() -> None:
    assert iso_weeks.exists(202053)
    assert iso_weeks.exists(202653)
    assert not iso_weeks.exists(202153)
    assert not iso_weeks.exists(202000)
    assert iso_weeks.long_years(2015, 2026) == [2015, 2020, 2026]


def test_week_numbers_count_across_year_ends() -> None:
    assert iso_weeks.week_no(202101) - iso_weeks.week_no(202053) == 1
    assert iso_weeks.week_no(202001) - iso_weeks.week_no(201952) == 1
    assert iso_weeks.iso_week_of(pd.Timestamp("2019-12-31").date()) == 202001
    for number in range(1000, 3000, 7):
        assert iso_weeks.week_no(iso_weeks.iso_week_from_no(number)) == number


def test_a_future_week_is_out_of_range() -> None:
    frame = register_frame().head(1).assign(iso_week=209901)
    result = validate_frame(frame, "register_weeks")
    assert [p.rule for p in result.errors] == ["range"]


def test_the_code_map_names_every_category_with_its_source() -> None:
    version = register_codes.current()
    assert set(version.codes.values()) == set(register_codes.CATEGORIES)
    assert version.provisional
    assert version.source["kind"] == "secondary"
    assert "DREAM" in version.source["name"]
    table = register_codes.code_map_table()
    assert not table.duplicated(["code", "version"]).any()
    sick = table[table["category"] == "sygedagpenge"]
    assert sick["benefit"].all()
    assert sick["scheme"].all()
    assert not table[table["category"].isin(["none", "self_support"])]["scheme"].any()
    assert not table[table["category"] == "education"]["benefit"].any()


def test_a_parquet_file_is_checked_through_the_reader(tmp_path: Path) -> None:
    path = write_register(bad_register(), tmp_path)
    result = read_table(path, "register_weeks")
    assert {p.rule for p in result.errors} >= {"unique_together", "no_gap_before_week"}


def test_a_directory_is_checked_file_by_file(tmp_path: Path) -> None:
    good = write_register(register_frame(), tmp_path / "year=2020")
    write_register(bad_register(), tmp_path / "year=2021")
    rows, rejected = check_register(tmp_path)
    assert rows == len(register_frame()) + len(bad_register())
    assert [r.source for r in rejected] == [str(tmp_path / "year=2021" / "weeks.parquet")]
    assert check_register(good)[1] == []


@pytest.mark.parametrize("column", ["person_id", "iso_week", "code", "municipality"])
def test_every_column_is_required(column: str) -> None:
    result = validate_frame(register_frame().drop(columns=[column]), "register_weeks")
    assert [(p.column, p.rule) for p in result.errors] == [(column, "missing_column")]
