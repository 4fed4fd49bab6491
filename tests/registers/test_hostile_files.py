"""Hostile and foreign files: the Danish Excel dialect is read (and the report says so),
other trouble leads the report with its cause and is capped per rule, random bytes give a
short report, and files over the size or row limits are refused before they are loaded."""

from __future__ import annotations

import random
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from sporskifte.registers import read_table
from sporskifte.registers.readers import Limits
from tests.registers.helpers import csv_rows, render, write_bytes


def danish_excel(frame: pd.DataFrame) -> bytes:
    """The frame as Danish Excel saves it: semicolons, decimal commas, dd-mm-yyyy, cp1252."""
    header, rows = csv_rows(frame)
    out = [";".join(header)]
    for row in rows:
        cells = []
        for value in row:
            if len(value) == 10 and value[4] == "-" and value[7] == "-":
                value = f"{value[8:10]}-{value[5:7]}-{value[0:4]}"
            elif value.replace(".", "", 1).lstrip("-").isdigit() and "." in value:
                value = value.replace(".", ",")
            cells.append(value)
        out.append(";".join(cells))
    return "\r\n".join(out).encode("cp1252")


def test_a_danish_excel_file_is_read_and_the_report_says_so(
    spells: pd.DataFrame, tmp_path: Path
) -> None:
    frame = spells.copy()
    frame.loc[3, "district"] = "Østerbro"
    data = danish_excel(frame)
    assert b"\xd8" in data  # Ø in Windows-1252
    result = read_table(write_bytes(tmp_path, data), "sickness_spells", lang="da")
    assert result.ok, result.to_text()
    assert result.frame is not None
    assert result.frame.loc[3, "district"] == "Østerbro"
    assert result.frame["onset_date"].tolist() == pd.to_datetime(spells["onset_date"]).tolist()
    note = result.to_text()
    assert "dansk Excel-fil" in note
    assert "Windows-1252" in note
    assert "dd-mm-åååå" in note


def test_a_broken_file_leads_with_the_cause_and_caps_each_rule(
    spells: pd.DataFrame, tmp_path: Path
) -> None:
    header, rows = csv_rows(spells)
    for row in rows:
        row[header.index("district")] = "Bydel\xe6"  # not valid UTF-8 once encoded latin-1
        row[header.index("onset_date")] = "not a date"
    data = render(header, rows).decode("utf-8").encode("latin-1")
    result = read_table(
        write_bytes(tmp_path, data), "sickness_spells", lang="en", limits=Limits(max_per_rule=5)
    )
    rules = [p.rule for p in result.errors]
    assert rules.count("encoding") == 5
    more = [p for p in result.errors if p.rule == "more_of_rule"]
    assert any(dict(p.params)["of_rule"] == "encoding" for p in more)
    assert len(result.to_text().splitlines()) < 40


def test_semicolons_in_a_non_danish_header_lead_the_report(tmp_path: Path) -> None:
    data = b"a;b,c\n" + b"\xff,x\n" * 300
    result = read_table(write_bytes(tmp_path, data), "sickness_spells", lang="da")
    assert result.errors[0].row is None
    assert len(result.to_text().splitlines()) < 60


def test_random_bytes_give_a_short_report(tmp_path: Path) -> None:
    data = random.Random(7).randbytes(2_000_000)
    result = read_table(write_bytes(tmp_path, data, "noise.csv"), "sickness_spells")
    assert not result.ok
    assert len(result.to_text().splitlines()) < 40


def test_random_text_bytes_without_nul_give_a_capped_report(tmp_path: Path) -> None:
    noise = bytes(b for b in random.Random(8).randbytes(400_000) if b != 0)
    result = read_table(write_bytes(tmp_path, noise, "noise.csv"), "sickness_spells")
    assert not result.ok
    assert len(result.to_text().splitlines()) < 200


def test_a_small_parquet_file_with_millions_of_rows_is_refused_from_its_metadata(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bomb.parquet"
    rows = 10_000_000
    table = pa.table({"spell_id": pa.repeat("x", rows)})  # type: ignore[attr-defined]
    pq.write_table(table, path, compression="zstd")
    assert path.stat().st_size < 2_000_000
    result = read_table(path, "sickness_spells", limits=Limits(max_rows=1_000_000))
    assert [p.rule for p in result.errors] == ["too_many_rows"]
    assert "10000000" in result.to_text()


def test_files_over_the_size_or_row_limit_are_refused(spells: pd.DataFrame, tmp_path: Path) -> None:
    header, rows = csv_rows(spells)
    path = write_bytes(tmp_path, render(header, rows))
    big = read_table(path, "sickness_spells", limits=Limits(max_bytes=1000))
    assert [p.rule for p in big.errors] == ["too_large"]
    long = read_table(path, "sickness_spells", limits=Limits(max_rows=10))
    assert [p.rule for p in long.errors] == ["too_many_rows"]
    assert read_table(path, "sickness_spells", limits=Limits(max_rows=40)).ok
