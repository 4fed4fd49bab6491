"""A team's stored capacity, and the track policy fitted to it.

A team leader stores the team's capacity (`actions.set_capacity`): caseworker hours a week for
follow-up, the hours one person takes on each track over a whole spell, and the hours a
caseworker's look at a flagged case takes. Every setting is a new `TeamCapacity` row; the newest
is in force.

When it is stored, the track-3 threshold is fitted to it with `screening.tracks.fit_thresholds`
on the team's *inflow*:

- weekly inflow: the team's cases of spells that began in the `INFLOW_WEEKS` weeks up to the day
  it is set, divided by `INFLOW_WEEKS` (the inflow of the team view). The imported backlog
  (cases opened long after onset) is not inflow: it is one-off work (`planning.workload`);
- reference population: the current screenings of those cases that carry a risk (model mode),
  with their p_long and the law's exemption.

The threshold is the lowest one whose steady-state demand (inflow × mean hours of the assigned
track + review hours of the flagged) fits the hours. It is stored with the setting, so the
policy in force changes only when the capacity is set again (then refitted to the inflow of that
day). Without a screened inflow (no model, or no new spells yet) no threshold is fitted and the
model's own (trained) threshold applies.

Screening a team's case uses the team's threshold (`team_policy`); storing a capacity re-proposes
the track of the team's open cases whose screening still awaits a caseworker's review (see
`actions.set_capacity`). A decided track stands.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
from django.db.models import OuterRef, Subquery

from sporskifte.lib import danish
from sporskifte.screening.tracks import (
    TRACK_LABELS,
    TRACKS,
    Capacity,
    TrackPolicy,
    fit_thresholds,
)
from sporskifte.sickness.models import SpellCase, TeamCapacity

INFLOW_WEEKS = 12
DEFAULT = Capacity(0, 0)
"""The default hours per person and per review (`screening.tracks.Capacity`)."""


@dataclass(frozen=True)
class Limit:
    """What a capacity figure may be: above (or from) 0, at most `high`."""

    label: str
    high: float
    zero_allowed: bool


LIMITS: dict[str, Limit] = {
    "caseworker_hours_per_week": Limit(
        "Teamets sagsbehandlertimer til opfølgning pr. uge", 5_000, False
    ),
    "hours_track1": Limit("Timer pr. borger: Ingen opfølgning", 40, True),
    "hours_track2": Limit("Timer pr. borger: Let opfølgning", 200, False),
    "hours_track3": Limit("Timer pr. borger: Tværfaglig indsats", 1_000, False),
    "review_hours": Limit("Timer pr. vurdering af en markeret sag", 40, True),
}
"""The fields of a capacity, their Danish labels and bounds (the form and the action share them).
5,000 hours a week is about 135 full-time caseworkers, more than any team."""


@dataclass(frozen=True)
class CapacityInput:
    """A capacity as the team leader gives it (hours; tracks 1-3 per person, whole spell)."""

    caseworker_hours_per_week: float
    hours_track1: float = DEFAULT.hours_per_person[0]
    hours_track2: float = DEFAULT.hours_per_person[1]
    hours_track3: float = DEFAULT.hours_per_person[2]
    review_hours: float = DEFAULT.review_hours

    @property
    def hours_per_person(self) -> tuple[float, float, float]:
        return (self.hours_track1, self.hours_track2, self.hours_track3)


def problem(name: str, value: object) -> str | None:
    """The Danish error for one figure, or None when it is allowed."""
    limit = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return "Skriv et tal, fx 2,5."
    if value < 0:
        return "Antallet af timer kan ikke være negativt."
    if value == 0 and not limit.zero_allowed:
        return "Skriv et antal timer over 0."
    if value > limit.high:
        return f"Skriv højst {danish.number(limit.high)} timer; det er mere end et team har."
    return None


def problems(values: Mapping[str, object]) -> dict[str, str]:
    """Every field's error (field name -> Danish message); empty when the capacity is allowed."""
    found = {name: p for name in LIMITS if (p := problem(name, values.get(name))) is not None}
    if found.keys() & {"hours_track2", "hours_track3"}:
        return found
    if float(values["hours_track3"]) < float(values["hours_track2"]):  # type: ignore[arg-type]
        found["hours_track3"] = (
            "Tværfaglig indsats skal have mindst lige så mange timer som let opfølgning."
        )
    return found


def current(team_id: int | None) -> TeamCapacity | None:
    """The team's capacity in force (the newest stored), or None when none is stored."""
    if team_id is None:
        return None
    return TeamCapacity.objects.filter(team_id=team_id).select_related("set_by").first()


def history(team_id: int, limit: int = 20) -> list[TeamCapacity]:
    """The team's stored settings, newest first."""
    return list(TeamCapacity.objects.filter(team_id=team_id).select_related("set_by")[:limit])


