"""Screening spells: the API the web app and the CLI call.

Two modes, always named in the output (`mode`):

* `model`: a trained glass-box model gives `p_long` (calibrated), `median_weeks` (anchored
  log-normal, see `duration`), exact per-factor contributions in percentage points and a track.
* `rules_only`: no model (a municipality with no legal basis or no history to train on yet).
  The law's exemption and the person's and employer's own expectations decide: exempt -> track
  1; someone (person or employer) expects at least the horizon -> track 3; otherwise track 2.
  No probability is shown, because none was estimated.

In both modes the law's exemption answer comes from `sporskifte.rules` with its Danish reasons,
and a person the law exempts but the model sees as high risk is flagged, not silently exempted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sporskifte.rules import sickness as law
from sporskifte.rules.answers import Reason
from sporskifte.screening import store
from sporskifte.screening.duration import LogNormalDuration
from sporskifte.screening.estimators import GlassBoxClassifier
from sporskifte.screening.explain import (
    Contribution,
    describe,
    label_codes,
    probability_contributions,
    term_parts,
    top_factors,
)
from sporskifte.screening.features import FeatureSet, age_band, check_columns, model_frame
from sporskifte.screening.reasons import reason_texts, spell_reasons
from sporskifte.screening.tracks import TRACK_LABELS, TRACKS, Capacity, TrackPolicy

MODE_MODEL = "model"
MODE_RULES_ONLY = "rules_only"
MODE_LABELS = {
    MODE_MODEL: "Model (regler, svar og statistisk model)",
    MODE_RULES_ONLY: "Kun regler og svar (ingen model)",
}
TOP_K = 3


@dataclass(frozen=True, slots=True)
class Screening:
    """One spell's screening: what the caseworker sees and what goes on the case file."""

    spell_id: str
    mode: str
    track: str
    exempt: bool
    flag_high_risk_exempt: bool
    p_long: float | None
    median_weeks: float | None
    baseline: float | None
    contributions: tuple[Contribution, ...]
    reasons: tuple[Reason, ...]
    model_version: str | None

    @property
    def track_label(self) -> str:
        """Danish name of the track."""
        return TRACK_LABELS[self.track]

    def factors_up(self, k: int = TOP_K) -> list[str]:
        """Danish sentences of the `k` largest pushes up (>= 0.5 percentage points)."""
        ups = [c for c in self.contributions if c.points >= 0.5]
        return [c.sentence() for c in sorted(ups, key=lambda c: -c.points)[:k]]

    def factors_down(self, k: int = TOP_K) -> list[str]:
        """Danish sentences of the `k` largest pushes down."""
        downs = [c for c in self.contributions if c.points <= -0.5]
        return [c.sentence() for c in sorted(downs, key=lambda c: c.points)[:k]]


def _today(on: date | None) -> date:
    return on or date.today()


