"""Training and evaluation pipelines behind `sporskifte model train|evaluate`.

Training, on a municipality's own history:

1. split by onset date: the latest `holdout_share` of spells are the held-out *later period*;
2. label the earlier spells at the horizon (26 weeks, from `sporskifte.rules`) and weight them
   by IPCW (`censoring`), so spells still running are used, not dropped;
3. fit the three classifiers (each calibrates on its own latest 20 %) and the censored
   log-normal duration model;
4. evaluate all three on the later period, fit the track thresholds to capacity there, audit
   fairness, and write model files, metadata, report and model card.
"""

from __future__ import annotations

import hashlib
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sporskifte.rules import sickness as law
from sporskifte.screening import store
from sporskifte.screening.duration import LogNormalDuration
from sporskifte.screening.estimators import (
    MODELS,
    ScreeningClassifier,
    time_split,
)
from sporskifte.screening.evaluate import (
    Outcomes,
    catch_rates,
    reliability,
    share_past_median,
    summary,
)
from sporskifte.screening.fairness import audit, audit_groups
from sporskifte.screening.features import FEATURES, OUTCOME_COLUMNS, InputError
from sporskifte.screening.register_inputs import cap_rows
from sporskifte.screening.tracks import Capacity, TrackPolicy, fit_thresholds

Progress = Callable[[str], None]
AUC_MARGIN = 0.01
THRESHOLD_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
DEFAULT_CASEWORKER_HOURS = 1500.0


@dataclass(frozen=True)
class TrainConfig:
    """Knobs of a training run; every one is recorded in the metadata."""

    seed: int = 0
    holdout_share: float = 0.2
    calibration_share: float = 0.2
    n_boot: int = 100
    caseworker_hours_per_week: float = DEFAULT_CASEWORKER_HOURS
    hours_per_person: tuple[float, float, float] = (0.25, 2.0, 12.0)
    weekly_inflow: float | None = None
    on: date | None = None
    max_rows: int | None = None
    outer_bags: int = 8
    register_features: dict[str, Any] | None = None
    """Manifest of the register features joined into the spells, if any (for the card)."""
    model_params: dict[str, dict[str, Any]] = field(default_factory=dict)


def _noop(_: str) -> None:
    return None


def frame_sha256(spells: pd.DataFrame) -> str:
    """Content hash of a spells table (its canonical CSV), for data handed over as a frame."""
    return hashlib.sha256(spells.to_csv(index=False).encode("utf-8")).hexdigest()


def check_history(spells: pd.DataFrame) -> None:
    """A training file must carry the outcome columns (duration_weeks, ended)."""
    missing = [c for c in OUTCOME_COLUMNS[:2] if c not in spells.columns]
    if missing:
        raise InputError(f"history lacks outcome columns {missing}: cannot train or evaluate")


def weekly_inflow(spells: pd.DataFrame) -> float:
    """New spells a week over the last full year of onsets in the data (at least one week)."""
    onset = pd.to_datetime(spells["onset_date"])
    start = onset.max() - pd.Timedelta(days=364)
    weeks = max(1.0, (onset.max() - max(start, onset.min())).days / 7.0)
    return float((onset >= start).sum() / weeks)


def fit_models(
    spells: pd.DataFrame, horizon: float, config: TrainConfig, progress: Progress = _noop
) -> tuple[dict[str, ScreeningClassifier], LogNormalDuration]:
    """Fit the three classifiers (IPCW-weighted) and the censored duration model."""
    outcomes = Outcomes.from_history(spells["duration_weeks"], spells["ended"], horizon)
    known = outcomes.weight > 0
    rows = spells.loc[known]
    models: dict[str, ScreeningClassifier] = {}
    for role, cls in MODELS.items():
        progress(f"Træner {role}")
        params: dict[str, Any] = {
            "calibration_share": config.calibration_share,
            "random_state": config.seed,
        }
        if role == "glassbox":
            params["outer_bags"] = config.outer_bags
        params.update(config.model_params.get(role, {}))
        models[role] = cls(**params).fit(
            rows, outcomes.long[known].astype(int), outcomes.weight[known]
        )
    progress("Træner varighedsmodel")
    duration = LogNormalDuration().fit(spells, spells["duration_weeks"], spells["ended"])
    return models, duration


@dataclass
class Evaluation:
    """Everything the report and model card show about one evaluation run."""

    n_spells: int
    n_known: int
    period: tuple[str, str]
    horizon: float
    metrics: dict[str, dict[str, float]]
    reliability: dict[str, pd.DataFrame]
    catch: pd.DataFrame
    policy: dict[str, Any]
    fairness: pd.DataFrame
    median_check: dict[str, float]
    auc_gap: float

    def to_json(self) -> dict[str, Any]:
        """JSON-friendly summary (tables as records)."""
        return {
            "n_spells": self.n_spells,
            "n_known": self.n_known,
            "period": list(self.period),
            "horizon_weeks": self.horizon,
            "metrics": self.metrics,
            "auc_gap_challenger_minus_glassbox": self.auc_gap,
            "policy": self.policy,
            "median_check": self.median_check,
            "catch_rates": self.catch.to_dict(orient="records"),
            "fairness_flags": self.fairness[self.fairness["flagged"]].to_dict(orient="records"),
        }


