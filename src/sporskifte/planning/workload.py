"""Caseworker workload with the backlog kept apart from the inflow.

A team's cases are of two kinds:

- *inflow*: cases of spells that began in the period (new sick-listings), counted per week.
  Their hours are the steady-state demand: weekly inflow × hours per person of the track,
  summed over tracks (hours a week, for as long as the inflow stays as it is);
- *backlog*: open cases of spells that were already running when their case was opened (an
  imported register backlog, opened more than `AT_APPLICATION_WEEKS` weeks after onset). Their
  hours are a one-off amount: open cases × hours per person of the track.

The backlog is worked down with the spare capacity, capacity minus steady demand; the weeks it
takes are backlog hours / spare hours a week (never, when there is no spare capacity). Hours per
person are for a whole spell, so the backlog figure is an upper bound (part of the work on
those spells may already be done).

Pure Python; no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sporskifte.planning.monitoring import AT_APPLICATION_WEEKS
from sporskifte.screening.tracks import TRACKS

__all__ = ["AT_APPLICATION_WEEKS", "TrackWorkload", "Workload", "workload"]


@dataclass(frozen=True)
class TrackWorkload:
    track: str
    new_per_week: float
    backlog: int
    hours_per_person: float

    @property
    def steady_hours(self) -> float:
        return self.new_per_week * self.hours_per_person

    @property
    def backlog_hours(self) -> float:
        return self.backlog * self.hours_per_person


@dataclass(frozen=True)
class Workload:
    tracks: list[TrackWorkload]
    capacity: float  # caseworker hours a week

    @property
    def steady_hours(self) -> float:
        """Hours a week the inflow needs, for as long as it stays as it is."""
        return sum(t.steady_hours for t in self.tracks)

    @property
    def backlog_hours(self) -> float:
        """One-off hours the backlog needs."""
        return sum(t.backlog_hours for t in self.tracks)

    @property
    def spare_hours(self) -> float:
        return self.capacity - self.steady_hours

    @property
    def over_capacity(self) -> bool:
        return self.spare_hours < 0

    @property
    def weeks_to_clear(self) -> float | None:
        """Weeks to work down the backlog at the spare capacity; None when there is none."""
        if self.backlog_hours == 0:
            return 0.0
        return self.backlog_hours / self.spare_hours if self.spare_hours > 0 else None


def workload(
    new_cases: Mapping[str, int],
    weeks: float,
    backlog: Mapping[str, int],
    hours_per_person: Sequence[float],
    capacity: float,
) -> Workload:
    """`new_cases` by track (spells begun in the last `weeks` weeks), `backlog` by track (open
    cases opened after the application window), hours per person for tracks 1-3."""
    if weeks <= 0:
        raise ValueError("weeks must be positive")
    return Workload(
        [
            TrackWorkload(t, new_cases.get(t, 0) / weeks, backlog.get(t, 0), hours_per_person[i])
            for i, t in enumerate(TRACKS)
        ],
        capacity,
    )
