"""Monitoring the screening model in use: input drift, calibration over time, override rates.

Thresholds (stated on the monitoring page):

- *Drift* of an input: the population stability index (PSI) of its distribution now against
  a reference (the training data, or an earlier period of spells):
  PSI = Σ (a_i − e_i) · ln(a_i / e_i) over categories (numbers in reference-decile bins), with
  shares floored at 0.0001 so an empty category does not give infinity. PSI < 0.10: stable;
  0.10–0.25: watch; ≥ 0.25: warning (the usual credit-scoring rule of thumb).
- *Calibration* by design: each screening is judged against its own spell's outcome at 26
  weeks after *onset* (the question the model answers), and grouped by the week of the spell
  in which it was made (`stage`): at application (weeks 0-8), a later re-screening, or an
  imported backlog (a running spell screened when its case was opened from a register file).
  Only screenings at application from cohorts whose 26 weeks have passed (every outcome known)
  are judged: the mean p_long against the observed share past 26 weeks, a warning when they
  differ by more than 0.05 with at least 100 screenings. Later screenings are shown apart and
  never warn: a spell screened in week 30 is already long, one screened in week 12 has already
  survived 12 weeks, so an onset model's p_long is not their probability.
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


AT_APPLICATION_WEEKS = 8
"""A screening in the spell's first 8 weeks counts as made at application (the window in
which the employer's report and the citizen's application arrive); a municipal choice."""
APPLICATION, RESCREEN, BACKLOG = "application", "rescreen", "backlog"
STAGE_LABELS: dict[str, str] = {
    APPLICATION: f"Ved ansøgning (uge 0-{AT_APPLICATION_WEEKS})",
    RESCREEN: "Senere genscreening",
    BACKLOG: "Indlæst bestand (registerindlæsning)",
}


def stage(week_of_spell: int, from_register: bool) -> str:
    """When in the spell a screening was made: at application, a later re-screening, or the
    imported backlog (a case opened from a register file after the application window)."""
    if week_of_spell <= AT_APPLICATION_WEEKS:
        return APPLICATION
    return BACKLOG if from_register else RESCREEN


@dataclass(frozen=True)
class ScreeningRow:
    """One screening with its spell: onset cohort, week of the spell when screened, p_long,
    the spell's duration so far and whether it ended."""

    cohort: str  # "YYYY-MM" of onset
    week: int
    from_register: bool
    p_long: float
    duration: float | None
    ended: bool | None
    mature: bool  # 26 weeks after onset have passed by the data date

    @property
    def stage(self) -> str:
        return stage(self.week, self.from_register)


@dataclass(frozen=True)
class StageSummary:
    """Screenings of one stage: how many, how many judged, and (descriptive) their figures."""

    stage: str
    screenings: int
    judged: int  # with the 26-week outcome known
    already_long: int  # screened after week 26: the outcome was known when screened
    mean_p_long: float | None
    observed_long: float | None

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.stage]


def calibration_by_design(
    rows: Sequence[ScreeningRow], horizon: float = 26.0
) -> tuple[list[CalibrationPeriod], list[StageSummary]]:
    """Calibration of the screenings at application by onset cohort (mature cohorts only; these
    may warn), and a summary per stage (never a warning)."""
    judged = [
        (r.cohort, r.p_long, r.duration, r.ended)
        for r in rows
        if r.stage == APPLICATION and r.mature
    ]
    periods = calibration_by_period(judged, horizon)
    summaries = []
    for name in STAGE_LABELS:
        mine = [r for r in rows if r.stage == name]
        known = [r for r in mine if r.mature and outcome_known(r.duration, r.ended, horizon)]
        late = sum(r.week > horizon for r in mine)
        if name != APPLICATION:  # an onset model is not judged on spells already past it
            known = [r for r in known if r.week <= horizon]
        ps = np.array([r.p_long for r in known], dtype=float)
        long = np.array([float(r.duration or 0) > horizon for r in known], dtype=float)
        summaries.append(
            StageSummary(
                name,
                len(mine),
                len(known),
                late,
                float(ps.mean()) if len(ps) else None,
                float(long.mean()) if len(long) else None,
            )
        )
    return periods, summaries


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