def evaluate_models(
    models: dict[str, ScreeningClassifier],
    duration: LogNormalDuration,
    spells: pd.DataFrame,
    *,
    horizon: float,
    on: date,
    policy: TrackPolicy | Capacity,
    n_boot: int = 100,
    seed: int = 0,
) -> tuple[Evaluation, TrackPolicy]:
    """Evaluate on held-out spells; a `Capacity` fits the thresholds here, a policy is reused."""
    outcomes = Outcomes.from_history(spells["duration_weeks"], spells["ended"], horizon)
    p = {role: np.asarray(m.predict_proba(spells)[:, 1]) for role, m in models.items()}
    exempt = law.exempt_mask(law.exemptions(spells, on))
    main = p["glassbox"]
    if isinstance(policy, Capacity):
        policy = fit_thresholds(main, policy, exempt)
    long, weight = outcomes.long.astype(float), outcomes.weight
    metrics = {role: summary(outcomes, scores) for role, scores in p.items()}
    thresholds = sorted({*THRESHOLD_GRID, round(policy.threshold, 4)})
    onset = pd.to_datetime(spells["onset_date"])
    evaluation = Evaluation(
        n_spells=len(spells),
        n_known=int((weight > 0).sum()),
        period=(str(onset.min().date()), str(onset.max().date())),
        horizon=horizon,
        metrics=metrics,
        reliability={role: reliability(long, weight, scores) for role, scores in p.items()},
        catch=catch_rates(long, weight, main, thresholds),
        policy=policy.report(main, exempt, outcomes.long, weight),
        fairness=audit(
            outcomes, main, audit_groups(spells), policy.threshold, n_boot=n_boot, seed=seed
        ),
        median_check=_median_check(outcomes, duration, spells, main),
        auc_gap=_gap(metrics),
    )
    return evaluation, policy


def _gap(metrics: dict[str, dict[str, float]]) -> float:
    if "challenger" not in metrics:
        return float("nan")
    return float(metrics["challenger"]["auc"] - metrics["glassbox"]["auc"])


def _median_check(
    outcomes: Outcomes, duration: LogNormalDuration, spells: pd.DataFrame, p: np.ndarray
) -> dict[str, float]:
    anchored = duration.median_given_p_long(p, outcomes.horizon)
    return {
        "share_past_anchored_median": share_past_median(outcomes, anchored),
        "share_past_aft_median": share_past_median(outcomes, duration.predict_median(spells)),
        "sigma": duration.sigma_,
    }


def library_versions() -> dict[str, str]:
    """Versions of the libraries a model file depends on."""
    import interpret
    import lightgbm
    import scipy
    import sklearn
    import skops

    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "interpret": interpret.__version__,
        "lightgbm": lightgbm.__version__,
        "skops": skops.__version__,
    }


def _prepare(spells: pd.DataFrame, config: TrainConfig) -> tuple[pd.DataFrame, dict[str, Any]]:
    check_history(spells)
    spells, sample = cap_rows(spells, config.max_rows, config.seed)
    order = np.argsort(pd.to_datetime(spells["onset_date"]).to_numpy(), kind="stable")
    return spells.iloc[order].reset_index(drop=True), sample


def train(
    spells: pd.DataFrame,
    out_dir: str | Path,
    config: TrainConfig | None = None,
    *,
    data_sha256: str | None = None,
    progress: Progress = _noop,
) -> dict[str, Any]:
    """Train, evaluate on the later period, write the model directory; returns the metadata."""
    from sporskifte.screening import card, report

    config = config or TrainConfig()
    out = Path(out_dir)
    on = config.on or date.today()
    horizon = float(law.horizon_weeks(on))
    data, sample = _prepare(spells, config)
    fit_rows, holdout_rows = time_split(data["onset_date"], config.holdout_share)
    fit_data, holdout = data.iloc[fit_rows], data.iloc[holdout_rows]
    models, duration = fit_models(fit_data, horizon, config, progress)
    progress("Evaluerer på den senere periode")
    capacity = Capacity(
        config.caseworker_hours_per_week,
        config.weekly_inflow or weekly_inflow(data),
        config.hours_per_person,
    )
    evaluation, policy = evaluate_models(
        models, duration, holdout, horizon=horizon, on=on, policy=capacity,
        n_boot=config.n_boot, seed=config.seed,
    )  # fmt: skip
    progress("Skriver modelfiler, rapport og modelkort")
    files = _write_models(out, models, duration)
    metadata = _metadata(config, data, fit_data, evaluation, policy, files, on, horizon)
    metadata["training_data_sha256"] = data_sha256 or frame_sha256(spells)
    metadata["training_rows"] = sample
    metadata["register_features"] = config.register_features
    store.write_metadata(out, metadata)
    report.write_report(out, evaluation, metadata, title="Evaluering ved træning")
    card.write_card(out, metadata, evaluation)
    return metadata


