"""Monitoring the screening model in use: input drift, calibration over time, override rates.

Thresholds (stated on the monitoring page):

- *Drift* of an input: the population stability index (PSI) of its distribution now against
  a reference (the training data, or an earlier period of spells):
  PSI = Σ (a_i − e_i) · ln(a_i / e_i) over categories (numbers in reference-decile bins), with
  shares floored at 0.0001 so an empty category does not give infinity. PSI < 0.10: stable;
  0.10–0.25: watch; ≥ 0.25: warning (the usual credit-scoring rule of thumb).
- *Calibration* in a period: the mean p_long of screened spells against the observed share
  past 26 weeks, among spells whose outcome is known (ended, or running past 26 weeks).
  A warning when they differ by more than 0.05 with at least 100 known outcomes.
- *Overrides*: the share of decided reviews where the caseworker chose another track.
  A warning above 0.30 (with at least 20 decisions): the proposal is then often not used.

Pure Python (numpy); no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

PSI_WATCH = 0.10
PSI_WARN = 0.25
CALIBRATION_WARN = 0.05
CALIBRATION_MIN_N = 100
OVERRIDE_WARN = 0.30
OVERRIDE_MIN_N = 20
_FLOOR = 1e-4


def psi_from_counts(reference: Mapping[str, float], current: Mapping[str, float]) -> float:
    """PSI of two categorical distributions given as counts per category."""
    keys = sorted(set(reference) | set(current))
    e = np.array([reference.get(k, 0.0) for k in keys], dtype=float)
    a = np.array([current.get(k, 0.0) for k in keys], dtype=float)
    if e.sum() == 0 or a.sum() == 0:
        return 0.0
    e = np.maximum(e / e.sum(), _FLOOR)
    a = np.maximum(a / a.sum(), _FLOOR)
    return float(np.sum((a - e) * np.log(a / e)))


def psi_numeric(reference: ArrayLike, current: ArrayLike, bins: int = 10) -> float:
    """PSI of a numeric input, binned at the reference's quantiles."""
    ref = np.asarray(reference, dtype=float)
    cur = np.asarray(current, dtype=float)
    ref, cur = ref[~np.isnan(ref)], cur[~np.isnan(cur)]
    if len(ref) == 0 or len(cur) == 0:
        return 0.0
    edges = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1))[1:-1])
    ref_bins = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1)
    cur_bins = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1)
    return psi_from_counts(
        {str(i): float(n) for i, n in enumerate(ref_bins)},
        {str(i): float(n) for i, n in enumerate(cur_bins)},
    )


def drift_level(psi: float) -> str:
    """'stable', 'watch' or 'warning' (see module docstring)."""
    if psi >= PSI_WARN:
        return "warning"
    return "watch" if psi >= PSI_WATCH else "stable"


@dataclass(frozen=True)
class Drift:
    name: str
    psi: float

    @property
    def level(self) -> str:
        return drift_level(self.psi)

    @property
    def warning(self) -> bool:
        return self.level == "warning"


@dataclass(frozen=True)
class CalibrationPeriod:
    period: str
    n: int  # screened spells with a known outcome
    mean_p_long: float
    observed_long: float

    @property
    def gap(self) -> float:
        return self.mean_p_long - self.observed_long

    @property
    def warning(self) -> bool:
        return self.n >= CALIBRATION_MIN_N and abs(self.gap) > CALIBRATION_WARN


def outcome_known(duration: float | None, ended: bool | None, horizon: float = 26.0) -> bool:
    """A spell's 26-week outcome is known once it ended or ran past the horizon."""
    if duration is None:
        return False
    return bool(ended) or duration > horizon


def calibration_by_period(
    rows: Sequence[tuple[str, float, float | None, bool | None]], horizon: float = 26.0
) -> list[CalibrationPeriod]:
    """Rows of (period, p_long, duration, ended) → calibration per period (sorted)."""
    groups: dict[str, list[tuple[float, bool]]] = {}
    for period, p, duration, ended in rows:
        if outcome_known(duration, ended, horizon):
            groups.setdefault(period, []).append((p, float(duration or 0) > horizon))
    out = []
    for period in sorted(groups):
        ps = np.array([p for p, _ in groups[period]], dtype=float)
        long = np.array([y for _, y in groups[period]], dtype=float)
        out.append(CalibrationPeriod(period, len(ps), float(ps.mean()), float(long.mean())))
    return out


@dataclass(frozen=True)
class OverridePeriod:
    period: str
    confirmed: int
    overridden: int

    @property
    def decided(self) -> int:
        return self.confirmed + self.overridden

    @property
    def rate(self) -> float:
        return self.overridden / self.decided if self.decided else 0.0

    @property
    def warning(self) -> bool:
        return self.decided >= OVERRIDE_MIN_N and self.rate > OVERRIDE_WARN
