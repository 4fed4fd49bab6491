"""Fairness audit with fairlearn's MetricFrame: by sex, age band, district and origin.

Per group, IPCW-weighted like the overall evaluation:

* calibration in the large (mean p_long minus observed share long): a score must mean the same
  risk in every group;
* AUC at the horizon;
* the false-"short" rate: of the truly long spells, the share the model put below the track-3
  threshold, i.e. the error that withholds the cross-disciplinary effort.

Intervals are percentile bootstraps (fairlearn's `n_boot`, 2.5 % and 97.5 %). A group is
**flagged** when its point estimate differs from the overall value by more than the tolerance
in `TOLERANCE` (absolute): 3 percentage points calibration, 0.05 AUC, 10 percentage points
false-short rate; `ci_excludes_overall` tells whether the bootstrap interval also lies clear of
the overall value (small groups flagged without it may be noise). Groups under `MIN_GROUP`
spells are reported but never flagged.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
import pandas as pd
from fairlearn.metrics import MetricFrame

from sporskifte.screening.evaluate import Outcomes, auc, calibration_in_the_large

TOLERANCE: dict[str, float] = {
    "calibration_in_the_large": 0.03,
    "auc": 0.05,
    "false_short_rate": 0.10,
}
MIN_GROUP = 200
AGE_BANDS = (0, 30, 40, 50, 60, 200)
AGE_LABELS = ("under 30", "30-39", "40-49", "50-59", "60+")


def age_band(spells: pd.DataFrame) -> pd.Series:
    """Age at onset in bands (under 30, 30-39, ..., 60+)."""
    age = pd.to_datetime(spells["onset_date"]).dt.year - pd.to_numeric(spells["birth_year"])
    bands = pd.cut(age, AGE_BANDS, right=False, labels=AGE_LABELS)
    return pd.Series(bands.astype("string").fillna("unknown"), index=spells.index)


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
    frames = []
    for attribute, values in groups.items():
        weight = outcomes.weight[keep]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=RuntimeWarning)
            frame = MetricFrame(
                metrics=metrics,
                y_true=outcomes.long[keep].astype(float),
                y_pred=p_long[keep],
                sensitive_features=values.to_numpy()[keep],
                sample_params={name: {"sample_weight": weight} for name in metrics},
                n_boot=n_boot,
                ci_quantiles=[0.025, 0.975],
                random_state=seed,
            )
        frames.append(_rows(attribute, frame, values.to_numpy()[keep]))
    return pd.concat(frames, ignore_index=True)


def _rows(attribute: str, frame: MetricFrame, values: np.ndarray) -> pd.DataFrame:
    by_group = frame.by_group
    low, high = frame.by_group_ci
    counts = pd.Series(values).value_counts()
    rows = []
    for group in by_group.index:
        for metric, tolerance in TOLERANCE.items():
            value = float(by_group.loc[group, metric])
            overall = float(frame.overall[metric])
            lo, hi = float(low.loc[group, metric]), float(high.loc[group, metric])
            n = int(counts.get(group, 0))
            diff = value - overall
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
                    "difference": diff,
                    "tolerance": tolerance,
                    "flagged": bool(n >= MIN_GROUP and abs(diff) > tolerance),
                    "ci_excludes_overall": bool(not lo <= overall <= hi),
                }
            )
    return pd.DataFrame(rows)
