"""Training from the weekly register: joined history, a stratified sample, and the card."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sporskifte.cli import app
from sporskifte.registers import register_features as rf
from sporskifte.screening.features import InputError
from sporskifte.screening.register_inputs import cap_rows, join_register_features, strata
from sporskifte.synth.io import write_table
from sporskifte.synth.register import write_copenhagen_register

runner = CliRunner()
EXTRACT = date(2025, 12, 31)


def test_a_capped_sample_keeps_every_stratums_share(history: pd.DataFrame) -> None:
    sample, info = cap_rows(history, 1500, seed=2)
    assert len(sample) == 1500
    assert not sample.index.duplicated().any()
    assert info["method"] == "stratified"
    assert info["rows_available"] == len(history)
    expected = strata(history).value_counts() * 1500 / len(history)
    got = strata(sample).value_counts().reindex(expected.index, fill_value=0)
    assert ((got - expected).abs() < 1).all()


def test_rows_within_the_cap_are_all_used(history: pd.DataFrame) -> None:
    sample, info = cap_rows(history, len(history), seed=2)
    assert sample is history
    assert info == {"method": "all", "rows": len(history), "rows_available": len(history)}


def test_register_history_replaces_the_spells_own(history: pd.DataFrame) -> None:
    spells = history.head(50)
    features = pd.DataFrame(
        {
            "spell_id": spells["spell_id"][::-1],
            "prior_spells_3y": range(50),
            "prior_sick_weeks_3y": 2,
            "benefit_weeks_3y": 3,
            "last_scheme": "dagpenge",
            "weeks_since_last_scheme": None,
        }
    )
    joined = join_register_features(spells, features)
    assert joined["prior_spells_3y"].tolist() == list(range(49, -1, -1))
    assert (joined["benefit_weeks_3y"] == 3).all()
    assert joined["weeks_since_last_scheme"].isna().all()
    assert joined["employment_status"].equals(spells["employment_status"])


def test_register_features_must_cover_every_spell(history: pd.DataFrame) -> None:
    spells = history.head(10)
    features = pd.DataFrame({"spell_id": spells["spell_id"].head(7)})
    with pytest.raises(InputError, match="lack 3 of 10 spells"):
        join_register_features(spells, features)


@pytest.fixture(scope="module")
def register_files(history: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("register")
    spells = history[pd.to_datetime(history["onset_date"]) <= pd.Timestamp(EXTRACT)].head(3000)
    write_table(spells, folder / "spells.csv", "csv")
    write_copenhagen_register(folder / "weeks", spells, None, seed=1, extract_date=EXTRACT)
    return folder


def test_the_model_trains_on_register_features_and_the_card_says_so(
    register_files: Path, tmp_path: Path
) -> None:
    features = tmp_path / "features"
    result = runner.invoke(
        app, ["register", "features", "--weeks", str(register_files / "weeks"),
              "--spells", str(register_files / "spells.csv"), "--out", str(features)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert rf.read_manifest(features)["rows"] == 3000
    model = tmp_path / "model"
    result = runner.invoke(
        app, ["model", "train", "--spells", str(register_files / "spells.csv"),
              "--register-features", str(features), "--max-rows", "2000", "--out", str(model),
              "--seed", "1", "--n-boot", "5"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    metadata = json.loads((model / "metadata.json").read_text())
    assert metadata["training_rows"]["method"] == "stratified"
    assert metadata["n_training_rows"] == 2000
    assert metadata["register_features"]["engine"] == "duckdb"
    card = (model / "model_card.md").read_text(encoding="utf-8")
    assert "Stikprøve: 2000 af 3000 forløb, stratificeret" in card
    assert "fra ugeregistret, beregnet med duckdb" in card
    assert "foreløbig" in card


def test_features_for_other_spells_are_refused(register_files: Path, tmp_path: Path) -> None:
    features = tmp_path / "features"
    pd.DataFrame({"spell_id": ["S1"]}).to_parquet(features.with_suffix(".parquet"))
    result = runner.invoke(
        app, ["model", "train", "--spells", str(register_files / "spells.csv"),
              "--register-features", str(features.with_suffix(".parquet")),
              "--out", str(tmp_path / "model")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "cannot read register features" in result.output
