"""Held-out metrics that stay honest under right-censoring.

Every binary metric at the horizon uses the IPCW weights of `censoring.ipcw_weights`, estimated
on the evaluation data itself: spells whose 26-week outcome is still unknown get weight 0, the
others are re-weighted so that the known ones stand for them. Weighted averages are normalised by
the sum of the weights (Hajek form).

* `auc`: the cumulative/dynamic AUC at the horizon (Uno 2007; long spells vs spells that ended
  by the horizon), i.e. a weighted ROC AUC.
* `brier`, `ece` (10 equal-width bins) and the reliability table.
* `uno_c`: Uno's concordance truncated at the horizon. A pair (i, j) is comparable when i ended
  at T_i < horizon and j lasted longer (T_j > T_i, or T_j = T_i and j still running); it is
  concordant when i has the lower p_long; ties in p_long count one half; each pair is weighted
  1 / G(T_i-)^2. O(n log n) with a Fenwick tree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from sklearn.metrics import roc_auc_score

from sporskifte.screening.censoring import (
    CensoringCurve,
    horizon_outcome,
    ipcw_weights,
    km_censoring,
)


@dataclass(frozen=True)
class Outcomes:
    """Observed history of a set of spells, with its 26-week label and IPCW weights."""

    duration: np.ndarray
    ended: np.ndarray
    horizon: float
    long: np.ndarray
    known: np.ndarray
    weight: np.ndarray
    curve: CensoringCurve

    @classmethod
    def from_history(cls, duration: ArrayLike, ended: ArrayLike, horizon: float) -> Outcomes:
        """Label and weight spells; the censoring curve comes from these same spells."""
        d = np.asarray(duration, dtype=float)
        e = np.asarray(ended, dtype=bool)
        curve = km_censoring(d, e)
        long, known = horizon_outcome(d, e, horizon)
        weight = ipcw_weights(d, e, horizon, curve)
        return cls(d, e, float(horizon), long, known, weight, curve)

    def subset(self, mask: np.ndarray) -> Outcomes:
        """The same spells' labels and weights restricted to `mask` (curve kept)."""
        return Outcomes(
            self.duration[mask],
            self.ended[mask],
            self.horizon,
            self.long[mask],
            self.known[mask],
            self.weight[mask],
            self.curve,
        )


def auc(long: np.ndarray, weight: np.ndarray, p: np.ndarray) -> float:
    """IPCW AUC at the horizon (NaN when one class is absent)."""
    keep = weight > 0
    if len(np.unique(long[keep])) < 2:
        return float("nan")
    return float(roc_auc_score(long[keep], p[keep], sample_weight=weight[keep]))


def brier(long: np.ndarray, weight: np.ndarray, p: np.ndarray) -> float:
    """IPCW Brier score at the horizon."""
    return float(np.average((long - p) ** 2, weights=weight))


def calibration_in_the_large(long: np.ndarray, weight: np.ndarray, p: np.ndarray) -> float:
    """Mean predicted minus observed (IPCW) share long; positive = over-predicts."""
    return float(np.average(p, weights=weight) - np.average(long, weights=weight))


def reliability(
    long: np.ndarray, weight: np.ndarray, p: np.ndarray, bins: int = 10
) -> pd.DataFrame:
    """Per equal-width bin: weight share, mean predicted, observed share (IPCW)."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    index = np.clip(np.digitize(p, edges[1:-1]), 0, bins - 1)
    rows = []
    for b in range(bins):
        mask = (index == b) & (weight > 0)
        w = weight[mask]
        if w.sum() == 0:
            continue
        rows.append(
            {
                "bin_low": edges[b],
                "bin_high": edges[b + 1],
                "n": int(mask.sum()),
                "weight_share": float(w.sum() / weight.sum()),
                "predicted": float(np.average(p[mask], weights=w)),
                "observed": float(np.average(long[mask], weights=w)),
            }
        )
    return pd.DataFrame(rows)


def ece(long: np.ndarray, weight: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error over `bins` equal-width bins (IPCW-weighted)."""
    table = reliability(long, weight, p, bins)
    gap = (table["observed"] - table["predicted"]).abs()
    return float(np.sum(table["weight_share"] * gap))


