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

from sporskifte.lib import danish
from sporskifte.rules import sickness as law
from sporskifte.rules.answers import Answer, Reason
from sporskifte.screening import store
from sporskifte.screening.duration import LogNormalDuration
from sporskifte.screening.estimators import GlassBoxClassifier
from sporskifte.screening.explain import (
    Contribution,
    describe,
    label_matrix,
    probability_contributions,
    term_parts,
    top_factors,
)
from sporskifte.screening.features import FeatureSet, age_band, check_columns, model_frame
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


TRACK_POLICY_RULE = "Sporskiftes sporpolitik (kommunens kapacitet)"
"""The rule named by the reason for a proposed track (found again when the track is
re-proposed for a new capacity)."""


def track_reason(track: int, p: float | None, policy: TrackPolicy | None) -> Reason:
    """Why this track (1-3): the law's exemption, the rules, or p_long against the threshold."""
    name = TRACK_LABELS[TRACKS[track - 1]]
    if track == 1:
        text = f"{name}: loven fritager for opfølgning (se begrundelsen ovenfor)."
    elif p is None:
        text = f"{name}: foreslået ud fra lovens regler og de oplyste forventninger."
    else:
        relation = "mindst" if track == 3 else "under"
        threshold = policy.threshold if policy else float("nan")
        text = (
            f"{name}: risikoen for at være sygemeldt efter 26 uger er {_percent(p)}, "
            f"{relation} tærsklen på {_percent(threshold)}."
        )
    return Reason(text, TRACK_POLICY_RULE, "", False)


def _percent(share: float) -> str:
    return danish.pct(share, 1)


def _flag_reason() -> Reason:
    return Reason(
        "Loven fritager, men modellen vurderer høj risiko for langvarigt fravær: en "
        "sagsbehandler skal se på sagen, før fritagelsen bruges.",
        "Sporskiftes sporpolitik (menneskelig vurdering)",
        "",
        False,
    )


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
        labels = label_matrix(frame, list(terms.columns), self.pair_cuts)
        return {
            "p": p, "baseline": baseline, "points": points, "labels": labels, "terms": terms,
            "frame": frame,
        }  # fmt: skip

    def _score(self, spells: pd.DataFrame, on: date | None) -> dict[str, Any]:
        check_columns(spells)
        scored = self._explain(spells)
        scored["median"] = self.duration.median_given_p_long(scored["p"], self.horizon)
        scored["answers"] = law.exemptions(spells, _today(on))
        exempt = law.exempt_mask(scored["answers"])
        scored["exempt"] = exempt
        bands = age_band(spells).to_numpy(dtype=object) if self.policy.band_thresholds else None
        scored["track"] = self.policy.assign(scored["p"], exempt, bands)
        scored["flag"] = self.policy.flags(scored["p"], exempt)
        return scored

    def screen_frame(self, spells: pd.DataFrame, on: date | None = None) -> pd.DataFrame:
        """One row per spell (see `output_columns`); fast path for batches."""
        s = self._score(spells, on)
        out = _base_frame(spells, MODE_MODEL, s["track"], s["exempt"], s["flag"])
        out["p_long"] = s["p"]
        out["median_weeks"] = s["median"]
        out["baseline"] = s["baseline"]
        for direction, prefix in ((1, "factor_up"), (-1, "factor_down")):
            columns = top_factors(s["labels"], s["points"], TOP_K, direction)
            for k, column in enumerate(columns):
                out[f"{prefix}_{k + 1}"] = pd.Series(column, dtype=object)
        reasons = _reason_texts(s["answers"], s["track"], s["p"], s["flag"], self.policy)
        out["reasons"] = pd.Series(reasons, dtype=object)
        out["model_version"] = self.version
        return out[output_columns()]

    def screen(self, spells: pd.DataFrame, on: date | None = None) -> list[Screening]:
        """One `Screening` per spell, with every factor's contribution."""
        s = self._score(spells, on)
        names = list(s["terms"].columns)
        values = s["frame"]
        result = []
        for i, spell_id in enumerate(spells["spell_id"].astype(str)):
            contributions = tuple(
                Contribution(name, s["labels"][i, j], _value(values, name, i), s["points"][i, j])
                for j, name in enumerate(names)
            )
            track = int(s["track"][i])
            reasons = _reasons(s["answers"][i], track, s["p"][i], s["flag"][i], self.policy)
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


