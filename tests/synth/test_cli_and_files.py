"""`sporskifte synth` writes files that pass their contracts, in CSV and in Parquet."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sporskifte import synth
from sporskifte.cli import app
from sporskifte.registers import read_table

runner = CliRunner()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_written_files_read_back_identical_and_valid(tmp_path: Path, fmt: str) -> None:
    world = synth.generate_copenhagen(9, n=2_000)
    paths = synth.write(tmp_path, 9, fmt, world=world)
    for table, frame in world.tables().items():
        result = read_table(paths[table], table)
        assert result.ok, result.to_text(limit=5)
        assert result.frame is not None
        pd.testing.assert_frame_equal(result.frame, frame)


def test_the_command_writes_the_three_tables(tmp_path: Path) -> None:
    args = ["synth", "--out", str(tmp_path), "--seed", "5", "--n", "3000", "--format", "parquet"]
    outcome = runner.invoke(app, args)
    assert outcome.exit_code == 0, outcome.output
    for table in ("sickness_spells", "courses", "households"):
        assert read_table(tmp_path / f"{table}.parquet", table).ok
    assert "3.000 rows" in outcome.output


def test_the_report_option_writes_calibration_markdown(tmp_path: Path) -> None:
    outcome = runner.invoke(app, ["synth", "--out", str(tmp_path), "--n", "4000", "--report"])
    assert outcome.exit_code == 0, outcome.output
    report = (tmp_path / "calibration.md").read_text("utf-8")
    assert "| target | published / derived | source | generated |" in report
    assert "targets within tolerance" in outcome.output


def test_the_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        runner.invoke(app, ["synth", "--out", str(tmp_path / folder), "--seed", "3", "--n", "500"])
    for name in ("sickness_spells.csv", "courses.csv", "households.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "csv or parquet"),
        (["--extract-date", "31-12-2025"], "YYYY-MM-DD"),
        (["--n", "0"], "--n"),
    ],
)
def test_bad_options_get_a_clear_error(tmp_path: Path, args: list[str], message: str) -> None:
    outcome = runner.invoke(app, ["synth", "--out", str(tmp_path), *args])
    assert outcome.exit_code == 2
    assert message in outcome.output
