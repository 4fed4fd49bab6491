"""Training and evaluation pipelines behind `sporskifte model train|evaluate`.

Training, on a municipality's own history:

1. split by onset date: the latest `holdout_share` of spells are the held-out *later period*;
2. label the earlier spells at the horizon (26 weeks, from `sporskifte.rules`) and weight them
   by IPCW (`censoring`), so spells still running are used, not dropped;
3. fit the three classifiers on *all* labelled earlier spells (none holds rows back for
   calibration by default, see `estimators`; the challenger finds its number of trees by early
   stopping) and the censored log-normal duration model;
4. choose the glass-box model's pair terms on the later period (`select_pairs`: how many of
   the `max_pairs` candidates the interpret library detects, by held-out weighted log loss);
5. evaluate all three on the later period, fit the track thresholds to capacity there (and,
   opted in, by age band) and audit fairness;
6. fit all three again on every labelled spell, the later period included (the glass-box with
   exactly the pairs chosen in 4; `refit_on_all_rows`, on by default), and write those model
   files with the metadata, report and card. The figures describe the models of step 3; the
   written ones have seen more and later data (on the synthetic generator 120,000 spells:
   mean |p - p*| 0.025 -> 0.023 for the glass-box). The thresholds of step 5 are kept.

`truth` (optional): for synthetic data, the true P(long | inputs) of the evaluated spells (from
`sporskifte.synth.oracle`, computed by the caller: this package never imports the generator);
the evaluation then reports the distance to it.
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
from sklearn.metrics import roc_auc_score

from sporskifte.rules import sickness as law
from sporskifte.screening import card, report, store
from sporskifte.screening.duration import LogNormalDuration
from sporskifte.screening.estimators import (
    MODELS,
    GlassBoxClassifier,
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
from sporskifte.screening.explain import term_parts
from sporskifte.screening.fairness import YOUNG, audit, audit_groups
from sporskifte.screening.features import FEATURES, OUTCOME_COLUMNS, InputError, age_band
from sporskifte.screening.register_inputs import cap_rows
from sporskifte.screening.results import Evaluation
from sporskifte.screening.service import policy_from_metadata
from sporskifte.screening.tracks import (
    Capacity,
    TrackPolicy,
    equalise_false_short,
    false_short_rate,
    fit_thresholds,
)

Progress = Callable[[str], None]
Truth = np.ndarray | Callable[[pd.DataFrame], np.ndarray]
AUC_MARGIN = 0.01
THRESHOLD_GRID = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
DEFAULT_CASEWORKER_HOURS = 1500.0


@dataclass(frozen=True)
class TrainConfig:
    """Knobs of a training run; every one is recorded in the metadata."""

    seed: int = 0
    holdout_share: float = 0.2
    calibration_share: float = 0.0
    calibration_folds: int = 0
    n_boot: int = 100
    caseworker_hours_per_week: float = DEFAULT_CASEWORKER_HOURS
    hours_per_person: tuple[float, float, float] = (0.25, 2.0, 12.0)
    weekly_inflow: float | None = None
    on: date | None = None
    max_rows: int | None = None
    outer_bags: int = 8
    register_features: dict[str, Any] | None = None
    """Manifest of the register features joined into the spells, if any (for the card)."""
    max_pairs: int = 30
    pair_grid: tuple[int, ...] = (0, 5, 10, 15, 20, 30)
    thresholds_by_age: bool = False
    model_params: dict[str, dict[str, Any]] = field(default_factory=dict)
    refit_on_all_rows: bool = True
    """After the evaluation on the later period, fit the models that are written (all three,
    the glass-box with the pairs chosen) again on every row, the later period included: the
    measured models are fitted on the earlier period only, the shipped ones on all data."""


DEMO_ROWS = 30_000
COPENHAGEN_WEEKLY_INFLOW = 40_000 / 52  # about 40,000 new spells a year (the brief)


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
    spells: pd.DataFrame,
    horizon: float,
    config: TrainConfig,
    progress: Progress = _noop,
    pairs: list[str] | None = None,
) -> tuple[dict[str, ScreeningClassifier], LogNormalDuration]:
    """Fit the three classifiers (IPCW-weighted) and the censored duration model; with
    `pairs` ("a & b"), the glass-box gets exactly those pair terms instead of choosing."""
    outcomes = Outcomes.from_history(spells["duration_weeks"], spells["ended"], horizon)
    known = outcomes.weight > 0
    rows = spells.loc[known]
    models: dict[str, ScreeningClassifier] = {}
    for role, cls in MODELS.items():
        progress(f"Træner {role}")
        params: dict[str, Any] = {
            "calibration_share": config.calibration_share,
            "calibration_folds": config.calibration_folds,
            "random_state": config.seed,
        }
        if role == "glassbox":
            params["outer_bags"] = config.outer_bags
            params["interactions"] = (
                config.max_pairs if pairs is None else [tuple(term_parts(p)) for p in pairs]
            )
        params.update(config.model_params.get(role, {}))
        models[role] = cls(**params).fit(
            rows, outcomes.long[known].astype(int), outcomes.weight[known]
        )
    progress("Træner varighedsmodel")
    duration = LogNormalDuration().fit(spells, spells["duration_weeks"], spells["ended"])
    return models, duration


def _log_loss(long: np.ndarray, weight: np.ndarray, logit: np.ndarray) -> float:
    keep = weight > 0
    z = logit[keep]
    loss = np.logaddexp(0.0, z) - long[keep] * z
    return float(np.average(loss, weights=weight[keep]))


def select_pairs(
    model: GlassBoxClassifier, spells: pd.DataFrame, outcomes: Outcomes, grid: tuple[int, ...]
) -> dict[str, Any]:
    """Keep the number of pair terms (most important first) with the lowest weighted log loss
    on the later period `spells`; fewer pairs win ties. Prunes `model`; returns the record."""
    ranked = model.pair_terms()
    base, terms = model.logit_terms(spells)
    mains = [c for c in terms.columns if c not in ranked]
    long = outcomes.long.astype(float)
    sizes = sorted({min(k, len(ranked)) for k in grid})
    losses = []
    for k in sizes:
        logit = base + terms[mains + ranked[:k]].to_numpy().sum(axis=1)
        losses.append(_log_loss(long, outcomes.weight, logit))
    best = sizes[int(np.argmin(np.round(losses, 6)))]
    model.keep_pairs(ranked[:best])
    return {
        "candidates": len(ranked),
        "grid": sizes,
        "holdout_log_loss": losses,
        "chosen": best,
        "pairs": ranked[:best],
    }


def _young_false_short(
    outcomes: Outcomes, p: np.ndarray, policy: TrackPolicy, bands: np.ndarray, *,
    n_boot: int, seed: int,
) -> dict[str, Any]:  # fmt: skip
    """False-"short" rate of the under-30s and of everyone (as in the fairness audit: spells
    whose outcome is known, IPCW), with percentile bootstrap intervals, and their difference."""
    keep = outcomes.weight > 0
    y, w, q, b = outcomes.long[keep], outcomes.weight[keep], p[keep], bands[keep]
    t = policy.thresholds(len(q), b)
    young = b == YOUNG

    def rates(rows: np.ndarray) -> tuple[float, float]:
        r_young = false_short_rate(q[rows][young[rows]], y[rows][young[rows]],
                                   w[rows][young[rows]], t[rows][young[rows]])  # fmt: skip
        return r_young, false_short_rate(q[rows], y[rows], w[rows], t[rows])

    point = rates(np.arange(len(q)))
    rng = np.random.default_rng(seed)
    draws = np.array([rates(rng.integers(0, len(q), len(q))) for _ in range(n_boot)])
    finite = draws[np.isfinite(draws).all(axis=1)]

    def interval(values: np.ndarray) -> list[float]:
        return [float(v) for v in np.quantile(values, [0.025, 0.975])] if len(values) else []

    return {
        "under_30": point[0],
        "under_30_ci": interval(finite[:, 0]),
        "overall": point[1],
        "overall_ci": interval(finite[:, 1]),
        "difference": point[0] - point[1],
        "difference_ci": interval(finite[:, 0] - finite[:, 1]),
        "n_under_30": int(young.sum()),
        "by_age_band": bool(policy.band_thresholds),
    }


def distance_to_truth(
    p: np.ndarray, truth: np.ndarray, long: np.ndarray | None = None
) -> dict[str, float]:
    """AUC ratio to the true probability, mean |p - p*| and calibration in the large against
    p* (mean p minus mean p*). AUCs against `long` (the realised outcome) if given, else against
    outcomes drawn as the expectation under p* (the AUC p* would get on average)."""
    if long is None:
        auc_p = _auc_under_truth(p, truth)
        auc_truth = _auc_under_truth(truth, truth)
    else:
        auc_p = float(roc_auc_score(long, p))
        auc_truth = float(roc_auc_score(long, truth))
    return {
        "auc": auc_p,
        "auc_truth": auc_truth,
        "auc_ratio": auc_p / auc_truth,
        "mean_abs_error": float(np.mean(np.abs(p - truth))),
        "calibration_in_the_large": float(np.mean(p) - np.mean(truth)),
    }


def _auc_under_truth(score: np.ndarray, truth: np.ndarray) -> float:
    """Expected AUC of `score` when each spell is long with probability `truth` (each spell
    counts as long with weight p* and short with weight 1 - p*)."""
    y = np.concatenate([np.ones(len(truth)), np.zeros(len(truth))])
    w = np.concatenate([truth, 1.0 - truth])
    return float(roc_auc_score(y, np.concatenate([score, score]), sample_weight=w))


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
    by_age: bool = False,
    truth: np.ndarray | None = None,
) -> tuple[Evaluation, TrackPolicy]:
    """Evaluate on held-out spells; a `Capacity` fits the thresholds here (by age band too if
    `by_age`), a policy is reused. `truth`: p* per spell (synthetic data only)."""
    outcomes = Outcomes.from_history(spells["duration_weeks"], spells["ended"], horizon)
    p = {role: np.asarray(m.predict_proba(spells)[:, 1]) for role, m in models.items()}
    exempt = law.exempt_mask(law.exemptions(spells, on))
    bands = age_band(spells).to_numpy(dtype=object)
    main = p["glassbox"]
    if isinstance(policy, Capacity):
        policy = fit_thresholds(main, policy, exempt)
        if by_age:
            policy = equalise_false_short(policy, main, outcomes.long, outcomes.weight, bands)
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
        policy=policy.report(main, exempt, outcomes.long, weight, bands),
        fairness=audit(
            outcomes, main, audit_groups(spells), policy.threshold, n_boot=n_boot, seed=seed
        ),
        median_check=_median_check(outcomes, duration, spells, main),
        auc_gap=_gap(metrics),
        young_false_short=_young_false_short(
            outcomes, main, policy, bands, n_boot=n_boot, seed=seed
        ),
        truth={} if truth is None else {r: distance_to_truth(v, truth) for r, v in p.items()},
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


def _truth_for(
    holdout: pd.DataFrame,
    truth_sorted: np.ndarray | None,
    rows: np.ndarray,
    truth: Truth | None,
    progress: Progress,
) -> np.ndarray | None:
    if callable(truth):
        progress("Beregner den sande sandsynlighed (syntetiske data)")
        return np.asarray(truth(holdout.reset_index(drop=True)), dtype=float)
    return None if truth_sorted is None else truth_sorted[rows]


def _prepare(
    spells: pd.DataFrame, config: TrainConfig, truth: np.ndarray | None = None
) -> tuple[pd.DataFrame, dict[str, Any], np.ndarray | None]:
    """The training rows (all, or a stratified sample within `config.max_rows`) by onset, and
    the truth aligned to them when given."""
    check_history(spells)
    if truth is not None and len(truth) != len(spells):
        raise ValueError("truth must hold one probability per spell")
    indexed = spells.reset_index(drop=True)
    sampled, sample = cap_rows(indexed, config.max_rows, config.seed)
    positions = sampled.index.to_numpy()
    onset = pd.to_datetime(sampled["onset_date"]).to_numpy()
    positions = positions[np.argsort(onset, kind="stable")]
    data = indexed.iloc[positions].reset_index(drop=True)
    return data, sample, None if truth is None else np.asarray(truth, dtype=float)[positions]


def train(
    spells: pd.DataFrame,
    out_dir: str | Path,
    config: TrainConfig | None = None,
    *,
    data_sha256: str | None = None,
    progress: Progress = _noop,
    truth: Truth | None = None,
) -> dict[str, Any]:
    """Train, evaluate on the later period, write the model directory; returns the metadata.

    `truth`: p* for each row of `spells`, or a function giving p* for a frame of spells (called
    on the held-out period only); synthetic data, see the module docstring."""
    config = config or TrainConfig()
    out = Path(out_dir)
    on = config.on or date.today()
    horizon = float(law.horizon_weeks(on))
    data, sample, truth_sorted = _prepare(spells, config, None if callable(truth) else truth)
    fit_rows, holdout_rows = time_split(data["onset_date"], config.holdout_share)
    fit_data, holdout = data.iloc[fit_rows], data.iloc[holdout_rows]
    models, duration = fit_models(fit_data, horizon, config, progress)
    progress("Vælger samspilsled på den senere periode")
    glassbox = models["glassbox"]
    assert isinstance(glassbox, GlassBoxClassifier)
    held_out = Outcomes.from_history(holdout["duration_weeks"], holdout["ended"], horizon)
    pairs = select_pairs(glassbox, holdout, held_out, config.pair_grid)
    progress("Evaluerer på den senere periode")
    capacity = Capacity(
        config.caseworker_hours_per_week,
        config.weekly_inflow or weekly_inflow(data),
        config.hours_per_person,
    )
    evaluation, policy = evaluate_models(
        models, duration, holdout, horizon=horizon, on=on, policy=capacity,
        n_boot=config.n_boot, seed=config.seed, by_age=config.thresholds_by_age,
        truth=_truth_for(holdout, truth_sorted, holdout_rows, truth, progress),
    )  # fmt: skip
    fitted_on = fit_data
    if config.refit_on_all_rows:
        progress("Træner de endelige modeller på alle forløb")
        models, duration = fit_models(data, horizon, config, pairs=pairs["pairs"])
        fitted_on = data
    progress("Skriver modelfiler, rapport og modelkort")
    files = _write_models(out, models, duration)
    metadata = _metadata(config, data, fitted_on, evaluation, policy, files, on, horizon)
    metadata["evaluated_fit_period"] = _period(fit_data)
    metadata["pairs"] = pairs
    metadata["challenger_trees"] = int(getattr(models["challenger"], "n_trees_", 0))
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
        "fit_period": _period(fit_data),
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
            "band_thresholds": [list(item) for item in policy.band_thresholds],
        },
    }


def _period(rows: pd.DataFrame) -> list[str]:
    onset = pd.to_datetime(rows["onset_date"])
    return [str(onset.min().date()), str(onset.max().date())]


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
    truth: np.ndarray | None = None,
) -> Evaluation:
    """Evaluate a trained model on (the later-period part of) `spells`; write a report.

    `truth`: p* for each row of `spells` (synthetic data), reported as the distance to it."""
    check_history(spells)
    if truth is not None and len(truth) != len(spells):
        raise ValueError("truth must hold one probability per spell")
    directory = Path(model_dir)
    metadata = store.read_metadata(directory)
    progress("Indlæser modeller")
    models, duration = load_all(directory)
    keep = np.ones(len(spells), dtype=bool)
    if not all_rows:
        keep = (
            pd.to_datetime(spells["onset_date"]) > pd.Timestamp(metadata["fit_period"][1])
        ).to_numpy()
    later = spells[keep]
    if later.empty:
        raise InputError("no spells after the training period; use all_rows to evaluate all")
    progress("Evaluerer")
    evaluation, _ = evaluate_models(
        models, duration, later.reset_index(drop=True),
        horizon=float(metadata["horizon_weeks"]), on=date.fromisoformat(metadata["rules_date"]),
        policy=policy_from_metadata(metadata), n_boot=n_boot,
        seed=int(metadata["config"]["seed"]),
        truth=None if truth is None else np.asarray(truth, dtype=float)[keep],
    )  # fmt: skip
    target = Path(out_dir) if out_dir else directory / "evaluation"
    report.write_report(target, evaluation, metadata, title="Evaluering på en senere periode")
    return evaluation


def train_demo_model(
    out_dir: str | Path,
    seed: int = 0,
    *,
    rows: int = DEMO_ROWS,
    spells: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Train the demo model on `spells` (e.g. the demo database's synthetic history), a
    deterministic sample of `rows` of them (seconds on 2 cores). Generating spells is the
    generator's business: `sporskifte.demo.model.train_demo_model` does it when none are given.
    """
    if spells is None:
        raise TypeError(
            "train_demo_model needs spells; use sporskifte.demo.model.train_demo_model to "
            "generate them"
        )
    if len(spells) > rows:
        spells = spells.sample(n=rows, random_state=seed).sort_values("onset_date")
    config = TrainConfig(
        seed=seed, outer_bags=4, n_boot=50, weekly_inflow=COPENHAGEN_WEEKLY_INFLOW,
        max_pairs=10, pair_grid=(0, 5, 10),
    )  # fmt: skip
    return train(spells, out_dir, config)