class ScreeningModel:
    """A loaded, hash-checked screening model with its track policy."""

    def __init__(
        self,
        classifier: GlassBoxClassifier,
        duration: LogNormalDuration,
        metadata: dict[str, Any],
        policy: TrackPolicy,
    ) -> None:
        self.classifier = classifier
        self.duration = duration
        self.metadata = metadata
        self.policy = policy
        self.horizon = float(metadata["horizon_weeks"])
        self.features = FeatureSet(tuple(metadata["features"]))
        pair_features = {
            part
            for term in getattr(classifier.ebm_, "term_names_", [])
            if " & " in term
            for part in term_parts(term)
        }
        self.pair_cuts = {name: classifier.bin_cuts(name, 1) for name in sorted(pair_features)}

    @property
    def version(self) -> str:
        """Model version recorded at training (date and hash prefix)."""
        return str(self.metadata["version"])

    def with_policy(self, policy: TrackPolicy) -> ScreeningModel:
        """The same model with another track policy (e.g. refitted to this week's capacity)."""
        return ScreeningModel(self.classifier, self.duration, self.metadata, policy)

    def p_long(self, spells: pd.DataFrame) -> np.ndarray:
        """Bare model output (no explanation, no law): calibrated P(still sick at 26 weeks)."""
        return np.asarray(self.classifier.predict_proba(spells)[:, 1])

    def pairs(self) -> list[str]:
        """The model's pair terms ("a & b"), each told as one combined factor."""
        return [t for t in self.classifier.ebm_.term_names_ if " & " in t]

    def _explain(self, spells: pd.DataFrame) -> dict[str, Any]:
        frame = model_frame(spells, FeatureSet(tuple(self.classifier.feature_names_in_)))
        base, terms = self.classifier.frame_terms(frame)
        baseline, points = probability_contributions(base, terms.to_numpy())
        p = baseline + points.sum(axis=1) / 100.0
        labels = label_codes(frame, list(terms.columns), self.pair_cuts)
        return {
            "p": p, "baseline": baseline, "points": points, "labels": labels, "terms": terms,
            "frame": frame,
        }  # fmt: skip

    def _score(self, spells: pd.DataFrame, on: date | None) -> dict[str, Any]:
        check_columns(spells)
        scored = self._explain(spells)
        scored["median"] = self.duration.median_given_p_long(scored["p"], self.horizon)
        scored["answers"], scored["law"] = law.exemption_table(spells, _today(on))
        exempt = law.exempt_mask(scored["answers"])[scored["law"]]
        scored["exempt"] = exempt
        bands = age_band(spells).to_numpy(dtype=object) if self.policy.band_thresholds else None
        scored["track"] = self.policy.assign(scored["p"], exempt, bands)
        scored["flag"] = self.policy.flags(scored["p"], exempt)
        return scored

    def screen_frame(self, spells: pd.DataFrame, on: date | None = None) -> pd.DataFrame:
        """One row per spell (see `output_columns`); fast path for batches."""
        s = self._score(spells, on)
        columns: dict[str, Any] = {
            **_base_columns(spells, MODE_MODEL, s["track"], s["exempt"], s["flag"]),
            "p_long": s["p"],
            "median_weeks": s["median"],
            "baseline": s["baseline"],
        }
        for direction, prefix in ((1, "factor_up"), (-1, "factor_down")):
            factors = top_factors(s["labels"], s["points"], TOP_K, direction)
            for k, column in enumerate(factors):
                columns[f"{prefix}_{k + 1}"] = pd.Series(column, dtype=object, copy=False)
        reasons = reason_texts(s["answers"], s["law"], s["track"], s["p"], s["flag"], self.policy)
        columns["reasons"] = pd.Series(reasons, dtype=object, copy=False)
        columns["model_version"] = self.version
        return pd.DataFrame({name: columns[name] for name in output_columns()}, copy=False)

    def screen(self, spells: pd.DataFrame, on: date | None = None) -> list[Screening]:
        """One `Screening` per spell, with every factor's contribution."""
        s = self._score(spells, on)
        names = list(s["terms"].columns)
        values = s["frame"]
        codes, texts = s["labels"]
        labels = texts[codes]
        result = []
        for i, spell_id in enumerate(spells["spell_id"].astype(str)):
            contributions = tuple(
                Contribution(name, labels[i, j], _value(values, name, i), s["points"][i, j])
                for j, name in enumerate(names)
            )
            track = int(s["track"][i])
            answer = s["answers"][s["law"][i]]
            reasons = spell_reasons(answer, track, s["p"][i], s["flag"][i], self.policy)
            result.append(
                Screening(
                    spell_id=spell_id,
                    mode=MODE_MODEL,
                    track=TRACKS[track - 1],
                    exempt=bool(s["exempt"][i]),
                    flag_high_risk_exempt=bool(s["flag"][i]),
                    p_long=float(s["p"][i]),
                    median_weeks=float(s["median"][i]),
                    baseline=float(s["baseline"][i]),
                    contributions=tuple(sorted(contributions, key=lambda c: -abs(c.points))),
                    reasons=reasons,
                    model_version=self.version,
                )
            )
        return result


def _value(frame: pd.DataFrame, name: str, i: int) -> object:
    if " & " in name:
        return tuple(_value(frame, part.strip(), i) for part in name.split(" & "))
    value = frame[name].iloc[i]
    return None if pd.isna(value) else value


def output_columns() -> list[str]:
    """Columns of a scores file, in order."""
    factors = [f"factor_{d}_{k}" for d in ("up", "down") for k in range(1, TOP_K + 1)]
    return [
        "spell_id",
        "mode",
        "p_long",
        "median_weeks",
        "track",
        "flag_high_risk_exempt",
        "exempt",
        "baseline",
        *factors,
        "reasons",
        "model_version",
    ]


def _base_columns(
    spells: pd.DataFrame, mode: str, tracks: np.ndarray, exempt: np.ndarray, flags: np.ndarray
) -> dict[str, Any]:
    return {
        "spell_id": spells["spell_id"].astype(str).array,
        "mode": mode,
        "track": np.asarray(TRACKS, dtype=object)[tracks - 1],
        "flag_high_risk_exempt": flags,
        "exempt": exempt,
    }


