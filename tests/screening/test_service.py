"""Screening as the caseworker sees it: exact Danish explanations, tracks, and the two modes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sporskifte.screening import (
    MODE_MODEL,
    MODE_RULES_ONLY,
    TrackPolicy,
    load_model,
    rules_only_frame,
    rules_only_screen,
)
from sporskifte.screening.explain import format_points, probability_contributions
from sporskifte.screening.service import output_columns

from .conftest import ON

REFORM_START = date(2026, 7, 1)  # sickness.follow_up_regime: the reform's start (provisional)

SENTENCE = re.compile(r"^.+: [+−]\d+(,\d)? procentpoint$")


@pytest.fixture(scope="module")
def batch(history: pd.DataFrame) -> pd.DataFrame:
    return history.tail(400).drop(columns=["duration_weeks", "ended", "end_reason"])


def test_contributions_sum_exactly_to_the_models_probability(
    model_dir: Path, batch: pd.DataFrame
) -> None:
    model = load_model(model_dir)
    screenings = model.screen(batch, on=ON)
    p = model.p_long(batch)
    for s, p_model in zip(screenings, p, strict=True):
        assert s.baseline is not None
        total = s.baseline + sum(c.points for c in s.contributions) / 100
        assert total == pytest.approx(p_model, abs=1e-9)
        assert s.p_long == pytest.approx(p_model, abs=1e-9)


def test_each_contribution_has_the_sign_of_its_logit_term() -> None:
    rng = np.random.default_rng(1)
    terms = rng.normal(0, 1, (1000, 6))
    base = rng.normal(-1, 1, 1000)
    baseline, points = probability_contributions(base, terms)
    assert np.array_equal(np.sign(points), np.sign(terms))
    exact = 1 / (1 + np.exp(-(base + terms.sum(axis=1))))
    assert np.allclose(baseline + points.sum(axis=1) / 100, exact, atol=1e-12, rtol=0)


def test_a_zero_total_push_still_splits_exactly() -> None:
    _baseline, points = probability_contributions(np.array([0.3]), np.array([[0.5, -0.5, 0.0]]))
    assert points.sum() == pytest.approx(0.0, abs=1e-12)
    assert points[0, 0] > 0 > points[0, 1]


def test_scores_file_has_one_row_per_spell_with_danish_factor_sentences(
    model_dir: Path, batch: pd.DataFrame
) -> None:
    scores = load_model(model_dir).screen_frame(batch, on=ON)
    assert list(scores.columns) == output_columns()
    assert scores["spell_id"].tolist() == batch["spell_id"].astype(str).tolist()
    assert (scores["mode"] == MODE_MODEL).all()
    assert scores["p_long"].between(0, 1).all()
    assert (scores["median_weeks"] > 0).all()
    assert set(scores["track"]) <= {"ingen_opfoelgning", "let_opfoelgning", "tvaerfaglig_indsats"}
    sentences = [s for c in scores.filter(like="factor_") for s in scores[c] if s]
    assert sentences
    assert all(SENTENCE.match(s) for s in sentences)
    assert any(s.startswith("Egen forventning om ") for s in sentences)
    ups = [s for s in scores["factor_up_1"] if s]
    assert all("+" in s for s in ups)


def test_the_median_and_p_long_never_contradict(model_dir: Path, batch: pd.DataFrame) -> None:
    scores = load_model(model_dir).screen_frame(batch, on=ON)
    assert ((scores["median_weeks"] > 26) == (scores["p_long"] > 0.5)).all()


def test_exempt_people_the_model_sees_as_high_risk_are_flagged_not_silently_exempted(
    model_dir: Path, batch: pd.DataFrame
) -> None:
    model = load_model(model_dir).with_policy(TrackPolicy(threshold=0.5, flag_threshold=0.0))
    scores = model.screen_frame(batch, on=ON)
    exempt = scores[scores["exempt"]]
    assert len(exempt) > 0
    assert (exempt["track"] == "ingen_opfoelgning").all()
    assert exempt["flag_high_risk_exempt"].all()
    assert exempt["reasons"].str.contains("sagsbehandler skal se på sagen").all()


def test_the_law_not_the_model_decides_the_exemption(model_dir: Path, batch: pd.DataFrame) -> None:
    # Spells that began after the reform's start are judged by its 26-week rule.
    recent = batch.assign(onset_date=pd.Timestamp(REFORM_START) + pd.Timedelta(days=5))
    scores = load_model(model_dir).screen_frame(recent, on=ON)
    employed = (recent["employment_status"] == "employed").to_numpy()
    both_short = (
        ((recent["expected_return_weeks"] < 26) & (recent["employer_expected_return_weeks"] < 26))
        .fillna(False)
        .to_numpy(dtype=bool)
    )
    assert both_short.any()
    assert np.array_equal(scores["exempt"].to_numpy(), employed & both_short)
    # Spells that began before 2025 are judged by their own, older rules: no exemption.
    old = batch.assign(onset_date=pd.Timestamp("2024-06-03"))
    assert not load_model(model_dir).screen_frame(old, on=ON)["exempt"].any()


def test_rules_only_mode_works_without_any_model(batch: pd.DataFrame) -> None:
    scores = rules_only_frame(batch, on=ON)
    assert list(scores.columns) == output_columns()
    assert (scores["mode"] == MODE_RULES_ONLY).all()
    assert scores["p_long"].isna().all()
    own = batch["expected_return_weeks"].astype("Float64")
    long_expected = (own >= 26).fillna(False).to_numpy(dtype=bool) & ~scores["exempt"].to_numpy()
    assert (scores.loc[long_expected, "track"] == "tvaerfaglig_indsats").all()
    assert (scores.loc[scores["exempt"], "track"] == "ingen_opfoelgning").all()
    screenings = rules_only_screen(batch.head(5), on=ON)
    assert all(s.mode == MODE_RULES_ONLY and s.p_long is None and s.reasons for s in screenings)


def test_points_are_written_the_danish_way() -> None:
    assert format_points(9.2) == "+9 procentpoint"
    assert format_points(-0.64) == "−0,6 procentpoint"


def test_pair_terms_are_told_as_one_combined_factor_and_still_add_up(
    model_dir: Path, batch: pd.DataFrame
) -> None:
    model = load_model(model_dir)
    assert len(model.pairs()) == 5
    screenings = model.screen(batch.head(200), on=ON)
    for s in screenings:
        pairs = [c for c in s.contributions if " & " in c.feature]
        assert len(pairs) == 5
        for c in pairs:
            assert c.label.endswith(" tilsammen")
            assert " og " in c.label
            assert SENTENCE.match(c.sentence())
            assert isinstance(c.value, tuple)
            assert len(c.value) == 2
        assert s.baseline is not None
        assert s.p_long is not None
        total = s.baseline + sum(c.points for c in s.contributions) / 100
        assert total == pytest.approx(s.p_long, abs=1e-9)


def test_the_fast_scores_file_says_what_the_single_screening_says(
    model_dir: Path, batch: pd.DataFrame
) -> None:
    # Onsets across the three sets of follow-up rules, a policy that flags, and an index that
    # is not 0..n-1: every column of the batch path must be what `screen` says, row for row.
    rng = np.random.default_rng(4)
    days = rng.integers(0, 820, len(batch))
    mixed = batch.assign(
        onset_date=(pd.Timestamp("2024-06-01") + pd.to_timedelta(days, unit="D")).to_numpy()
    ).set_axis(rng.permutation(len(batch)) * 3 + 7)
    model = load_model(model_dir).with_policy(TrackPolicy(threshold=0.4, flag_threshold=0.2))
    scores = model.screen_frame(mixed, on=ON)
    screenings = model.screen(mixed, on=ON)
    assert len(scores) == len(screenings) == len(mixed)
    assert scores["exempt"].any()
    assert scores["flag_high_risk_exempt"].any()
    assert scores["reasons"].str.contains("gjaldt på første fraværsdag").any()
    for row, s in zip(scores.itertuples(index=False), screenings, strict=True):
        ups, downs = s.factors_up(), s.factors_down()
        assert [row.factor_up_1, row.factor_up_2, row.factor_up_3] == ups + [""] * (3 - len(ups))
        assert [row.factor_down_1, row.factor_down_2, row.factor_down_3] == downs + [""] * (
            3 - len(downs)
        )
        assert (row.spell_id, row.mode, row.track, row.model_version) == (
            s.spell_id, s.mode, s.track, s.model_version,
        )  # fmt: skip
        assert (row.exempt, row.flag_high_risk_exempt) == (s.exempt, s.flag_high_risk_exempt)
        assert (row.p_long, row.median_weeks, row.baseline) == (
            s.p_long, s.median_weeks, s.baseline,
        )  # fmt: skip
        assert row.reasons == " | ".join(r.text for r in s.reasons)


def test_the_demo_model_trains_and_screens(tmp_path: Path, batch: pd.DataFrame) -> None:
    from sporskifte.demo.model import train_demo_model

    metadata = train_demo_model(tmp_path / "demo", seed=2, rows=3000)
    model = load_model(tmp_path / "demo")
    assert model.version == metadata["version"]
    assert len(model.screen(batch.head(3), on=ON)) == 3
