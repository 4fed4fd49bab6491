"""Outcomes of sickness-benefit spells: Kaplan–Meier survival and the share back at work.

Input is a *weighted* table of spells: one row per distinct (duration, ended, end reason)
with a count, so the database can aggregate 200,000 spells into a few thousand rows.

- *Survival* S(t) is the Kaplan–Meier estimate of the probability that a spell is still
  running after t weeks, with running spells censored at their current duration. At a tie the
  ends come before the censorings (the usual convention).
- *Back at work by t weeks* is the cumulative incidence of ending with `end_reason == "work"`
  (Aalen–Johansen: the sum over end times s <= t of S(s-) * d_work(s) / n(s)). Ending on
  another benefit is a competing event, not a censoring, so the share is never overstated;
  running spells are censored.

A figure at a horizon h is *shown* only where enough spells were followed that long: at least
`MIN_FOLLOWED` spells still followed at h weeks (the risk set), or every spell's outcome at h
known (none censored before h). Otherwise the estimate would rest on a handful of spells, or be
the last observed value carried forward.

Pure Python (numpy); no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

HORIZONS: tuple[int, ...] = (8, 13, 26, 52)
MIN_FOLLOWED = 30
"""Spells that must still be followed at a horizon for its figure to be shown."""
WORK = "work"
END_REASON_LABELS: dict[str, str] = {
    "work": "Tilbage i arbejde",
    "other_benefit": "Anden ydelse",
    "education": "Uddannelse",
    "other": "Andet",
}


@dataclass(frozen=True)
class SpellRow:
    """Spells of one group with the same duration and ending (`n` of them)."""

    duration: float
    ended: bool
    end_reason: str
    n: int = 1


@dataclass(frozen=True)
class Curve:
    """Kaplan–Meier survival and cumulative incidence of work, as step functions."""

    times: np.ndarray  # distinct end times, ascending
    at_risk: np.ndarray
    ends: np.ndarray
    survival: np.ndarray  # S(t) just after each time
    work: np.ndarray  # cumulative incidence of work just after each time

    def survival_at(self, t: float) -> float:
        i = int(np.searchsorted(self.times, t, side="right")) - 1
        return 1.0 if i < 0 else float(self.survival[i])

    def work_by(self, t: float) -> float:
        i = int(np.searchsorted(self.times, t, side="right")) - 1
        return 0.0 if i < 0 else float(self.work[i])

    def at_risk_after(self, t: float) -> int:
        """Spells still followed beyond t (how much the estimate at t rests on)."""
        i = int(np.searchsorted(self.times, t, side="right"))
        return int(self.at_risk[i]) if i < len(self.at_risk) else 0


@dataclass(frozen=True)
class Spells:
    """Column arrays of weighted spell rows (what the database's counts come back as)."""

    duration: np.ndarray
    ended: np.ndarray
    end_reason: np.ndarray  # object array of str ("" while running)
    n: np.ndarray

    @classmethod
    def from_rows(cls, rows: Iterable[SpellRow]) -> Spells:
        data = [r for r in rows if r.n > 0 and r.duration is not None]
        return cls(
            np.array([r.duration for r in data], dtype=float),
            np.array([r.ended for r in data], dtype=bool),
            np.array([r.end_reason for r in data], dtype=object),
            np.array([r.n for r in data], dtype=float),
        )

    def subset(self, index: np.ndarray | slice) -> Spells:
        return Spells(
            self.duration[index], self.ended[index], self.end_reason[index], self.n[index]
        )


def kaplan_meier(rows: Iterable[SpellRow] | Spells) -> Curve:
    """Kaplan–Meier survival and Aalen–Johansen incidence of work (see module docstring)."""
    s = rows if isinstance(rows, Spells) else Spells.from_rows(rows)
    if len(s.duration) == 0:
        empty = np.zeros(0)
        return Curve(empty, empty, empty, empty, empty)
    d, w, ended = s.duration, s.n, s.ended
    work = ended & (s.end_reason == WORK)
    times = np.unique(d[ended])
    # at risk at t: every spell with duration >= t (censored at t still counted: ends first)
    order = np.argsort(d, kind="stable")
    cum_w = np.concatenate(([0.0], np.cumsum(w[order])))
    at_risk = cum_w[-1] - cum_w[np.searchsorted(d[order], times, side="left")]
    ends = np.bincount(np.searchsorted(times, d[ended]), weights=w[ended], minlength=len(times))
    work_ends = np.bincount(np.searchsorted(times, d[work]), weights=w[work], minlength=len(times))
    survival = np.cumprod(1.0 - ends / at_risk)
    before = np.concatenate(([1.0], survival[:-1]))
    incidence = np.cumsum(before * work_ends / at_risk)
    return Curve(times, at_risk, ends, survival, incidence)


@dataclass(frozen=True)
class GroupOutcome:
    """One group's outcome figures for the dashboard's table and CSV."""

    group: str
    spells: int
    ended: int
    back_at_work: dict[int, float]  # horizon → share back at work
    still_away: dict[int, float]  # horizon → KM survival
    followed: dict[int, int]  # horizon → spells still followed at it (the risk set)
    end_reasons: dict[str, int]  # ended spells by end reason
    curve: Curve
    shown: dict[int, bool]  # horizon → enough spells followed that long (module docstring)
    shown_until: int  # the last week (up to 52) whose figure is shown: where curves stop


def group_outcome(group: str, rows: Sequence[SpellRow] | Spells) -> GroupOutcome:
    s = rows if isinstance(rows, Spells) else Spells.from_rows(rows)
    curve = kaplan_meier(s)
    followed = {h: followed_at(s, h) for h in HORIZONS}
    reasons, counts = np.unique(s.end_reason[s.ended].astype(str), return_inverse=True)
    totals = np.bincount(counts, weights=s.n[s.ended], minlength=len(reasons))
    return GroupOutcome(
        group=group,
        spells=int(s.n.sum()),
        ended=int(s.n[s.ended].sum()),
        back_at_work={h: curve.work_by(h) for h in HORIZONS},
        still_away={h: curve.survival_at(h) for h in HORIZONS},
        followed=followed,
        end_reasons={str(r): int(t) for r, t in zip(reasons, totals, strict=True)},
        curve=curve,
        shown={h: shown(s, h, followed[h]) for h in HORIZONS},
        shown_until=max(
            (t for t in range(HORIZONS[-1] + 1) if shown(s, t, followed_at(s, t))), default=-1
        ),
    )


def followed_at(s: Spells, h: float) -> int:
    """Spells still followed at h weeks: running or ended at h or later."""
    return int(s.n[s.duration >= h].sum())


def shown(s: Spells, h: float, followed: int) -> bool:
    """Whether the figure at h rests on enough spells (see module docstring)."""
    if s.n.sum() == 0:
        return False
    censored_before = float(s.n[~s.ended & (s.duration < h)].sum())
    return followed >= MIN_FOLLOWED or censored_before == 0


def by_group(rows: Iterable[tuple[str, SpellRow]]) -> list[GroupOutcome]:
    """Outcomes per group, groups in sorted order."""
    groups: dict[str, list[SpellRow]] = {}
    for group, row in rows:
        groups.setdefault(group, []).append(row)
    return [group_outcome(g, groups[g]) for g in sorted(groups)]


def by_group_arrays(groups: np.ndarray, spells: Spells) -> list[GroupOutcome]:
    """Outcomes per group from column arrays (`groups[i]` is row i's group), sorted by group."""
    names, inverse = np.unique(groups.astype(str), return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(len(names) + 1))
    return [
        group_outcome(str(name), spells.subset(order[bounds[i] : bounds[i + 1]]))
        for i, name in enumerate(names)
    ]


def curve_points(curve: Curve, until: int = 52) -> list[tuple[int, float, float]]:
    """(week, survival, back at work) for weeks 0..until: the curve sampled for charts."""
    return [(t, curve.survival_at(t), curve.work_by(t)) for t in range(until + 1)]


CSV_COLUMNS: tuple[str, ...] = (
    "gruppe", "forloeb", "afsluttede",
    *(f"i_arbejde_{h}_uger" for h in HORIZONS),
    *(f"stadig_syg_{h}_uger" for h in HORIZONS),
    *(f"fulgt_{h}_uger" for h in HORIZONS),
    *(f"afsluttet_{r}" for r in END_REASON_LABELS),
)  # fmt: skip


def csv_row(o: GroupOutcome) -> dict[str, object]:
    row: dict[str, object] = {"gruppe": o.group, "forloeb": o.spells, "afsluttede": o.ended}
    for h in HORIZONS:
        row[f"i_arbejde_{h}_uger"] = round(o.back_at_work[h], 4) if o.shown[h] else ""
        row[f"stadig_syg_{h}_uger"] = round(o.still_away[h], 4) if o.shown[h] else ""
        row[f"fulgt_{h}_uger"] = o.followed[h]
    for reason in END_REASON_LABELS:
        row[f"afsluttet_{reason}"] = o.end_reasons.get(reason, 0)
    return row