def _empty_factor_columns(out: pd.DataFrame) -> None:
    for prefix in ("factor_up", "factor_down"):
        for k in range(TOP_K):
            out[f"{prefix}_{k + 1}"] = ""


def _rules_only_tracks(spells: pd.DataFrame, exempt: np.ndarray, horizon: float) -> np.ndarray:
    expectations = [
        pd.to_numeric(spells.get(c, pd.Series(np.nan, index=spells.index)), errors="coerce").astype(
            "float64"
        )
        for c in ("expected_return_weeks", "employer_expected_return_weeks")
    ]
    expects_long = ((expectations[0] >= horizon) | (expectations[1] >= horizon)).to_numpy()
    return np.where(exempt, 1, np.where(expects_long, 3, 2))


def _rules_only_score(spells: pd.DataFrame, on: date | None) -> dict[str, Any]:
    check_columns(spells)
    day = _today(on)
    answers, codes = law.exemption_table(spells, day)
    exempt = law.exempt_mask(answers)[codes]
    tracks = _rules_only_tracks(spells, exempt, law.horizon_weeks(day))
    return {"answers": answers, "law": codes, "exempt": exempt, "track": tracks}


def rules_only_frame(spells: pd.DataFrame, on: date | None = None) -> pd.DataFrame:
    """Rules-and-answers-only scores in the same columns as a model's (empty model fields)."""
    s = _rules_only_score(spells, on)
    flags = np.zeros(len(spells), dtype=bool)
    out = pd.DataFrame(_base_columns(spells, MODE_RULES_ONLY, s["track"], s["exempt"], flags))
    for column in ("p_long", "median_weeks", "baseline"):
        out[column] = np.nan
    _empty_factor_columns(out)
    out["reasons"] = reason_texts(s["answers"], s["law"], s["track"], None, flags, None)
    out["model_version"] = ""
    return out[output_columns()]


def rules_only_screen(spells: pd.DataFrame, on: date | None = None) -> list[Screening]:
    """One rules-only `Screening` per spell: law and expectations, no model, no probability."""
    s = _rules_only_score(spells, on)
    result = []
    for i, spell_id in enumerate(spells["spell_id"].astype(str)):
        row = spells.iloc[i]
        track = int(s["track"][i])
        stated = tuple(
            Contribution(c, describe(c, row.get(c)), row.get(c), 0.0)
            for c in ("expected_return_weeks", "employer_expected_return_weeks")
        )
        result.append(
            Screening(
                spell_id=spell_id,
                mode=MODE_RULES_ONLY,
                track=TRACKS[track - 1],
                exempt=bool(s["exempt"][i]),
                flag_high_risk_exempt=False,
                p_long=None,
                median_weeks=None,
                baseline=None,
                contributions=stated,
                reasons=spell_reasons(s["answers"][s["law"][i]], track, None, False, None),
                model_version=None,
            )
        )
    return result


def policy_from_metadata(metadata: dict[str, Any]) -> TrackPolicy:
    """The track policy fitted at training."""
    saved = metadata["policy"]
    capacity = Capacity(**saved["capacity"]) if saved.get("capacity") else None
    if capacity is not None:
        capacity = Capacity(
            capacity.caseworker_hours_per_week,
            capacity.weekly_inflow,
            tuple(capacity.hours_per_person),  # type: ignore[arg-type]
            capacity.review_hours,
        )
    return TrackPolicy(
        threshold=float(saved["threshold"]),
        flag_threshold=float(saved["flag_threshold"]),
        capacity=capacity,
        min_threshold=float(saved.get("min_threshold", 0.25)),
        fits=bool(saved.get("fits", True)),
        band_thresholds=tuple((str(b), float(t)) for b, t in saved.get("band_thresholds", [])),
    )


def load_model(model_dir: str | Path) -> ScreeningModel:
    """Load a trained model directory (hash-checked, allow-listed types; see `store`)."""
    directory = Path(model_dir)
    metadata = store.read_metadata(directory)
    bundle = store.load(directory, "glassbox", metadata)
    if not isinstance(bundle, dict) or not isinstance(bundle.get("classifier"), GlassBoxClassifier):
        raise store.ModelIntegrityError(f"{directory} does not hold a glass-box screening model")
    return ScreeningModel(
        bundle["classifier"], bundle["duration"], metadata, policy_from_metadata(metadata)
    )
