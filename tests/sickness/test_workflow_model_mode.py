"""The workflow with a trained screening model (`SCREENING_MODEL_DIR`): the prediction, its
exact factors and the model version go on the case; a high-risk person the law exempts is
flagged for a human look; a tampered model is refused and the app falls back to the rules."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sporskifte.citizens.models import Alert
from sporskifte.screening import TrainConfig, train
from sporskifte.sickness import actions, law, screener
from sporskifte.sickness.models import Screening, TeamCapacity, Track
from sporskifte.synth.spells import generate_spells
from tests.conftest import World
from tests.sickness.conftest import ON, submit

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("workflow-model")
    history = generate_spells(seed=5, n=3000)
    # Three pair terms always kept, so the pages show combined factors.
    config = TrainConfig(
        seed=3, outer_bags=2, n_boot=10, on=date(2026, 9, 1), max_pairs=3, pair_grid=(3,)
    )
    train(history, out, config)
    return out


def _copy(model: Path, target: Path, **policy: float) -> Path:
    shutil.copytree(model, target)
    if policy:
        meta = json.loads((target / "metadata.json").read_text())
        meta["policy"].update(policy)
        (target / "metadata.json").write_text(json.dumps(meta))
    return target


@pytest.fixture
def model_dir(trained_model: Path, tmp_path: Path, settings: Any) -> Path:
    target = _copy(trained_model, tmp_path / "model")
    settings.SCREENING_MODEL_DIR = target
    return target


def test_a_model_screening_keeps_the_prediction_factors_and_version(
    routes: World, model_dir: Path
) -> None:
    screening = submit().current_screening
    assert screening is not None
    assert screening.mode == Screening.Mode.MODEL
    assert screening.model_version == screener.model_status().version
    assert screening.p_long is not None
    assert 0 < screening.p_long < 1
    assert screening.median_weeks is not None
    assert screening.baseline is not None
    total = screening.baseline + sum(c["points"] for c in screening.contributions) / 100
    assert total == pytest.approx(screening.p_long, abs=1e-9)
    labels = [c["label"] for c in screening.contributions]
    assert "Egen forventning om 30 ugers fravær" in labels


def test_the_case_page_shows_the_risk_and_its_factors_as_bars(
    routes: World, model_dir: Path
) -> None:
    case = submit()
    client = Client()
    client.force_login(routes.caseworker)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "risiko for stadig at være sygemeldt efter 26 uger" in page
    assert 'class="bar bar--up w-' in page or 'class="bar bar--down w-' in page
    assert "procentpoint" in page
    assert "style=" not in page


def test_pair_factors_show_as_one_combined_factor_on_the_case_page_and_the_case_file(
    routes: World, model_dir: Path
) -> None:
    from sporskifte.sickness.queries import factor_bars

    case = submit()
    screening = case.current_screening
    assert screening is not None
    pairs = [c for c in screening.contributions if " & " in c["feature"]]
    assert len(pairs) == 3
    assert all(c["label"].endswith(" tilsammen") for c in pairs)
    client = Client()
    client.force_login(routes.caseworker)
    page = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    bars, _ = factor_bars(screening)
    shown = [bar for bar in bars if bar.pair]
    assert shown, "the largest pair factor of this case is among the bars"
    for bar in shown:
        assert f"{bar.label} <span" in page
    assert page.count("(samspil af to oplysninger)") == len(shown)
    case_file = client.get(reverse("case-file", args=[case.pk])).content.decode()
    for c in pairs:  # the case file lists every factor, pairs included, with its size
        assert f"<dt>{c['label']} (samspil af to oplysninger)</dt>" in case_file
    assert 'Hvor der står "tilsammen"' in case_file
    total = screening.baseline + sum(c["points"] for c in screening.contributions) / 100
    assert total == pytest.approx(screening.p_long, abs=1e-9)


def test_a_high_risk_person_in_the_exempt_track_is_flagged_until_reviewed(
    routes: World, trained_model: Path, tmp_path: Path, settings: Any
) -> None:
    # A municipality may set its own flag threshold; here every exempt person is "high risk".
    settings.SCREENING_MODEL_DIR = _copy(trained_model, tmp_path / "low", flag_threshold=0.0)
    case = submit(expected_return_weeks=6, employer_expected_return_weeks=8)
    screening = case.current_screening
    assert screening is not None
    assert screening.exempt
    assert screening.flag_high_risk_exempt
    assert case.track == Track.NONE
    alert = Alert.objects.get(spell=case.spell, cleared_at__isnull=True)
    assert alert.code == law.HIGH_RISK_EXEMPT
    assert "GDPR art. 22" in alert.rule
    actions.review_screening(routes.caseworker, screening.pk, "confirm", on=ON)
    assert not Alert.objects.filter(spell=case.spell, cleared_at__isnull=True).exists()


def _team_threshold(world: World, threshold: float) -> None:
    TeamCapacity.objects.create(
        team=world.nord, set_by_label="test", caseworker_hours_per_week=10, hours_track1=0.25,
        hours_track2=2, hours_track3=12, review_hours=0.5, threshold=threshold, fits=True,
        weekly_inflow=1, reference_spells=10,
    )  # fmt: skip


def test_a_new_screening_uses_the_threshold_fitted_to_its_teams_capacity(
    routes: World, model_dir: Path
) -> None:
    _team_threshold(routes, 0.999)
    low = submit().current_screening
    assert low is not None
    assert low.p_long is not None
    assert low.p_long < 0.999
    assert low.proposed_track == Track.LIGHT
    assert any("under tærsklen på 99,9 %" in r["text"] for r in low.reasons)
    _team_threshold(routes, 0.001)
    high = submit(cpr="0202901235", name="Anders And").current_screening
    assert high is not None
    assert high.proposed_track == Track.INTERDISCIPLINARY
    assert any("mindst tærsklen på 0,1 %" in r["text"] for r in high.reasons)


def test_the_worklist_sorts_by_risk(routes: World, model_dir: Path) -> None:
    submit(expected_return_weeks=2, self_rated_health=5)
    submit(cpr="0202901235", name="Anders And", expected_return_weeks=40, self_rated_health=1)
    client = Client()
    client.force_login(routes.caseworker)
    page = client.get(reverse("worklist"), {"sort": "risk"}).content.decode()
    assert page.index("Anders And") < page.index("Mette Jensen")


def test_a_tampered_model_is_refused_and_the_rules_screen_instead(
    routes: World, trained_model: Path, tmp_path: Path, settings: Any
) -> None:
    target = _copy(trained_model, tmp_path / "tampered")
    with (target / "glassbox.skops").open("ab") as handle:
        handle.write(b"tampered")
    settings.SCREENING_MODEL_DIR = target
    status = screener.model_status()
    assert status.mode == "rules_only"
    assert status.error is not None
    screening = submit().current_screening
    assert screening is not None
    assert screening.mode == Screening.Mode.RULES_ONLY
    client = Client()
    client.force_login(routes.caseworker)
    page = client.get(reverse("worklist")).content.decode()
    assert "Screeningsmodellen kunne ikke bruges" in page
