"""Register features on DuckDB: known answers, the week arithmetic and no look-ahead."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from sporskifte.registers import iso_weeks
from sporskifte.registers import register_features as rf
from sporskifte.synth.register import copenhagen_batches
from sporskifte.synth.register_io import write_batches
from sporskifte.synth.spells import generate_spells
from tests.registers.register_cases import EXPECTED, SPELLS, register_frame, write_register

EXTRACT = date(2025, 12, 31)


def features(weeks: Path, spells: pd.DataFrame, out: Path) -> pd.DataFrame:
    rf.compute(weeks, spells, out, engine="duckdb")
    return rf.read_features(out)


def test_the_hand_worked_cases_get_their_known_answers(tmp_path: Path) -> None:
    weeks = write_register(register_frame(), tmp_path / "weeks")
    got = features(weeks, SPELLS, tmp_path / "out")
    assert list(got.columns) == list(rf.OUTPUT_COLUMNS)
    merged = got.drop(columns=["person_id", "onset_date"]).merge(EXPECTED, on="spell_id")
    assert len(merged) == len(EXPECTED)
    for column in rf.FEATURE_COLUMNS:
        left, right = merged[f"{column}_x"], merged[f"{column}_y"]
        assert left.isna().tolist() == right.isna().tolist(), column
        assert left.dropna().tolist() == right.dropna().tolist(), column


def test_the_manifest_says_how_the_features_were_made(tmp_path: Path) -> None:
    weeks = write_register(register_frame(), tmp_path / "weeks")
    rf.compute(weeks, SPELLS, tmp_path / "out")
    manifest = rf.read_manifest(tmp_path / "out")
    assert manifest["engine"] == "duckdb"
    assert manifest["rows"] == len(SPELLS)
    assert manifest["code_map"]["provisional"] is True
    assert manifest["definition_sha256"] == rf.definition_sha256()


def test_the_sql_week_arithmetic_matches_the_calendar() -> None:
    weeks = [y * 100 + w for y in range(1991, 2041) for w in (1, 2, 26, 52, 53)]
    weeks = [w for w in weeks if iso_weeks.exists(w)]
    ctes = rf.definition().split("\n-- Weeks on a scheme")[0].rstrip().rstrip(",")
    frame = pd.DataFrame({"person_id": "P", "code": "000", "iso_week": weeks})
    con = duckdb.connect()
    con.register("register_weeks", frame)
    numbers = con.execute(ctes + " SELECT week_no FROM weeks").fetchall()  # noqa: S608
    assert [n for (n,) in numbers] == [iso_weeks.week_no(w) for w in weeks]


@pytest.fixture(scope="module")
def copenhagen(tmp_path_factory: pytest.TempPathFactory) -> tuple[pd.DataFrame, Path, dict]:  # type: ignore[type-arg]
    spells = generate_spells(seed=5, n=400, extract_date=EXTRACT)
    exact: dict[str, bool] = {}
    folder = tmp_path_factory.mktemp("copenhagen")
    batches = copenhagen_batches(spells, None, seed=5, extract_date=EXTRACT, exact=exact)
    write_batches(batches, folder / "weeks")
    return spells, folder / "weeks", exact


def test_the_synthetic_register_reproduces_each_first_spells_history(
    copenhagen: tuple[pd.DataFrame, Path, dict[str, bool]], tmp_path: Path
) -> None:
    spells, weeks, exact = copenhagen
    got = features(weeks, spells, tmp_path)
    first = spells.sort_values(["person_id", "onset_date"]).drop_duplicates("person_id")
    first = first[first["person_id"].map(exact)]
    assert len(first) > 0.95 * spells["person_id"].nunique()
    merged = first.merge(got, on="spell_id", suffixes=("", "_register"))
    for column in ("prior_spells_3y", "prior_sick_weeks_3y", "benefit_weeks_3y"):
        assert (merged[column].astype(int) == merged[f"{column}_register"]).all(), column


def test_weeks_from_the_onset_on_never_change_the_features(
    copenhagen: tuple[pd.DataFrame, Path, dict[str, bool]], tmp_path: Path
) -> None:
    spells, weeks, _ = copenhagen
    before = features(weeks, spells, tmp_path / "before")
    register = pd.read_parquet(weeks)[["person_id", "iso_week", "code", "municipality"]]
    latest = spells.groupby("person_id")["onset_date"].max()
    onset_week = latest.map(lambda d: iso_weeks.iso_week_of(pd.Timestamp(d).date()))
    from_onset = register["iso_week"] >= register["person_id"].map(onset_week)
    assert from_onset.any()
    changed = register.copy()
    changed.loc[from_onset, "code"] = "783"  # førtidspension in every later week
    changed = pd.concat([changed, changed[from_onset].assign(code="890", iso_week=209901)])
    path = write_register(changed, tmp_path / "changed")
    after = features(path, spells, tmp_path / "after")
    pd.testing.assert_frame_equal(before, after)


def test_a_csv_register_gives_the_same_features(tmp_path: Path) -> None:
    frame = register_frame()
    csv = tmp_path / "weeks.csv"
    frame.to_csv(csv, index=False)
    parquet = write_register(frame, tmp_path / "weeks")
    from_csv = features(csv, SPELLS, tmp_path / "a")
    pd.testing.assert_frame_equal(from_csv, features(parquet, SPELLS, tmp_path / "b"))