def catch_rates(
    long: np.ndarray, weight: np.ndarray, p: np.ndarray, thresholds: ArrayLike
) -> pd.DataFrame:
    """At each threshold: share of spells at or above it, and share of truly long spells caught."""
    total, total_long = weight.sum(), np.sum(weight * long)
    rows = []
    for t in np.asarray(thresholds, dtype=float):
        above = p >= t
        caught = float(np.sum(weight * long * above) / total_long) if total_long else float("nan")
        flagged = float(np.sum(weight * above))
        precision = float(np.sum(weight * long * above) / flagged) if flagged else float("nan")
        rows.append(
            {
                "threshold": float(t),
                "share_at_or_above": flagged / total,
                "long_caught": caught,
                "precision": precision,
            }
        )
    return pd.DataFrame(rows)


class _Fenwick:
    """Counts over ranks 1..n: add one, and count ranks <= r, both O(log n)."""

    def __init__(self, n: int) -> None:
        self.tree = np.zeros(n + 1, dtype=np.int64)
        self.n = n

    def add(self, rank: int) -> None:
        while rank <= self.n:
            self.tree[rank] += 1
            rank += rank & -rank

    def count(self, rank: int) -> int:
        total = 0
        while rank > 0:
            total += int(self.tree[rank])
            rank -= rank & -rank
        return total


def uno_c(
    duration: ArrayLike,
    ended: ArrayLike,
    score: ArrayLike,
    horizon: float,
    curve: CensoringCurve | None = None,
) -> float:
    """Uno's C truncated at `horizon`; `score` is higher for longer expected spells (p_long)."""
    d = np.asarray(duration, dtype=float)
    e = np.asarray(ended, dtype=bool)
    curve = curve or km_censoring(d, e)
    ranks = np.unique(np.asarray(score, dtype=float), return_inverse=True)[1] + 1
    tree = _Fenwick(int(ranks.max(initial=0)))
    numerator = denominator = 0.0
    inserted = 0
    order = np.argsort(-d, kind="stable")
    groups = np.split(order, np.flatnonzero(np.diff(d[order])) + 1)
    for group in groups:
        for j in group[~e[group]]:  # still running at T: comparable with events at T
            tree.add(int(ranks[j]))
            inserted += 1
        for i in group[e[group] & (d[group] < horizon)]:
            weight = 1.0 / float(curve.before(d[i])) ** 2
            below = tree.count(int(ranks[i]) - 1)
            ties = tree.count(int(ranks[i])) - below
            numerator += weight * (inserted - below - ties + 0.5 * ties)
            denominator += weight * inserted
        for j in group[e[group]]:
            tree.add(int(ranks[j]))
            inserted += 1
    return numerator / denominator if denominator else float("nan")


def share_past_median(outcomes: Outcomes, median: np.ndarray) -> float:
    """IPCW share of spells still running at their predicted median (should be near 0.5)."""
    d, e = outcomes.duration, outcomes.ended
    past = (d > median) | ((d >= median) & ~e)
    seen = past | (e & (d <= median))
    g = np.where(past, outcomes.curve.before(median), outcomes.curve.before(d))
    weight = np.where(seen & (g > 0), 1.0 / np.where(g > 0, g, 1.0), 0.0)
    return float(np.average(past, weights=weight))


def summary(outcomes: Outcomes, p: np.ndarray) -> dict[str, float]:
    """AUC, Brier, ECE, calibration in the large and truncated Uno's C for one model."""
    long, weight = outcomes.long.astype(float), outcomes.weight
    return {
        "auc": auc(outcomes.long, weight, p),
        "brier": brier(long, weight, p),
        "ece": ece(long, weight, p),
        "calibration_in_the_large": calibration_in_the_large(long, weight, p),
        "uno_c": uno_c(outcomes.duration, outcomes.ended, p, outcomes.horizon, outcomes.curve),
    }
