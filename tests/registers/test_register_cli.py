"""`sporskifte register`: validate, features and synth as an analyst runs them."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
from typer.testing import CliRunner

from sporskifte.cli import app
from sporskifte.registers import register_features as rf
from sporskifte.synth.io import write_table
from sporskifte.synth.spells import generate_spells
from tests.registers.register_cases import register_frame, write_register

runner = CliRunner()


def test_a_bad_register_prints_the_report_and_computes_nothing(tmp_path: Path) -> None:
    frame = register_frame()
    frame.loc[3, "code"] = "999"
    frame = frame.drop(index=10)
    weeks = write_register(frame, tmp_path / "weeks")
    spells = write_table(generate_spells(seed=1, n=20), tmp_path / "spells.csv")
    result = runner.invoke(
        app, ["register", "features", "--weeks", str(weeks), "--spells", str(spells),
              "--out", str(tmp_path / "out"), "--lang", "da"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "Række 4, kolonne code: '999' er ikke en tilladt værdi" in result.output
    # the row after the dropped one (index 10) is now the eleventh data row
    assert "Række 11, kolonne iso_week: Personen har ingen række for ugen før" in result.output
    assert not (tmp_path / "out").exists()


def test_validate_accepts_a_good_register(tmp_path: Path) -> None:
    weeks = write_register(register_frame(), tmp_path)
    result = runner.invoke(app, ["register", "validate", str(weeks)])
    assert result.exit_code == 0, result.output
    assert f"Accepted: {len(register_frame()):,} person-weeks" in result.output


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["register", "features", "--weeks", str(tmp_path), "--spells", str(tmp_path),
              "--out", str(tmp_path), "--engine", "polars"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "duckdb or spark" in result.output


def test_synth_writes_the_copenhagen_register_that_features_read(tmp_path: Path) -> None:
    result = runner.invoke(app, ["register", "synth", "--out", str(tmp_path), "--n", "150"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        app, ["register", "features", "--weeks", str(tmp_path / "weeks"),
              "--spells", str(tmp_path / "sickness_spells.parquet"), "--out", str(tmp_path / "f")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(rf.read_features(tmp_path / "f")) == 150


def test_synth_streams_a_national_register_in_year_partitions(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["register", "synth", "--out", str(tmp_path), "--national-persons", "300",
              "--weeks", "120"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "weeks").rglob("*.parquet"))
    assert {f.parent.name for f in files} == {"year=2006", "year=2007", "year=2008"}
    assert sum(pq.ParquetFile(f).metadata.num_rows for f in files) == 300 * 120
    result = runner.invoke(app, ["register", "validate", str(tmp_path / "weeks")])
    assert result.exit_code == 0, result.output