def in_force() -> dict[int, TeamCapacity]:
    """Every team's capacity in force (the newest stored), by team id, in one query; teams
    with none stored are left out."""
    newest = TeamCapacity.objects.filter(team_id=OuterRef("team_id")).values("pk")[:1]
    return {c.team_id: c for c in TeamCapacity.objects.filter(pk=Subquery(newest))}


def weekly_hours(team: object, stored: TeamCapacity | None) -> float:
    """The team's caseworker hours a week: its `stored` capacity, else the team's own figure."""
    return stored.caseworker_hours_per_week if stored else float(getattr(team, "weekly_hours", 0))


def hours_per_person(
    stored: TeamCapacity | None, fallback: tuple[float, float, float]
) -> tuple[float, float, float]:
    """The `stored` capacity's hours per person by track, else `fallback`."""
    return stored.hours_per_person if stored else fallback


@dataclass(frozen=True)
class Fit:
    """The threshold fitted to a capacity on the team's inflow, and what it was fitted on."""

    policy: TrackPolicy | None
    weekly_inflow: float
    reference_spells: int


def inflow(team_id: int, on: date) -> tuple[float, list[float], list[bool]]:
    """(new spells a week, their p_long, their exemption): the team's cases of spells that
    began in the `INFLOW_WEEKS` weeks up to `on`; risks from those screened with a model."""
    since = on - timedelta(weeks=INFLOW_WEEKS)
    new = SpellCase.objects.filter(
        person__team_id=team_id, spell__onset_date__gte=since, spell__onset_date__lte=on
    )
    screened = list(
        new.filter(current_screening__p_long__isnull=False).values_list(
            "current_screening__p_long", "current_screening__exempt"
        )
    )
    p_long = [float(p) for p, _ in screened if p is not None]
    return new.count() / INFLOW_WEEKS, p_long, [bool(e) for _, e in screened]


def fit(team_id: int, values: CapacityInput, on: date, base: TrackPolicy) -> Fit:
    """Fit the track-3 threshold to `values` on the team's inflow as of `on` (module docs);
    `base` gives the flag and minimum thresholds (the model's policy)."""
    per_week, p_long, exempt = inflow(team_id, on)
    if not p_long:
        return Fit(None, per_week, 0)
    capacity = Capacity(
        values.caseworker_hours_per_week, per_week, values.hours_per_person, values.review_hours
    )
    policy = fit_thresholds(
        p_long, capacity, exempt,
        flag_threshold=base.flag_threshold, min_threshold=base.min_threshold,
    )  # fmt: skip
    return Fit(policy, per_week, len(p_long))


@dataclass(frozen=True)
class PlanRow:
    """One track (or the reviews) under the team's policy: share of the screened inflow, new
    cases a week, hours per person and the hours a week they need."""

    label: str
    share: float
    per_week: float
    hours_each: float

    @property
    def hours_per_week(self) -> float:
        return self.per_week * self.hours_each


@dataclass(frozen=True)
class Plan:
    """The team's stored capacity against the demand of today's inflow at its threshold."""

    stored: TeamCapacity
    rows: list[PlanRow]
    weekly_inflow: float
    screened: int

    @property
    def demand(self) -> float:
        return sum(row.hours_per_week for row in self.rows)

    @property
    def spare(self) -> float:
        return self.stored.caseworker_hours_per_week - self.demand

    @property
    def shortfall(self) -> float:
        return max(0.0, -self.spare)


def plan(stored: TeamCapacity, base: TrackPolicy, on: date) -> Plan:
    """What the stored capacity means for today's inflow (tracks by `team_policy`)."""
    per_week, p_long, exempt = inflow(stored.team_id, on)
    policy = team_policy(base, stored)
    n = len(p_long)
    tracks = policy.assign(p_long, exempt) if n else np.zeros(0)
    shares = [float(np.mean(tracks == k)) if n else 0.0 for k in (1, 2, 3)]
    flagged = float(np.mean(policy.flags(p_long, exempt))) if n else 0.0
    rows = [
        PlanRow(TRACK_LABELS[track], share, per_week * share, hours)
        for track, share, hours in zip(TRACKS, shares, stored.hours_per_person, strict=True)
    ]
    review = PlanRow("Vurdering af markerede sager", flagged, per_week * flagged,
                     stored.review_hours)  # fmt: skip
    return Plan(stored, [*rows, review], per_week, n)


def team_policy(base: TrackPolicy, stored: TeamCapacity | None) -> TrackPolicy:
    """`base` (the model's policy) with the threshold fitted to the team's stored capacity. The
    thresholds by age band, if the municipality opted in, never lie above the team's."""
    if stored is None or stored.threshold is None:
        return base
    capacity = Capacity(
        stored.caseworker_hours_per_week, stored.weekly_inflow, stored.hours_per_person,
        stored.review_hours,
    )  # fmt: skip
    bands = tuple((band, min(value, stored.threshold)) for band, value in base.band_thresholds)
    return replace(
        base, threshold=stored.threshold, capacity=capacity, fits=stored.fits,
        expected_hours_per_week=stored.expected_hours_per_week, band_thresholds=bands,
    )  # fmt: skip