def _write_models(
    out: Path, models: dict[str, ScreeningClassifier], duration: LogNormalDuration
) -> dict[str, dict[str, str]]:
    files = {}
    for role, name in store.MODEL_FILES.items():
        obj: Any = models[role]
        if role == "glassbox":
            obj = {"classifier": models[role], "duration": duration}
        files[name] = {"role": role, "sha256": store.dump(obj, out / name)}
    return files


MONITORED_INPUTS = (
    "employment_status", "employer_size", "education", "diagnosis_group",
    "partial_sick_leave", "prior_spells_3y", "prior_sick_weeks_3y", "district",
)  # fmt: skip
"""Inputs whose distribution is kept with the model, as the reference for drift monitoring."""


def input_distributions(frame: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Spells per value of each monitored input in the training data (missing values left
    out), keyed by the value as text: the reference that live data is compared against."""
    return {
        column: {str(k): float(v) for k, v in frame[column].value_counts().items()}
        for column in MONITORED_INPUTS
        if column in frame
    }


def _metadata(
    config: TrainConfig,
    data: pd.DataFrame,
    fit_data: pd.DataFrame,
    evaluation: Evaluation,
    policy: TrackPolicy,
    files: dict[str, dict[str, str]],
    on: date,
    horizon: float,
) -> dict[str, Any]:
    onset = pd.to_datetime(fit_data["onset_date"])
    version = f"{date.today():%Y%m%d}-{files[store.MODEL_FILES['glassbox']]['sha256'][:12]}"
    config_json = asdict(config)
    config_json["on"] = on.isoformat()
    return {
        "version": version,
        "created": date.today().isoformat(),
        "horizon_weeks": horizon,
        "rules_date": on.isoformat(),
        "features": list(models_features()),
        "input_distributions": input_distributions(fit_data),
        "audit_only": ["origin", "sex", "district"],
        "n_training_rows": len(data),
        "fit_period": [str(onset.min().date()), str(onset.max().date())],
        "holdout_period": list(evaluation.period),
        "config": config_json,
        "libraries": library_versions(),
        "files": files,
        "evaluation": evaluation.to_json(),
        "policy": {
            "threshold": policy.threshold,
            "flag_threshold": policy.flag_threshold,
            "min_threshold": policy.min_threshold,
            "fits": policy.fits,
            "capacity": asdict(policy.capacity) if policy.capacity else None,
            "expected_hours_per_week": policy.expected_hours_per_week,
        },
    }


def models_features() -> tuple[str, ...]:
    """The default feature list written into the metadata."""
    return FEATURES


def load_all(model_dir: str | Path) -> tuple[dict[str, ScreeningClassifier], LogNormalDuration]:
    """All three classifiers and the duration model, each hash-checked and allow-listed."""
    directory = Path(model_dir)
    metadata = store.read_metadata(directory)
    bundle = store.load(directory, "glassbox", metadata)
    models = {"glassbox": bundle["classifier"]}
    for role in ("challenger", "baseline"):
        models[role] = store.load(directory, role, metadata)
    return models, bundle["duration"]


def evaluate(
    model_dir: str | Path,
    spells: pd.DataFrame,
    out_dir: str | Path | None = None,
    *,
    all_rows: bool = False,
    n_boot: int = 100,
    progress: Progress = _noop,
) -> Evaluation:
    """Evaluate a trained model on (the later-period part of) `spells`; write a report."""
    from sporskifte.screening import report
    from sporskifte.screening.service import policy_from_metadata

    check_history(spells)
    directory = Path(model_dir)
    metadata = store.read_metadata(directory)
    progress("Indlæser modeller")
    models, duration = load_all(directory)
    later = spells
    if not all_rows:
        later = spells[
            pd.to_datetime(spells["onset_date"]) > pd.Timestamp(metadata["fit_period"][1])
        ]
        if later.empty:
            raise InputError("no spells after the training period; use all_rows to evaluate all")
    progress("Evaluerer")
    evaluation, _ = evaluate_models(
        models, duration, later.reset_index(drop=True),
        horizon=float(metadata["horizon_weeks"]), on=date.fromisoformat(metadata["rules_date"]),
        policy=policy_from_metadata(metadata), n_boot=n_boot,
        seed=int(metadata["config"]["seed"]),
    )  # fmt: skip
    target = Path(out_dir) if out_dir else directory / "evaluation"
    report.write_report(target, evaluation, metadata, title="Evaluering på en senere periode")
    return evaluation
