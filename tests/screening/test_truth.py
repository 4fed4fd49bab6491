"""Distance to the truth: the figures compare a model with the true probability correctly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import roc_auc_score

from sporskifte.screening.card import truth_section
from sporskifte.screening.results import truth_verdict
from sporskifte.screening.training import distance_to_truth, evaluate


def test_the_truth_is_at_distance_zero_from_itself() -> None:
    truth = np.random.default_rng(2).beta(2, 5, 5000)
    d = distance_to_truth(truth, truth)
    assert d["auc_ratio"] == pytest.approx(1.0)
    assert d["mean_abs_error"] == 0.0
    assert d["calibration_in_the_large"] == 0.0
    assert all(truth_verdict(d).values())


def test_the_expected_auc_under_the_truth_matches_drawn_outcomes() -> None:
    rng = np.random.default_rng(5)
    truth = rng.beta(2, 5, 4000)
    score = truth + rng.normal(0, 0.1, 4000)
    expected = distance_to_truth(score, truth)["auc"]
    drawn = [roc_auc_score(rng.random(4000) < truth, score) for _ in range(200)]
    assert expected == pytest.approx(float(np.mean(drawn)), abs=0.002)


def test_a_shifted_model_misses_calibration_by_exactly_its_shift() -> None:
    truth = np.random.default_rng(3).beta(2, 5, 2000) * 0.9
    d = distance_to_truth(truth + 0.01, truth)
    assert d["calibration_in_the_large"] == pytest.approx(0.01)
    assert d["mean_abs_error"] == pytest.approx(0.01)
    assert not truth_verdict(d)["calibration_in_the_large"]


def test_evaluating_with_the_truth_puts_it_in_the_report_and_card_text(
    model_dir: Path, history: pd.DataFrame, tmp_path: Path
) -> None:
    truth = np.random.default_rng(1).uniform(0.05, 0.6, len(history))
    result = evaluate(model_dir, history, tmp_path / "ev", all_rows=True, n_boot=5, truth=truth)
    assert set(result.truth) == {"glassbox", "challenger", "baseline"}
    assert result.truth["glassbox"]["auc_truth"] > 0
    text = truth_section(result)
    assert "Glasboks" in text
    assert "p*" in text
    assert "Afstand til sandheden" in (tmp_path / "ev" / "report.html").read_text()
    with pytest.raises(ValueError, match="one probability per spell"):
        evaluate(model_dir, history, tmp_path / "x", all_rows=True, truth=truth[:10])
