"""Right-censoring: the 26-week label and inverse-probability-of-censoring weights (IPCW).

A spell still running at the extract date (`ended = false`) has an unknown outcome only if it was
cut off *before* the horizon; one cut off after it is known to be long. Dropping the cut-off-early
spells biases the long share downwards: among spells censored at week 10, the short ones are
fully seen and kept while the long ones are dropped.

IPCW repairs that. Let C be the censoring time, G(t) = P(C > t) its survival curve, estimated by
Kaplan-Meier with the roles of ending and censoring swapped. A spell whose 26-week outcome is
seen is weighted by 1 / P(its outcome would be seen):

* known short (ended at T <= 26): seen iff C >= T, weight 1 / G(T-);
* known long (T > 26, or still running at exactly 26): seen iff C >= 26, weight 1 / G(26-);
* censored before 26: weight 0.

Then E[w * 1(long)] = P(T > 26) for any distribution of T, if censoring is independent of the
outcome (administrative censoring by extract date is; a trend in risk over calendar time would
break it mildly). Ties: an ending at t precedes a censoring at t.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike


@dataclass(frozen=True)
class CensoringCurve:
    """Kaplan-Meier estimate of G(t) = P(C > t): `survival[k]` holds just after `times[k]`."""

    times: np.ndarray
    survival: np.ndarray

    def at(self, t: ArrayLike) -> np.ndarray:
        """G(t), right-continuous (includes a drop at t)."""
        idx = np.searchsorted(self.times, np.asarray(t, dtype=float), side="right")
        return np.concatenate([[1.0], self.survival])[idx]

    def before(self, t: ArrayLike) -> np.ndarray:
        """G(t-), the probability of not being censored strictly before t."""
        idx = np.searchsorted(self.times, np.asarray(t, dtype=float), side="left")
        return np.concatenate([[1.0], self.survival])[idx]


def _check(duration: ArrayLike, ended: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    d = np.asarray(duration, dtype=float)
    e = np.asarray(ended, dtype=bool)
    if d.shape != e.shape or d.ndim != 1:
        raise ValueError("duration and ended must be 1-d arrays of equal length")
    if not np.all(np.isfinite(d)) or np.any(d < 0):
        raise ValueError("durations must be finite and non-negative")
    return d, e


def km_censoring(duration: ArrayLike, ended: ArrayLike) -> CensoringCurve:
    """Kaplan-Meier of the censoring time (censoring is the 'event', ending censors it)."""
    d, e = _check(duration, ended)
    times, inverse = np.unique(d, return_inverse=True)
    censored = np.bincount(inverse, weights=(~e).astype(float), minlength=len(times))
    total = np.bincount(inverse, minlength=len(times)).astype(float)
    at_risk = total[::-1].cumsum()[::-1]  # spells with duration >= t
    factor = 1.0 - censored / at_risk
    keep = censored > 0
    return CensoringCurve(times=times[keep], survival=np.cumprod(factor[keep]))


def horizon_outcome(
    duration: ArrayLike, ended: ArrayLike, horizon: float
) -> tuple[np.ndarray, np.ndarray]:
    """(`long`, `known`): still sick-listed after `horizon` weeks, and whether that is observed."""
    d, e = _check(duration, ended)
    long = (d > horizon) | ((d >= horizon) & ~e)
    known = long | (e & (d <= horizon))
    return long, known


def ipcw_weights(
    duration: ArrayLike,
    ended: ArrayLike,
    horizon: float,
    curve: CensoringCurve | None = None,
) -> np.ndarray:
    """IPCW weights for the binary `horizon` label (0 where the label is unknown).

    `curve` defaults to the Kaplan-Meier of censoring in the same data. Raises `ValueError` when
    no spell is followed up to the horizon (the weights would be infinite).
    """
    d, e = _check(duration, ended)
    curve = curve or km_censoring(d, e)
    long, known = horizon_outcome(d, e, horizon)
    g_horizon = float(curve.before(horizon))
    if g_horizon <= 0:
        raise ValueError(f"no spell is followed up to {horizon} weeks: cannot weight")
    weights = np.zeros(len(d))
    short = known & ~long
    weights[short] = 1.0 / curve.before(d[short])
    weights[long] = 1.0 / g_horizon
    return weights
