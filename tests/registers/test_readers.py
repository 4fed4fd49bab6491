"""Reading contract files: good files load typed, bad files are rejected whole with a report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sporskifte.registers import ContractError, load_table, read_table, validate_frame
from sporskifte.registers.contracts import CONTRACTS
from sporskifte.synth.io import write_table
from tests.registers.helpers import csv_rows, found, render, write_bytes


def test_a_valid_csv_loads_with_contract_dtypes(spells: pd.DataFrame, tmp_path: Path) -> None:
    path = write_table(spells, tmp_path / "spells.csv", "csv")
    result = read_table(path, "sickness_spells")
    assert result.ok, result.to_text()
    assert result.frame is not None
    assert list(result.frame.columns) == list(CONTRACTS["sickness_spells"].names)
    for spec in CONTRACTS["sickness_spells"].columns:
        assert str(result.frame[spec.name].dtype) == spec.pandas_dtype
    pd.testing.assert_frame_equal(result.frame, spells)


def test_a_valid_parquet_file_loads_the_same_as_csv(spells: pd.DataFrame, tmp_path: Path) -> None:
    from_csv = load_table(write_table(spells, tmp_path / "s.csv", "csv"), "sickness_spells")
    from_parquet = load_table(write_table(spells, tmp_path / "s.pq", "parquet"), "sickness_spells")
    pd.testing.assert_frame_equal(from_csv, from_parquet)


def test_a_screening_file_without_outcome_columns_is_valid(
    spells: pd.DataFrame, tmp_path: Path
) -> None:
    screening = spells[list(CONTRACTS["sickness_spells"].screening_columns)]
    result = read_table(write_table(screening, tmp_path / "s.csv"), "sickness_spells")
    assert result.ok
    assert result.frame is not None
    assert "duration_weeks" not in result.frame


def test_one_outcome_column_requires_the_others(spells: pd.DataFrame) -> None:
    partial = spells.drop(columns=["duration_weeks"])
    result = validate_frame(partial, "sickness_spells")
    assert (None, "duration_weeks", "missing_outcome_column") in found(result)


def test_a_zero_byte_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    result = read_table(write_bytes(tmp_path, b""), "sickness_spells")
    assert not result.ok
    assert result.frame is None
    assert [p.rule for p in result.errors] == ["empty_file"]


def test_a_header_without_rows_is_an_error(spells: pd.DataFrame, tmp_path: Path) -> None:
    header, _ = csv_rows(spells)
    result = read_table(write_bytes(tmp_path, render(header, [])), "sickness_spells")
    assert (None, None, "no_rows") in found(result)


def test_a_missing_file_is_reported(tmp_path: Path) -> None:
    result = read_table(tmp_path / "nowhere.csv", "sickness_spells")
    assert [p.rule for p in result.errors] == ["file_not_found"]


def test_a_semicolon_file_is_read_as_the_danish_dialect_and_says_so(
    spells: pd.DataFrame, tmp_path: Path
) -> None:
    header, rows = csv_rows(spells)
    data = "\n".join(";".join(r) for r in [header, *rows]).encode("utf-8")
    result = read_table(write_bytes(tmp_path, data), "sickness_spells", lang="da")
    assert result.ok, result.to_text()
    assert [p.rule for p in result.warnings][:1] == ["danish_dialect"]
    assert "semikolon" in result.to_text()


def test_latin1_bytes_are_reported_at_their_row_and_column(
    spells: pd.DataFrame, tmp_path: Path
) -> None:
    header, rows = csv_rows(spells)
    rows[4][header.index("district")] = "Østerbro"
    lines = render(header, rows).split(b"\n")
    lines[5] = lines[5].decode("utf-8").encode("latin-1")  # file line 6 holds data row 5
    result = read_table(write_bytes(tmp_path, b"\n".join(lines)), "sickness_spells")
    assert found(result) == {(5, "district", "encoding")}
    assert "0xD8" in result.to_text()


def test_a_ragged_row_is_reported_and_later_rows_keep_their_numbers(
    spells: pd.DataFrame, tmp_path: Path
) -> None:
    header, rows = csv_rows(spells)
    rows[2] = rows[2][:-1]
    rows[6][header.index("birth_year")] = "nineteen"
    result = read_table(write_bytes(tmp_path, render(header, rows)), "sickness_spells")
    assert (3, None, "field_count") in found(result)
    assert (7, "birth_year", "type") in found(result)


def test_an_extra_column_is_a_warning_and_dropped(spells: pd.DataFrame) -> None:
    result = validate_frame(spells.assign(note="x"), "sickness_spells")
    assert result.ok
    assert [(p.column, p.rule) for p in result.warnings] == [("note", "extra_column")]
    assert result.frame is not None
    assert "note" not in result.frame


def test_a_duplicated_column_name_is_an_error(spells: pd.DataFrame, tmp_path: Path) -> None:
    header, rows = csv_rows(spells)
    header.append("sex")
    rows = [[*r, "F"] for r in rows]
    result = read_table(write_bytes(tmp_path, render(header, rows)), "sickness_spells")
    assert (None, "sex", "duplicate_column") in found(result)


def test_a_cpr_number_in_person_id_is_an_error_and_masked(spells: pd.DataFrame) -> None:
    bad = spells.copy()
    bad.loc[3, "person_id"] = "150385-1234"
    result = validate_frame(bad, "sickness_spells")
    problem = next(p for p in result.errors if p.rule == "cpr")
    assert (problem.row, problem.column) == (4, "person_id")
    assert problem.value == "150385-xxxx"
    assert "1234" not in result.to_text() + result.to_markdown("da")


def test_a_cpr_number_stored_as_an_integer_is_caught(
    courses_and_households: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    _, households = courses_and_households
    bad = households.copy()
    bad["person_id"] = np.arange(len(bad)) + 101901234  # 0101901234 without its leading zero
    result = validate_frame(bad, "households")
    assert (1, "person_id", "cpr") in found(result)


def test_every_problem_is_listed_not_only_the_first(spells: pd.DataFrame) -> None:
    bad = spells.copy()
    bad.loc[[1, 5, 9], "sex"] = "X"
    bad.loc[2, "spell_id"] = bad.loc[0, "spell_id"]
    bad.loc[7, "self_rated_health"] = 9
    result = validate_frame(bad, "sickness_spells")
    assert {(2, "sex", "allowed"), (6, "sex", "allowed"), (10, "sex", "allowed")} <= found(result)
    assert (3, "spell_id", "unique") in found(result)
    assert (8, "self_rated_health", "range") in found(result)
    duplicate = next(p for p in result.errors if p.rule == "unique")
    assert "row 1" in duplicate.message("en")
    assert "række 1" in duplicate.message("da")


def test_a_future_onset_is_out_of_range(spells: pd.DataFrame) -> None:
    bad = spells.copy()
    bad.loc[0, "onset_date"] = pd.Timestamp("2031-01-01")
    result = validate_frame(bad, "sickness_spells", today=date(2026, 1, 1))
    assert (1, "onset_date", "range") in found(result)


@pytest.mark.parametrize(
    ("changes", "column", "rule"),
    [
        (
            {"employment_status": "unemployed", "employer_size": "10-49"},
            "employer_size",
            "employer_size_none_unless_employed",
        ),
        ({"birth_year": 2015}, "birth_year", "birth_year_at_least_15_years_before_onset"),
        (
            {"prior_sick_weeks_3y": 30, "benefit_weeks_3y": 10},
            "benefit_weeks_3y",
            "benefit_weeks_include_sick_weeks",
        ),
        ({"ended": True, "end_reason": None}, "end_reason", "end_reason_when_ended"),
        ({"ended": False, "end_reason": "work"}, "end_reason", "no_end_reason_unless_ended"),
    ],
)
def test_cross_column_rules_of_spells_point_at_the_right_cell(
    spells: pd.DataFrame, changes: dict[str, object], column: str, rule: str
) -> None:
    bad = spells.copy()
    bad.loc[0, "onset_date"] = pd.Timestamp("2022-03-01")
    for name, value in changes.items():
        bad.loc[0, name] = pd.NA if value is None else value
    result = validate_frame(bad, "sickness_spells")
    assert (1, column, rule) in found(result)
    assert result.frame is None


def test_a_not_employed_person_may_have_employer_size_none(spells: pd.DataFrame) -> None:
    ok = spells.copy()
    ok.loc[0, ["employment_status", "employer_size"]] = ["unemployed", "none"]
    assert validate_frame(ok, "sickness_spells").ok


@pytest.mark.parametrize(
    ("changes", "column", "rule"),
    [
        ({"start_date": "2020-01-01", "referral_date": "2020-02-01"}, "start_date",
         "start_on_or_after_referral"),
        ({"start_date": "2020-02-01", "planned_end_date": "2020-02-01"}, "planned_end_date",
         "planned_end_after_start"),
        ({"start_date": "2020-02-01", "ended_date": "2020-01-15"}, "ended_date",
         "ended_on_or_after_start"),
        ({"ended_date": "2021-01-01", "end_reason": None}, "end_reason", "end_reason_when_ended"),
        ({"ended_date": None, "end_reason": "job"}, "end_reason", "no_end_reason_unless_ended"),
    ],
)  # fmt: skip
def test_cross_column_rules_of_courses_point_at_the_right_cell(
    courses_and_households: tuple[pd.DataFrame, pd.DataFrame],
    changes: dict[str, str | None],
    column: str,
    rule: str,
) -> None:
    courses, _ = courses_and_households
    bad = courses.copy()
    for name, value in changes.items():
        bad.loc[0, name] = pd.NaT if value is None and "date" in name else value
        if value is not None and "date" in name:
            bad.loc[0, name] = pd.Timestamp(value)
    result = validate_frame(bad, "courses")
    assert (1, column, rule) in found(result)


def test_married_households_need_the_spouse_figures(
    courses_and_households: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    _, households = courses_and_households
    bad = households.copy()
    bad.loc[0, ["civil_status", "spouse_assets_dkk", "spouse_monthly_income_dkk"]] = [
        "married",
        pd.NA,
        pd.NA,
    ]
    bad.loc[1, "person_id"] = bad.loc[0, "person_id"]
    result = validate_frame(bad, "households")
    assert {
        (1, "spouse_assets_dkk", "spouse_assets_dkk_when_married"),
        (1, "spouse_monthly_income_dkk", "spouse_monthly_income_dkk_when_married"),
        (2, "person_id", "unique"),
    } <= found(result)


def test_numbers_from_a_spreadsheet_are_read_as_integers(spells: pd.DataFrame) -> None:
    sheet = spells.copy()
    sheet["birth_year"] = sheet["birth_year"].astype(float)
    sheet["occupation"] = pd.to_numeric(sheet["occupation"]).astype(float)
    result = validate_frame(sheet, "sickness_spells")
    assert result.ok, result.to_text()
    assert result.frame is not None
    pd.testing.assert_series_equal(result.frame["occupation"], spells["occupation"])


def test_a_fractional_integer_is_a_type_error(spells: pd.DataFrame) -> None:
    bad = spells.copy().astype({"prior_spells_3y": "Float64"})
    bad.loc[4, "prior_spells_3y"] = 1.5
    assert (5, "prior_spells_3y", "type") in found(validate_frame(bad, "sickness_spells"))


def test_the_report_reads_in_danish_and_english(spells: pd.DataFrame) -> None:
    bad = spells.copy()
    bad.loc[0, "sex"] = "X"
    result = validate_frame(bad, "sickness_spells", lang="da")
    assert "Afvist" in result.to_text()
    assert "Rejected" in result.to_text("en")
    assert "| Række | Kolonne | Regel | Værdi | Problem |" in result.to_markdown()
    assert result.errors[0].message("da") == "'X' er ikke en tilladt værdi (tilladt: F, M)."


def test_load_table_raises_a_contract_error_carrying_the_report(tmp_path: Path) -> None:
    with pytest.raises(ContractError) as raised:
        load_table(write_bytes(tmp_path, b""), "courses")
    assert raised.value.result.errors[0].rule == "empty_file"


def test_an_unknown_table_name_is_a_programming_error(spells: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="unknown table"):
        validate_frame(spells, "spells")


def test_a_broken_parquet_file_is_reported_not_raised(tmp_path: Path) -> None:
    path = write_bytes(tmp_path, b"PAR1 this is not really parquet", "broken.parquet")
    result = read_table(path, "courses")
    assert [p.rule for p in result.errors] == ["unreadable"]
    assert "Parquet" in result.to_text()


def test_wrong_types_in_parquet_are_reported_per_cell(
    courses_and_households: tuple[pd.DataFrame, pd.DataFrame], tmp_path: Path
) -> None:
    courses, _ = courses_and_households
    bad = courses.astype({"birth_year": "string"})
    bad.loc[2, "birth_year"] = "unknown"
    result = read_table(write_table(bad, tmp_path / "c.parquet", "parquet"), "courses")
    assert (3, "birth_year", "type") in found(result)


def test_a_missing_column_does_not_hide_problems_in_the_other_columns(
    spells: pd.DataFrame,
) -> None:
    bad = spells.drop(columns=["education"])
    bad.loc[3, "sex"] = "?"
    result = validate_frame(bad, "sickness_spells")
    assert {(None, "education", "missing_column"), (4, "sex", "allowed")} <= found(result)
