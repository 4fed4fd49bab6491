"""The follow-up's database reads: every one aggregated in the database (counts per group),
so the dashboards stay fast with hundreds of thousands of spells. No person data leaves here."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from sporskifte.accounts.models import Role, Team
from sporskifte.casework.models import Course, Review, SicknessSpell, SpellCase, Track
from sporskifte.planning.outcomes import SpellRow

DIMENSIONS: dict[str, str] = {"track": "Spor", "district": "Bydel", "month": "Måned for første fraværsdag"}
NO_TRACK = "Ingen sag"
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
TRACK_LABELS = dict(Track.choices)


def _label(dimension: str, value: Any) -> str:
    if dimension == "month":
        return f"{value.year}-{value.month:02d}" if value else "ukendt"
    if dimension == "track":
        return str(TRACK_LABELS.get(value, NO_TRACK)) if value else NO_TRACK
    return str(value or "ukendt")


def spell_rows(dimension: str) -> list[tuple[str, SpellRow]]:
    """(group, SpellRow with a count) per distinct duration and ending within each group."""
    spells = SicknessSpell.objects.filter(duration_weeks__isnull=False)
    if dimension == "month":
        spells = spells.annotate(group=TruncMonth("onset_date"))
    elif dimension == "track":
        spells = spells.annotate(group=F("case__track"))
    else:
        spells = spells.annotate(group=F("district"))
    counts = spells.values("group", "duration_weeks", "ended", "end_reason").annotate(
        n=Count("pk")
    )
    return [
        (_label(dimension, r["group"]),
         SpellRow(r["duration_weeks"], bool(r["ended"]), r["end_reason"] or "", r["n"]))
        for r in counts.order_by()
    ]  # fmt: skip


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
    """Teams with their caseworkers and weekly hours."""
    rows = Team.objects.annotate(
        caseworkers=Count("members", filter=Q(members__role=Role.CASEWORKER, members__is_active=True))
    ).order_by("name")
    return [{"name": t.name, "caseworkers": t.caseworkers, "weekly_hours": t.weekly_hours} for t in rows]


def total_weekly_hours() -> float:
    return float(Team.objects.aggregate(h=Sum("weekly_hours"))["h"] or 0)


def open_cases_by_track() -> dict[str, int]:
    rows = SpellCase.objects.filter(closed_at__isnull=True).values("track").annotate(n=Count("pk"))
    return {r["track"]: r["n"] for r in rows.order_by()}


def screened_open_cases() -> tuple[list[float], list[bool]]:
    """p_long and the law's exemption of the open cases' current screenings."""
    rows = SpellCase.objects.filter(
        closed_at__isnull=True, current_screening__p_long__isnull=False
    ).values_list("current_screening__p_long", "current_screening__exempt")
    p = [float(r[0]) for r in rows]
    return p, [bool(r[1]) for r in rows]


def weekly_inflow(today: date) -> float:
    """New spells a week over the last 52 weeks."""
    since = today - timedelta(weeks=52)
    return SicknessSpell.objects.filter(onset_date__gt=since, onset_date__lte=today).count() / 52


def input_counts(field: str, start: date, end: date) -> dict[str, float]:
    rows = (
        SicknessSpell.objects.filter(onset_date__gte=start, onset_date__lt=end)
        .values(field)
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {str(r[field]): float(r["n"]) for r in rows}


def calibration_rows() -> list[tuple[str, float, float | None, bool | None]]:
    """(month screened, p_long, duration, ended) of every case's current screening."""
    rows = SpellCase.objects.filter(current_screening__p_long__isnull=False).values_list(
        "current_screening__screened_on", "current_screening__p_long",
        "spell__duration_weeks", "spell__ended",
    )  # fmt: skip
    return [(f"{d.year}-{d.month:02d}", p, dur, end) for d, p, dur, end in rows]


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
