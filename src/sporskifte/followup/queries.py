"""The follow-up's database reads: every one aggregated in the database (counts per group),
so the dashboards stay fast with hundreds of thousands of spells. No person data leaves here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Substr, TruncMonth
from django.utils import timezone

from sporskifte.accounts.models import Role, Team
from sporskifte.citizens.models import Course, SicknessSpell
from sporskifte.lib.dates import month_start
from sporskifte.planning.monitoring import AT_APPLICATION_WEEKS, ScreeningRow
from sporskifte.planning.outcomes import Spells
from sporskifte.screening.tracks import TRACK_LABELS
from sporskifte.sickness import capacity
from sporskifte.sickness.models import Review, Screening, SpellCase

DIMENSIONS: dict[str, str] = {
    "track": "Spor",
    "district": "Bydel",
    "month": "Måned for første fraværsdag",
}
NO_TRACK = "Registerhistorik uden sag"
"""Spells from the register with no case in Sporskifte (history imported before it, or spells
never screened): their outcomes count, but no track was ever proposed for them."""
# The same inputs as `screening.training.MONITORED_INPUTS` (a test keeps them in step).
DRIFT_INPUTS: dict[str, str] = {
    "employment_status": "Beskæftigelsesstatus",
    "employer_size": "Virksomhedsstørrelse",
    "education": "Uddannelse",
    "diagnosis_group": "Diagnosegruppe",
    "partial_sick_leave": "Delvis sygemeldt",
    "prior_spells_3y": "Tidligere forløb (3 år)",
    "prior_sick_weeks_3y": "Tidligere sygeuger (3 år)",
    "district": "Bydel",
}
MONTHS_BACK = 36
"""By month of onset the dashboard shows the last three years (52-week outcomes need one)."""


def _label(dimension: str, value: Any) -> str:
    if dimension == "month":
        return str(value or "ukendt")
    if dimension == "track":
        return str(TRACK_LABELS.get(value, NO_TRACK)) if value else NO_TRACK
    return str(value or "ukendt")


def spell_rows(dimension: str) -> tuple[np.ndarray, Spells]:
    """Group labels and weighted spell rows: counts per (group, duration, ending) from the
    database, as column arrays."""
    spells = SicknessSpell.objects.filter(duration_weeks__isnull=False)
    if dimension == "month":  # "YYYY-MM" by text: portable and without a per-row function
        spells = spells.filter(onset_date__gte=month_start(timezone.localdate(), MONTHS_BACK))
        spells = spells.annotate(group=Substr(Cast("onset_date", CharField()), 1, 7))
    elif dimension == "track":
        spells = spells.annotate(group=F("case__track"))
    else:
        spells = spells.annotate(group=F("district"))
    rows = list(
        spells.values("group", "duration_weeks", "ended", "end_reason")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("group", "duration_weeks", "ended", "end_reason", "n")
    )
    if not rows:
        empty = np.zeros(0)
        return np.zeros(0, dtype=object), Spells(
            empty, empty.astype(bool), empty.astype(object), empty
        )
    group, duration, ended, reason, n = zip(*rows, strict=True)
    labels = {g: _label(dimension, g) for g in set(group)}
    return np.array([labels[g] for g in group], dtype=object), Spells(
        np.array(duration, dtype=float),
        np.array([bool(e) for e in ended], dtype=bool),
        np.array([r or "" for r in reason], dtype=object),
        np.array(n, dtype=float),
    )


def course_destinations() -> list[tuple[str, str, int]]:
    """(scheme, end reason, number) of ended courses: where people went after the course."""
    rows = (
        Course.objects.filter(ended_date__isnull=False)
        .values("scheme", "end_reason")
        .annotate(n=Count("pk"))
        .order_by("scheme", "end_reason")
    )
    return [(r["scheme"], r["end_reason"] or "ukendt", r["n"]) for r in rows]


def teams() -> list[dict[str, Any]]:
    """Teams with their caseworkers and weekly hours (the stored capacity, else the team's)."""
    rows = Team.objects.annotate(
        caseworkers=Count(
            "members", filter=Q(members__role=Role.CASEWORKER, members__is_active=True)
        )
    ).order_by("name")
    stored = capacity.in_force()
    return [
        {
            "name": t.name,
            "caseworkers": t.caseworkers,
            "weekly_hours": capacity.weekly_hours(t, stored.get(t.pk)),
        }
        for t in rows
    ]


def total_weekly_hours(rows: list[dict[str, Any]] | None = None) -> float:
    """All teams' caseworker hours a week (each team's stored capacity, else its own figure),
    from `teams()`'s `rows` when already read."""
    return float(sum(row["weekly_hours"] for row in (teams() if rows is None else rows)))


def open_cases_by_track() -> dict[str, int]:
    rows = SpellCase.objects.filter(closed_at__isnull=True).values("track").annotate(n=Count("pk"))
    return {r["track"]: r["n"] for r in rows.order_by()}


def screened_open_cases() -> tuple[list[float], list[bool]]:
    """p_long and the law's exemption of the open cases' current screenings, without the
    imported backlog: the track policy is fitted on the inflow it will be applied to."""
    rows = SpellCase.objects.filter(
        closed_at__isnull=True, current_screening__p_long__isnull=False
    ).values_list(
        "current_screening__p_long", "current_screening__exempt", "opened_on", "spell__onset_date"
    )
    window = timedelta(weeks=AT_APPLICATION_WEEKS)
    known = [
        (float(p), bool(e)) for p, e, opened, onset in rows
        if p is not None and opened - onset <= window
    ]  # fmt: skip
    return [p for p, _ in known], [e for _, e in known]


def new_cases_by_track(today: date, weeks: int = 12) -> dict[str, float]:
    """New cases a week by track in force: cases of spells begun in the last `weeks` weeks
    (the inflow; an imported backlog of running spells is not in it)."""
    since = today - timedelta(weeks=weeks)
    rows = (
        SpellCase.objects.filter(spell__onset_date__gt=since, spell__onset_date__lte=today)
        .values("track")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {r["track"]: r["n"] / weeks for r in rows}


def weekly_inflow(today: date) -> float:
    """New spells a week over the last 52 weeks."""
    since = today - timedelta(weeks=52)
    return SicknessSpell.objects.filter(onset_date__gt=since, onset_date__lte=today).count() / 52


def input_counts(
    reference: tuple[date, date], current: tuple[date, date]
) -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    """For each drift input, spells per value with onset in the reference and in the current
    period ([start, end) each): one read of both periods into a pandas frame."""
    fields = list(DRIFT_INPUTS)
    # the period as a number computed in SQL: no date objects to build for each row
    period = Case(
        When(onset_date__gte=current[0], onset_date__lt=current[1], then=Value(1)),
        When(onset_date__gte=reference[0], onset_date__lt=reference[1], then=Value(0)),
        default=Value(-1),
        output_field=IntegerField(),
    )
    rows = (
        SicknessSpell.objects.filter(
            onset_date__gte=min(reference[0], current[0]),
            onset_date__lt=max(reference[1], current[1]),
        )
        .annotate(period=period)
        .values_list("period", *fields)
    )
    frame = pd.DataFrame.from_records(list(rows), columns=["period", *fields])
    in_ref, in_cur = frame["period"] == 0, frame["period"] == 1
    return {field: (_counts(frame.loc[in_ref, field]), _counts(frame.loc[in_cur, field]))
            for field in fields}  # fmt: skip


def _counts(values: pd.Series) -> dict[str, float]:
    return {str(k): float(v) for k, v in values.value_counts().items()}


def screening_rows(today: date, horizon_weeks: int = 26) -> list[ScreeningRow]:
    """Every screening with a p_long, with its spell (one per case and stage: the latest),
    for `planning.monitoring.calibration_by_design`."""
    rows = (
        Screening.objects.filter(p_long__isnull=False)
        .order_by("case_id", "screened_on", "pk")
        .values_list(
            "case_id", "screened_on", "p_long", "case__opened_via", "case__spell__onset_date",
            "case__spell__duration_weeks", "case__spell__ended",
        )
    )  # fmt: skip
    mature_before = today - timedelta(weeks=horizon_weeks)
    latest: dict[tuple[int, str], ScreeningRow] = {}
    for case_id, screened_on, p, via, onset, duration, ended in rows:
        row = ScreeningRow(
            cohort=f"{onset.year}-{onset.month:02d}",
            week=max(0, (screened_on - onset).days // 7),
            from_register=via == SpellCase.Via.REGISTER,
            p_long=float(p or 0.0), duration=duration, ended=ended, mature=onset <= mature_before,
        )  # fmt: skip
        latest[(case_id, row.stage)] = row
    return list(latest.values())


def override_counts() -> list[tuple[str, int, int]]:
    """(month decided, confirmed, overridden) of the decided reviews."""
    decided = [Review.State.CONFIRMED, Review.State.OVERRIDDEN]
    rows = (
        Review.objects.filter(state__in=decided, decided_at__isnull=False)
        .annotate(month=TruncMonth("decided_at"))
        .values("month", "state")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    months: dict[str, list[int]] = {}
    for r in rows:
        key = f"{r['month'].year}-{r['month'].month:02d}"
        months.setdefault(key, [0, 0])[r["state"] == Review.State.OVERRIDDEN] += r["n"]
    return [(m, c[0], c[1]) for m, c in sorted(months.items())]


def month_figures(start: date, end: date) -> dict[str, Any]:
    """The month's key counts ([start, end)): new spells, cases opened by track (new spells
    apart from an imported backlog of spells already running), decisions."""
    opened = SpellCase.objects.filter(opened_on__gte=start, opened_on__lt=end).values_list(
        "track", "opened_on", "spell__onset_date"
    )
    window = timedelta(weeks=AT_APPLICATION_WEEKS)
    new: dict[str, int] = {}
    backlog: dict[str, int] = {}
    for track, opened_on, onset in opened.iterator(chunk_size=5000):
        into = backlog if opened_on - onset > window else new
        into[track] = into.get(track, 0) + 1
    decided = Review.objects.filter(decided_at__date__gte=start, decided_at__date__lt=end)
    counts = decided.aggregate(
        confirmed=Count("pk", filter=Q(state=Review.State.CONFIRMED)),
        overridden=Count("pk", filter=Q(state=Review.State.OVERRIDDEN)),
    )
    return {
        "new_spells": SicknessSpell.objects.filter(
            onset_date__gte=start, onset_date__lt=end
        ).count(),
        "opened_by_track": new,
        "backlog_by_track": backlog,
        "confirmed": counts["confirmed"],
        "overridden": counts["overridden"],
        "open_cases": SpellCase.objects.filter(closed_at__isnull=True).count(),
    }


def fairness_frame(today: date, horizon_weeks: int = 26) -> pd.DataFrame:
    """The same rule as the calibration: screenings made at application (the latest in the
    spell's first weeks), from cohorts whose 26 weeks have passed. The columns the fairness audit
    groups by (sex, age, district, origin; no person identifiers), p_long, duration, ended."""
    columns = ["case", "screened_on", "onset_date", "birth_year", "sex", "district", "origin",
               "p_long", "duration", "ended"]  # fmt: skip
    rows = (
        Screening.objects.filter(
            p_long__isnull=False,
            case__spell__duration_weeks__isnull=False,
            case__spell__onset_date__lte=today - timedelta(weeks=horizon_weeks),
        )
        .order_by("case_id", "screened_on", "pk")
        .values_list(
            "case_id", "screened_on", "case__spell__onset_date", "case__spell__birth_year",
            "case__spell__sex", "case__spell__district", "case__spell__origin", "p_long",
            "case__spell__duration_weeks", "case__spell__ended",
        )
    )  # fmt: skip
    frame = pd.DataFrame.from_records(list(rows), columns=columns)
    if frame.empty:
        return frame
    weeks = (pd.to_datetime(frame["screened_on"]) - pd.to_datetime(frame["onset_date"])).dt.days
    frame = frame[weeks // 7 <= AT_APPLICATION_WEEKS]
    return frame.drop_duplicates("case", keep="last").reset_index(drop=True)
