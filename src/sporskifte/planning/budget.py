"""The BI05 budget lines and caseworker spending against them.

The budget note BI05 (Københavns Kommune, budget 2026, Beskæftigelses- og
Integrationsudvalget) funds the screening of sickness-benefit spells with 7.0 mio. kr. and the
re-organisation of the effort for vulnerable citizens with 10.0 mio. kr. over 2026–2027. The
lines are dated data with their source; change them here when a new budget is adopted.

Spending is caseworker hours at a cost per full-time caseworker (a parameter, not a fact:
the default is an assumption to be replaced by the administration's own figure):
    spending per year = weekly hours × weeks per year / hours per full-time year × cost per FTE.
Like with like (`funded_lines`): each BI05 line is set against the spending it funds, at the
current weekly inflow of new spells (never the backlog, never all caseworker hours):
- the screening line against the caseworkers' review of each new screening
  (new spells a week × review hours × 52 weeks);
- the reorganisation line against the cross-disciplinary effort beyond light follow-up
  (new track-3 spells a week × (track-3 hours − track-2 hours) × 52 weeks).
All caseworker time is set against the teams' own budget (`team_budget`): the teams' weekly
hours at the cost per FTE, against the hours the inflow needs, with the backlog apart as a
one-off amount.
Pure Python; no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from sporskifte.screening.tracks import Capacity, fit_thresholds

BI05_SOURCE = (
    "Budgetnotat BI05, Københavns Kommune, Budget 2026 (Beskæftigelses- og Integrationsudvalget)"
)
SCREENING = "screening"
REORGANISATION = "reorganisering"
PURPOSE_LABELS: dict[str, str] = {
    SCREENING: "Screening af sygedagpengeforløb",
    REORGANISATION: "Reorganisering af indsatsen for udsatte borgere",
}

HOURS_PER_FTE_YEAR = 1924.0
"""37 hours × 52 weeks: a full-time year before holidays (the usual Danish norm)."""
DEFAULT_COST_PER_FTE = 650_000.0
"""Assumption: kr. a year per full-time caseworker incl. overhead; a parameter in the planner."""


@dataclass(frozen=True)
class BudgetLine:
    year: int
    purpose: str
    amount_dkk: float
    source: str = BI05_SOURCE

    @property
    def label(self) -> str:
        return PURPOSE_LABELS.get(self.purpose, self.purpose)


BI05_LINES: tuple[BudgetLine, ...] = (
    BudgetLine(2026, SCREENING, 2_500_000),
    BudgetLine(2026, REORGANISATION, 2_500_000),
    BudgetLine(2027, SCREENING, 4_500_000),
    BudgetLine(2027, REORGANISATION, 7_500_000),
)


def totals_by_year(lines: Iterable[BudgetLine] = BI05_LINES) -> dict[int, float]:
    out: dict[int, float] = {}
    for line in lines:
        out[line.year] = out.get(line.year, 0.0) + line.amount_dkk
    return dict(sorted(out.items()))


def totals_by_purpose(lines: Iterable[BudgetLine] = BI05_LINES) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in lines:
        out[line.purpose] = out.get(line.purpose, 0.0) + line.amount_dkk
    return out


def fte(weekly_hours: float) -> float:
    """Full-time caseworkers that many weekly hours amount to."""
    return weekly_hours * 52 / HOURS_PER_FTE_YEAR


def yearly_spending(weekly_hours: float, cost_per_fte: float) -> float:
    """Kroner a year for `weekly_hours` caseworker hours a week."""
    if weekly_hours < 0 or cost_per_fte < 0:
        raise ValueError("hours and cost must be non-negative")
    return fte(weekly_hours) * cost_per_fte


@dataclass(frozen=True)
class YearComparison:
    year: int
    budget: float
    spending: float

    @property
    def difference(self) -> float:
        """Budget left (positive) or overspent (negative)."""
        return self.budget - self.spending


def compare(
    weekly_hours_by_year: Mapping[int, float],
    cost_per_fte: float,
    lines: Iterable[BudgetLine] = BI05_LINES,
) -> list[YearComparison]:
    """Budget against spending, year by year (years of the budget lines)."""
    budget = totals_by_year(lines)
    return [
        YearComparison(y, b, yearly_spending(weekly_hours_by_year.get(y, 0.0), cost_per_fte))
        for y, b in budget.items()
    ]


@dataclass(frozen=True)
class WhatIf:
    """What a capacity means for the tracks (`screening.tracks.fit_thresholds`)."""

    threshold: float
    fits: bool
    hours_per_week: float
    share_by_track: dict[str, float]
    expected_long_reached: float | None
    """Expected share of the long spells (past 26 weeks) in tracks 2–3, taking each spell's
    p_long as its probability of being long; None without screened spells."""
    spells: int


def what_if(p_long: Sequence[float], exempt: Sequence[bool], capacity: Capacity) -> WhatIf:
    """Fit the track thresholds to `capacity` on a reference population of screened spells."""
    if len(p_long) == 0:
        return WhatIf(float("nan"), True, 0.0, {}, None, 0)
    policy = fit_thresholds(p_long, capacity, exempt)
    p = np.asarray(p_long, dtype=float)
    report = policy.report(p, exempt)
    tracks = policy.assign(p, exempt)
    reached = float(np.sum(p * (tracks >= 2)) / p.sum()) if p.sum() > 0 else None
    return WhatIf(
        threshold=policy.threshold,
        fits=policy.fits,
        hours_per_week=float(policy.expected_hours_per_week or 0.0),
        share_by_track=dict(report["share_by_track"]),  # type: ignore[call-overload]
        expected_long_reached=reached,
        spells=len(p),
    )


LINE_INCLUDES: dict[str, str] = {
    SCREENING: "sagsbehandlerens vurdering af hver ny screening ({review} time pr. nyt forløb)",
    REORGANISATION: (
        "den tværfaglige indsats ud over let opfølgning ({extra} timer pr. nyt forløb i "
        "tværfaglig indsats)"
    ),
}


@dataclass(frozen=True)
class FundedLine:
    """One BI05 line against the spending it funds (kr. a year at the current inflow)."""

    line: BudgetLine
    spending: float
    hours_per_year: float
    includes: str

    @property
    def difference(self) -> float:
        return self.line.amount_dkk - self.spending


def hours_cost(hours_per_year: float, cost_per_fte: float) -> float:
    return hours_per_year / HOURS_PER_FTE_YEAR * cost_per_fte


def funded_lines(
    new_per_week: Mapping[str, float],
    hours_per_person: Sequence[float],
    review_hours: float,
    cost_per_fte: float,
    lines: Iterable[BudgetLine] = BI05_LINES,
) -> list[FundedLine]:
    """Each BI05 line against what it funds (module docstring); `new_per_week` by track."""
    from sporskifte.screening.tracks import TRACKS

    inflow = sum(new_per_week.values())
    extra = max(0.0, hours_per_person[2] - hours_per_person[1])
    hours = {
        SCREENING: inflow * review_hours * 52,
        REORGANISATION: new_per_week.get(TRACKS[2], 0.0) * extra * 52,
    }
    texts = {
        SCREENING: LINE_INCLUDES[SCREENING].format(review=_num(review_hours)),
        REORGANISATION: LINE_INCLUDES[REORGANISATION].format(extra=_num(extra)),
    }
    return [
        FundedLine(
            line,
            hours_cost(hours[line.purpose], cost_per_fte),
            hours[line.purpose],
            texts[line.purpose],
        )
        for line in lines
    ]


def _num(value: float) -> str:
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class TeamBudget:
    """The teams' own caseworker budget against the time the work needs (kr. a year)."""

    budget: float  # the teams' weekly hours at the cost per FTE
    steady: float  # the hours the inflow needs, a year
    backlog: float  # one-off: the hours the backlog needs

    @property
    def difference(self) -> float:
        return self.budget - self.steady


def team_budget(
    capacity_hours: float, steady_hours: float, backlog_hours: float, cost_per_fte: float
) -> TeamBudget:
    return TeamBudget(
        hours_cost(capacity_hours * 52, cost_per_fte),
        hours_cost(steady_hours * 52, cost_per_fte),
        hours_cost(backlog_hours, cost_per_fte),
    )
