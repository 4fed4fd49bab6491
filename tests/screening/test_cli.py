"""The command line as an analyst uses it: train, evaluate, screen, and bad input."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from sporskifte.cli import app

runner = CliRunner()


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """CSV as the contract has it: ISO dates, true/false, empty cell = missing."""
    out = frame.copy()
    for column in out.columns:
        if str(out[column].dtype) == "boolean":
            out[column] = out[column].map({True: "true", False: "false"})
    out["onset_date"] = pd.to_datetime(out["onset_date"]).dt.strftime("%Y-%m-%d")
    out.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def files(history: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("files")
    new = history.tail(200).drop(columns=["duration_weeks", "ended", "end_reason"])
    return {
        "history": write_csv(history.head(4000), folder / "history.csv"),
        "later": write_csv(history.tail(2000), folder / "later.csv"),
        "new": write_csv(new, folder / "new.csv"),
    }


@pytest.fixture(scope="module")
def trained(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cli") / "model"
    result = runner.invoke(
        app,
        ["model", "train", "--spells", str(files["history"]), "--out", str(out), "--seed", "1",
         "--n-boot", "5", "--max-pairs", "5"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_training_writes_model_report_and_card(trained: Path) -> None:
    for name in ("glassbox.skops", "metadata.json", "model_card.md", "report.html"):
        assert (trained / name).is_file()
    card = (trained / "model_card.md").read_text(encoding="utf-8")
    assert "Retsgrundlag" in card
    assert "art. 22" in card
    assert "SHA-256" in card


def test_evaluation_with_truth_reports_the_distance_to_the_true_probability(
    trained: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "truth"
    result = runner.invoke(
        app,
        ["model", "evaluate", "--model", str(trained), "--spells", str(files["later"]),
         "--out", str(out), "--n-boot", "5", "--truth"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Distance to the true P(long | inputs)" in result.output
    assert "False-short rate, under 30" in result.output
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Afstand til sandheden" in page
    assert "AUC for p*" in page


def test_evaluation_on_a_later_period_writes_a_report(
    trained: Path, files: dict[str, Path]
) -> None:
    result = runner.invoke(
        app, ["model", "evaluate", "--model", str(trained), "--spells", str(files["later"]),
              "--n-boot", "5"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert (trained / "evaluation" / "report.html").is_file()
    assert list((trained / "evaluation" / "plots").glob("*.vl.json"))


def test_screening_with_a_model_writes_one_row_per_spell(
    trained: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "scores.csv"
    result = runner.invoke(
        app, ["screen", "--model", str(trained), "--spells", str(files["new"]), "--out", str(out),
              "--on", "2026-09-01", "--caseworker-hours", "300"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    scores = pd.read_csv(out)
    assert len(scores) == 200
    assert (scores["mode"] == "model").all()
    assert "Mode: Model" in result.output


def test_screening_without_a_model_says_it_ran_on_rules_and_answers_only(
    files: dict[str, Path], tmp_path: Path
) -> None:
    out = tmp_path / "scores.csv"
    result = runner.invoke(app, ["screen", "--spells", str(files["new"]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Kun regler og svar" in result.output
    assert (pd.read_csv(out)["mode"] == "rules_only").all()


def test_a_bad_file_gets_the_validation_report_and_exit_code_2(
    files: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    frame = pd.read_csv(files["new"], dtype=str)
    frame.loc[3, "diagnosis_group"] = "flu"
    frame.to_csv(bad, index=False)
    result = runner.invoke(app, ["screen", "--spells", str(bad), "--out", str(tmp_path / "s.csv")])
    assert result.exit_code == 2
    assert "diagnosis_group" in result.output
    assert not (tmp_path / "s.csv").exists()


def test_training_needs_the_outcome_columns(files: dict[str, Path], tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["model", "train", "--spells", str(files["new"]), "--out", str(tmp_path / "m")]
    )
    assert result.exit_code == 2
    assert "outcome" in result.output


def test_a_tampered_model_is_refused_by_the_command(
    trained: Path, files: dict[str, Path], tmp_path: Path
) -> None:
    copy = tmp_path / "model"
    shutil.copytree(trained, copy)
    path = copy / "glassbox.skops"
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    result = runner.invoke(
        app, ["screen", "--model", str(copy), "--spells", str(files["new"]),
              "--out", str(tmp_path / "s.csv")],
    )  # fmt: skip
    assert result.exit_code == 3
    assert "changed since training" in result.output


def test_the_scores_file_writes_formula_like_values_as_text(
    files: dict[str, Path], tmp_path: Path
) -> None:
    spells = pd.read_csv(files["new"], dtype=str, keep_default_na=False)
    hostile = ['=HYPERLINK("http://x")', "+1+2", "-3+4", "@SUM(A1)"]
    spells.loc[: len(hostile) - 1, "spell_id"] = hostile
    source = tmp_path / "hostile.csv"
    spells.to_csv(source, index=False)
    out = tmp_path / "scores.csv"
    result = runner.invoke(app, ["screen", "--spells", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["spell_id"] for r in rows[: len(hostile)]] == ["'" + h for h in hostile]
    for row in rows:
        for column, cell in row.items():
            assert not cell.startswith(("=", "+", "@")), (column, cell)
            assert not cell.startswith("-") or _is_number(cell), (column, cell)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
