"""Report and model card: what a municipality reads before it decides to use the model."""

from __future__ import annotations

import json
from pathlib import Path

from sporskifte.screening.store import read_metadata


def test_the_report_shows_all_three_models_and_embeds_its_plots(model_dir: Path) -> None:
    page = (model_dir / "report.html").read_text(encoding="utf-8")
    for name in ("Glasboks", "Udfordrer", "Basislinje", "Fairness", "Spor og kapacitet"):
        assert name in page
    specs = sorted((model_dir / "plots").glob("*.vl.json"))
    assert [p.stem for p in specs] == ["catch.vl", "fairness.vl", "reliability.vl"]
    for spec in specs:
        assert "vega-lite" in json.loads(spec.read_text())["$schema"]
    assert "<script" not in page  # no script at all, nothing fetched from the network
    assert page.count('<img src="data:image/svg+xml;base64,') == 3
    for name in ("catch", "fairness", "reliability"):
        assert (model_dir / "plots" / f"{name}.svg").read_text().lstrip().startswith("<svg")


def test_the_model_card_covers_use_data_metrics_groups_limits_law_and_hashes(
    model_dir: Path,
) -> None:
    card = (model_dir / "model_card.md").read_text(encoding="utf-8")
    metadata = read_metadata(model_dir)
    for heading in (
        "Tilsigtet brug",
        "Uden for tilsigtet brug",
        "Data",
        "Målinger",
        "Gruppemålinger",
        "Begrænsninger",
        "Retsgrundlag",
    ):
        assert f"## {heading}" in card
    for law in ("art. 22", "Forvaltningsloven § 22", "bekendtgørelsen", "højrisiko"):
        assert law in card
    assert metadata["version"] in card
    assert metadata["training_data_sha256"] in card
    for info in metadata["files"].values():
        assert info["sha256"] in card


def test_metadata_records_versions_metrics_and_the_track_policy(model_dir: Path) -> None:
    metadata = read_metadata(model_dir)
    assert {"interpret", "lightgbm", "scikit-learn", "skops"} <= set(metadata["libraries"])
    assert set(metadata["evaluation"]["metrics"]) == {"glassbox", "challenger", "baseline"}
    assert 0 < metadata["policy"]["threshold"] <= 1


def test_metadata_keeps_the_training_distribution_of_each_monitored_input(
    model_dir: Path,
) -> None:
    from sporskifte.screening.training import MONITORED_INPUTS

    distributions = read_metadata(model_dir)["input_distributions"]
    assert set(distributions) == set(MONITORED_INPUTS)
    fitted = sum(distributions["employment_status"].values())
    assert fitted > 0
    assert sum(distributions["district"].values()) == fitted  # no missing values in either
    assert set(distributions["partial_sick_leave"]) <= {"True", "False"}
    assert "employed" in distributions["employment_status"]


def test_a_flagged_group_in_the_card_reads_in_the_danish_format() -> None:
    from types import SimpleNamespace

    import pandas as pd

    from sporskifte.screening.card import _groups

    fairness = pd.DataFrame([{
        "attribute": "køn", "group": "kvinde", "n": 1234, "metric": "auc", "value": 0.6125,
        "reference": 0.7, "ci_low": 0.58, "ci_high": 0.64, "flagged": True,
    }])  # fmt: skip
    text = _groups(SimpleNamespace(fairness=fairness))  # type: ignore[arg-type]
    assert "køn = kvinde (n = 1234), auc: 0,613 mod reference 0,700 " in text
    assert "(95 %-interval 0,580–0,640)" in text


def test_the_written_models_are_fitted_again_on_every_spell_with_the_chosen_pairs(
    model_dir: Path,
) -> None:
    from sporskifte.screening.training import load_all

    metadata = read_metadata(model_dir)
    models, _ = load_all(model_dir)
    chosen = metadata["pairs"]["pairs"]
    assert chosen
    assert sorted(models["glassbox"].pair_terms()) == sorted(chosen)
    measured, written = metadata["evaluated_fit_period"], metadata["fit_period"]
    assert measured[1] < metadata["holdout_period"][0]  # the measured models never saw it
    assert written == [measured[0], metadata["holdout_period"][1]]  # the written ones did
    card = (model_dir / "model_card.md").read_text(encoding="utf-8")
    assert "tilpasset igen på alle forløb" in " ".join(card.split())
