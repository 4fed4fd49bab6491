"""Fairness audit with fairlearn's MetricFrame: by sex, age band, district and origin.

Per group, IPCW-weighted like the overall evaluation:

* calibration in the large (mean p_long minus observed share long): a score must mean the same
  risk in every group;
* AUC at the horizon;
* the false-"short" rate: of the truly long spells, the share the model put below the track-3
  threshold, i.e. the error that withholds the cross-disciplinary effort.

Point estimates come from fairlearn's `MetricFrame`. Intervals are percentile bootstraps (2.5 %
and 97.5 %) resampling spells *within* each group, so a group's size is fixed as in the data
(fairlearn's own `n_boot` resamples the whole table and rebuilds the frame each round, which
took two minutes on 24,000 spells; this takes seconds). A group is
**flagged** when its point estimate differs from the reference by more than the tolerance in
`TOLERANCE` (absolute): calibration in the large against 0 (perfect calibration; 3 percentage
points), AUC against the overall AUC (0.05) and the false-short rate against the overall rate
(10 percentage points). `ci_excludes_reference` tells whether the bootstrap interval also lies
clear of the reference (small groups flagged without it may be noise). Groups under `MIN_GROUP`
spells are reported but never flagged.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame

from sporskifte.screening.evaluate import Outcomes, auc, calibration_in_the_large
from sporskifte.screening.features import AGE_LABELS, age_band

TOLERANCE: dict[str, float] = {
    "calibration_in_the_large": 0.03,
    "auc": 0.05,
    "false_short_rate": 0.10,
}
MIN_GROUP = 200
YOUNG = AGE_LABELS[0]


def audit_groups(spells: pd.DataFrame) -> dict[str, pd.Series]:
    """The four audited attributes; a column absent from the file is audited as `unknown`."""
    groups = {"age_band": age_band(spells)}
    for name in ("sex", "district", "origin"):
        column = spells[name] if name in spells else pd.Series("unknown", index=spells.index)
        groups[name] = column.astype("string").fillna("unknown")
    return {k: groups[k] for k in ("sex", "age_band", "district", "origin")}


def _metrics(threshold: float) -> dict[str, Callable[..., float]]:
    def false_short(y: np.ndarray, p: np.ndarray, sample_weight: np.ndarray) -> float:
        long_weight = sample_weight * y
        total = long_weight.sum()
        return float(np.sum(long_weight * (p < threshold)) / total) if total else float("nan")

    def calibration(y: np.ndarray, p: np.ndarray, sample_weight: np.ndarray) -> float:
        return calibration_in_the_large(y, sample_weight, p)

    def discrimination(y: np.ndarray, p: np.ndarray, sample_weight: np.ndarray) -> float:
        return auc(y.astype(bool), sample_weight, p)

    return {
        "calibration_in_the_large": calibration,
        "auc": discrimination,
        "false_short_rate": false_short,
    }


def audit(
    outcomes: Outcomes,
    p_long: np.ndarray,
    groups: dict[str, pd.Series],
    threshold: float,
    *,
    n_boot: int = 100,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per (attribute, group, metric): value, interval, difference, flag."""
    keep = outcomes.weight > 0
    metrics = _metrics(threshold)
    y, p, w = outcomes.long[keep].astype(float), p_long[keep], outcomes.weight[keep]
    frames = []
    for attribute, values in groups.items():
        labels = values.to_numpy()[keep]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=RuntimeWarning)
            frame = MetricFrame(
                metrics=metrics,
                y_true=y,
                y_pred=p,
                sensitive_features=labels,
                sample_params={name: {"sample_weight": w} for name in metrics},
            )
        intervals = _bootstrap(metrics, y, p, w, labels, n_boot, seed)
        frames.append(_rows(attribute, frame, labels, intervals))
    return pd.concat(frames, ignore_index=True)


Intervals = dict[tuple[str, str], tuple[float, float]]


def _bootstrap(
    metrics: dict[str, Callable[..., float]],
    y: np.ndarray,
    p: np.ndarray,
    w: np.ndarray,
    labels: np.ndarray,
    n_boot: int,
    seed: int,
) -> Intervals:
    """Percentile intervals per (group, metric), resampling within each group."""
    rng = np.random.default_rng(seed)
    intervals: Intervals = {}
    for group in pd.unique(labels):
        rows = np.flatnonzero(labels == group)
        draws: dict[str, list[float]] = {name: [] for name in metrics}
        for _ in range(n_boot):
            sample = rows[rng.integers(0, len(rows), len(rows))]
            for name, metric in metrics.items():
                draws[name].append(metric(y[sample], p[sample], sample_weight=w[sample]))
        for name, values in draws.items():
            finite = np.asarray(values, dtype=float)
            finite = finite[np.isfinite(finite)]
            bounds = np.quantile(finite, [0.025, 0.975]) if len(finite) else (np.nan, np.nan)
            intervals[(str(group), name)] = (float(bounds[0]), float(bounds[1]))
    return intervals


def _rows(
    attribute: str, frame: MetricFrame, values: np.ndarray, intervals: Intervals
) -> pd.DataFrame:
    by_group = frame.by_group
    counts = pd.Series(values).value_counts()
    rows = []
    for group in by_group.index:
        for metric, tolerance in TOLERANCE.items():
            value = float(by_group.loc[group, metric])
            overall = float(frame.overall[metric])
            reference = 0.0 if metric == "calibration_in_the_large" else overall
            lo, hi = intervals.get((str(group), metric), (np.nan, np.nan))
            n = int(counts.get(group, 0))
            diff = value - reference
            rows.append(
                {
                    "attribute": attribute,
                    "group": str(group),
                    "n": n,
                    "metric": metric,
                    "value": value,
                    "ci_low": lo,
                    "ci_high": hi,
                    "overall": overall,
                    "reference": reference,
                    "difference": diff,
                    "tolerance": tolerance,
                    "flagged": bool(n >= MIN_GROUP and abs(diff) > tolerance),
                    "ci_excludes_reference": bool(not lo <= reference <= hi),
                }
            )
    return pd.DataFrame(rows)