def _base_frame(
    spells: pd.DataFrame, mode: str, tracks: np.ndarray, exempt: np.ndarray, flags: np.ndarray
) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "spell_id": spells["spell_id"].astype(str).to_numpy(),
            "mode": mode,
            "track": np.asarray(TRACKS, dtype=object)[tracks - 1],
            "flag_high_risk_exempt": flags,
            "exempt": exempt,
        }
    )


def _empty_factor_columns(out: pd.DataFrame) -> None:
    for prefix in ("factor_up", "factor_down"):
        for k in range(TOP_K):
            out[f"{prefix}_{k + 1}"] = ""


def _reasons(
    answer: Answer[bool], track: int, p: float | None, flag: bool, policy: TrackPolicy | None
) -> tuple[Reason, ...]:
    extra = (_flag_reason(),) if flag else ()
    return (*answer.reasons, track_reason(track, p, policy), *extra)


def _reason_texts(
    answers: list[Answer[bool]],
    tracks: np.ndarray,
    p: np.ndarray | None,
    flags: np.ndarray,
    policy: TrackPolicy | None,
) -> np.ndarray:
    """The reasons as one text per spell ("law | track | flag", as `Screening.reasons`),
    each part built once per distinct value and joined column-wise."""
    ids, distinct = pd.factorize(np.array([id(a) for a in answers], dtype=np.int64))
    by_id = {id(a): a for a in answers}
    law_text = np.array(
        [" | ".join(r.text for r in by_id[int(i)].reasons) for i in distinct], dtype=object
    )[ids]
    shown = np.full(len(answers), -1.0) if p is None else np.asarray(p, dtype=float)
    track_codes, _ = pd.factorize(
        pd.Series(list(zip(np.asarray(tracks, int), _percent_array(shown), strict=True)))
    )
    first = pd.Series(range(len(track_codes))).groupby(track_codes).first().to_numpy()
    track_text = np.array(
        [
            track_reason(int(tracks[i]), None if p is None else float(p[i]), policy).text
            for i in first
        ],
        dtype=object,
    )[track_codes]
    text = np.where(law_text == "", track_text, law_text + " | " + track_text)
    return np.where(np.asarray(flags, bool), text + " | " + _flag_reason().text, text)


def _percent_array(p: np.ndarray) -> list[str]:
    """The risk as `_percent` writes it, per spell (empty where there is none)."""
    return ["" if v < 0 else _percent(float(v)) for v in p]


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
    answers = law.exemptions(spells, day)
    exempt = law.exempt_mask(answers)
    tracks = _rules_only_tracks(spells, exempt, law.horizon_weeks(day))
    return {"answers": answers, "exempt": exempt, "track": tracks}


def rules_only_frame(spells: pd.DataFrame, on: date | None = None) -> pd.DataFrame:
    """Rules-and-answers-only scores in the same columns as a model's (empty model fields)."""
    s = _rules_only_score(spells, on)
    flags = np.zeros(len(spells), dtype=bool)
    out = _base_frame(spells, MODE_RULES_ONLY, s["track"], s["exempt"], flags)
    for column in ("p_long", "median_weeks", "baseline"):
        out[column] = np.nan
    _empty_factor_columns(out)
    out["reasons"] = _reason_texts(s["answers"], s["track"], None, flags, None)
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
                reasons=_reasons(s["answers"][i], track, None, False, None),
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
