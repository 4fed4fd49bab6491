"""Reads for the workflow's pages and the API: the worklist, the case page, alerts and the
team leader's overview. Access goes through `casework.permissions`; each page is a fixed
handful of queries whatever the number of rows (no N+1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import (
    Perm,
    cases_visible_to,
    require_team_access,
    sees_all_teams,
)
from sporskifte.audit.log import action_label
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.models import Alert
from sporskifte.lib.danish import dato
from sporskifte.planning.workload import AT_APPLICATION_WEEKS, workload
from sporskifte.rules.employer import plan_expected_by
from sporskifte.sickness import capacity as team_capacity
from sporskifte.sickness import employer, law
from sporskifte.sickness.actions import assessment
from sporskifte.sickness.models import ContactDue, Review, Screening, SpellCase, TeamCapacity, Track

PAGE_SIZE = 25
UPCOMING_DAYS = 14
STATUSES: dict[str, str] = {
    "": "Alle åbne sager",
    "awaiting": "Nye screeninger, der afventer vurdering",
    "overdue": "Kontakter, der er overskredet",
    "upcoming": f"Kontakter de næste {UPCOMING_DAYS} dage",
    "alerts": "Sager med advarsler",
}
WIDE_SCREENING_FIELDS = ("inputs", "contributions", "reasons")
SORTS: dict[str, str] = {"deadline": "Frist (tidligste først)", "risk": "Risiko (højeste først)"}
TRACK_RANK = Case(
    When(track=Track.INTERDISCIPLINARY, then=Value(3)),
    When(track=Track.LIGHT, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


# --------------------------------------------------------------------------- worklist


@dataclass(frozen=True)
class WorklistQuery:
    status: str = ""
    track: str = ""
    district: str = ""
    sort: str = "deadline"
    team_id: int | None = None
    page: int = 1
    search: str = ""


@dataclass
class Worklist:
    rows: list[SpellCase]
    total: int
    page: int
    pages: int
    summary: dict[str, int] = field(default_factory=dict)

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def _open_alerts() -> Subquery:
    counted = (
        Alert.objects.filter(spell_id=OuterRef("pk"), cleared_at__isnull=True)
        .order_by()
        .values("spell_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(counted, output_field=IntegerField())


def _status_filter(cases: QuerySet[SpellCase], status: str, on: date) -> QuerySet[SpellCase]:
    if status == "awaiting":
        return cases.filter(current_screening__review__state=Review.State.AWAITING)
    if status == "overdue":
        return cases.filter(next_due__lt=on)
    if status == "upcoming":
        return cases.filter(next_due__gte=on, next_due__lte=on + timedelta(days=UPCOMING_DAYS))
    if status == "alerts":
        alerts = Alert.objects.filter(spell_id=OuterRef("pk"), cleared_at__isnull=True)
        return cases.filter(Exists(alerts))
    return cases


def team_cases(user: Any, team_id: int | None = None) -> QuerySet[SpellCase]:
    """Open cases the user works on: their team's; an administrator may pick a team."""
    cases = cases_visible_to(user).filter(closed_at__isnull=True)
    if team_id and sees_all_teams(user):
        cases = cases.filter(person__team_id=team_id)
    return cases


def summary(cases: QuerySet[SpellCase], on: date) -> dict[str, int]:
    soon = on + timedelta(days=UPCOMING_DAYS)
    counts = cases.aggregate(
        total=Count("pk"),
        awaiting=Count("pk", filter=Q(current_screening__review__state=Review.State.AWAITING)),
        overdue=Count("pk", filter=Q(next_due__lt=on)),
        upcoming=Count("pk", filter=Q(next_due__gte=on, next_due__lte=soon)),
    )
    counts["alerts"] = Alert.objects.filter(
        spell_id__in=cases.values("pk"), cleared_at__isnull=True
    ).count()
    return counts


def _ordered(cases: QuerySet[SpellCase], sort: str) -> QuerySet[SpellCase]:
    if sort == "risk":
        return cases.annotate(rank=TRACK_RANK).order_by(
            F("current_screening__p_long").desc(nulls_last=True),
            F("rank").desc(),
            F("next_due").asc(nulls_last=True),
            "pk",
        )
    return cases.order_by(F("next_due").asc(nulls_last=True), "pk")


def _searched(cases: QuerySet[SpellCase], text: str) -> QuerySet[SpellCase]:
    """Cases whose person's name contains `text`, whose CPR number starts with its digits
    (whole or the first six) or whose case number contains it."""
    text = text.strip()
    digits = text.replace("-", "").replace(" ", "")
    if digits.isdigit() and len(digits) in (6, 10):
        return cases.filter(person__cpr__startswith=digits)
    return cases.filter(Q(person__name__icontains=text) | Q(spell__spell_id__icontains=text))


def worklist(user: Any, q: WorklistQuery, on: date) -> Worklist:
    """One page of the user's worklist, with the counts behind the status filters."""
    base = team_cases(user, q.team_id)
    cases = _status_filter(base, q.status, on)
    if q.track:
        cases = cases.filter(track=q.track)
    if q.district:
        cases = cases.filter(person__district=q.district)
    if q.search:
        cases = _searched(cases, q.search)
    total = cases.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, q.page), pages)
    start = (page - 1) * PAGE_SIZE
    ids = list(_ordered(cases, q.sort).values_list("pk", flat=True)[start : start + PAGE_SIZE])
    return Worklist(_page_rows(ids), total, page, pages, summary(base, on))


def _page_rows(ids: list[int]) -> list[SpellCase]:
    """The page's cases with what the list shows, in the order of `ids`. Sorting and paging
    run on narrow rows first (ids only); only these rows are then read in full."""
    found = (
        SpellCase.objects.filter(pk__in=ids)
        .select_related("spell", "person", "current_screening", "current_screening__review")
        .defer(*(f"current_screening__{name}" for name in WIDE_SCREENING_FIELDS))
        .annotate(open_alerts=Coalesce(_open_alerts(), 0))
    )
    by_id = {case.pk: case for case in found}
    return [by_id[pk] for pk in ids if pk in by_id]


# --------------------------------------------------------------------------- case page


@dataclass(frozen=True)
class FactorBar:
    """One factor on the case page chart: label, size in percentage points, bar width."""

    label: str
    points: float
    width: int
    pair: bool = False
    """A pair term of the model: two inputs told as one combined factor ("X og y tilsammen")."""

    @property
    def up(self) -> bool:
        return self.points > 0

    @property
    def points_text(self) -> str:
        from sporskifte.screening.explain import format_points

        return format_points(self.points)


def is_pair(contribution: dict[str, Any]) -> bool:
    """Whether a stored factor is one of the model's pair terms (feature "a & b")."""
    return " & " in str(contribution.get("feature", ""))


def factor_bars(screening: Screening | None, limit: int = 8) -> tuple[list[FactorBar], float]:
    """The largest factors (|points| ≥ 0.5) as bars scaled to the largest (width in steps of
    5 %, a CSS class each: no inline style), and the sum of the rest."""
    if screening is None or screening.p_long is None:
        return [], 0.0
    factors = sorted(screening.contributions, key=lambda c: -abs(float(c["points"])))
    shown = [c for c in factors if abs(float(c["points"])) >= 0.5][:limit]
    rest = sum(float(c["points"]) for c in factors if c not in shown)
    largest = max((abs(float(c["points"])) for c in shown), default=1.0) or 1.0
    bars = [
        FactorBar(
            str(c["label"]),
            float(c["points"]),
            max(5, round(abs(float(c["points"])) / largest * 20) * 5),
            is_pair(c),
        )
        for c in shown
    ]
    return bars, rest


def case_history(case: SpellCase, limit: int = 30) -> list[tuple[LogEntry, str]]:
    entries = LogEntry.objects.for_object(case)
    return [(entry, action_label(entry.action)) for entry in entries[:limit]]


def case_page(case: SpellCase, on: date) -> dict[str, Any]:
    """Everything the case page (and the printable case file) shows."""
    spell = case.spell
    screening = case.current_screening
    a = assessment(case, on)
    bars, rest = factor_bars(screening)
    return {
        "case": case,
        "spell": spell,
        "person": case.person,
        "screening": screening,
        "review": getattr(screening, "review", None) if screening else None,
        "bars": bars,
        "rest_points": rest,
        "followup": a.fu,
        "clock": a.clock,
        "timeline": law.timeline(spell, a.fu, a.clock, on),
        "plan": list(case.contact_plan.exclude(status=ContactDue.Status.CANCELLED)),
        "contacts": list(spell.contacts.select_related("recorded_by")),
        "alerts": list(Alert.objects.filter(spell=spell, cleared_at__isnull=True)),
        "screenings": list(case.screenings.select_related("review", "review__decided_by")),
        "weeks_sick": (on - spell.onset_date).days // 7,
        "limit_weeks": a.clock.limit_days // 7,
        "today": on,
        "employer_plan": case.return_plans.first(),
        "employer_plan_due": plan_expected_by(employer.facts(case)),
        "team_capacity": team_capacity.current(case.person.team_id),
    }


@dataclass(frozen=True)
class NextStep:
    """The one thing to do now on a case: what, by when, and where on the page."""

    text: str
    anchor: str
    when: date | None = None


def next_step(page: dict[str, Any], on: date) -> NextStep:
    """The most urgent thing on the case page: an awaiting review first (nothing else is
    planned before it), then a missed legal deadline, the limit without an extension ground,
    then the next planned contact."""
    case, review = page["case"], page["review"]
    if not case.is_open:
        return NextStep("Sagen er afsluttet. Der er ikke noget at gøre.", "historik")
    if review is not None and review.state == Review.State.AWAITING:
        return NextStep(
            "Vurdér det foreslåede spor: bekræft det, eller vælg et andet.", "vurdering"
        )
    planned = [d for d in page["plan"] if d.status == ContactDue.Status.PLANNED]
    late = [d for d in planned if d.deadline is not None and d.deadline < on]
    if late:
        first = min(late, key=lambda d: d.deadline)
        text = f"Hold {first.get_kind_display().lower()}: lovens frist var {dato(first.deadline)}."
        return NextStep(text, "kontaktplan", first.deadline)
    limit = page["clock"].limit_date
    if limit is not None and not case.extension_ground and (limit - on).days <= 28:
        text = "Tag stilling til forlængelse: registrér et forlængelsesgrundlag (§ 27) eller ej."
        return NextStep(text, "nye-oplysninger", limit)
    if planned:
        first = min(planned, key=lambda d: d.due)
        return NextStep(f"Forbered {first.get_kind_display().lower()}.", "kontaktplan", first.due)
    return NextStep("Ingen planlagte kontakter. Se kontaktplanen.", "kontaktplan")


# --------------------------------------------------------------------------- alerts


def _day_start(day: date) -> datetime:
    """Midnight at the start of `day`, local time: `stamp >= _day_start(d)` keeps the
    timestamp column's index usable, where `stamp__date__gte=d` casts every row."""
    return timezone.make_aware(datetime.combine(day, time.min))


def alerts_for(user: Any, code: str = "") -> QuerySet[Alert]:
    """Open alerts on the user's cases, earliest due first."""
    alerts = Alert.objects.filter(
        spell_id__in=cases_visible_to(user).values("pk"), cleared_at__isnull=True
    )
    if code:
        alerts = alerts.filter(code=code)
    return alerts.select_related("person", "spell").order_by(F("due").asc(nulls_last=True), "pk")


def recently_cleared(user: Any, on: date, days: int = 14) -> QuerySet[Alert]:
    return (
        Alert.objects.filter(
            spell_id__in=cases_visible_to(user).values("pk"),
            code__in=law.ALERT_CODES,
            cleared_at__gte=_day_start(on - timedelta(days=days)),
        )
        .select_related("person")
        .order_by("-cleared_at")
    )


# --------------------------------------------------------------------------- team overview


@dataclass(frozen=True)
class TrackLoad:
    track: str
    label: str
    proposed: int
    in_force: int
    hours_per_person: float
    hours_per_week: float


@dataclass(frozen=True)
class OverrideRate:
    label: str
    decided: int
    overridden: int

    @property
    def rate(self) -> float:
        return self.overridden / self.decided if self.decided else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.rate)


def _hours_per_person(stored: TeamCapacity | None) -> tuple[float, float, float]:
    """The team's `stored` hours per person by track, else the model's, else the defaults."""
    from sporskifte.screening.tracks import Capacity
    from sporskifte.sickness.screener import current_model

    model, _ = current_model()
    capacity = model.policy.capacity if model is not None else None
    hours = capacity.hours_per_person if capacity else Capacity(0, 0).hours_per_person
    fallback = (float(hours[0]), float(hours[1]), float(hours[2]))
    return team_capacity.hours_per_person(stored, fallback)


def track_loads(
    team: Team, since: date, weeks: int, hours: tuple[float, float, float]
) -> list[TrackLoad]:
    """New cases (spells begun in the period: the inflow) by proposed track and by the track in
    force, and the weekly hours they need at the track's hours per person (the steady-state
    workload of `screening.tracks`). An imported backlog is not inflow: see `backlog`."""
    new = SpellCase.objects.filter(person__team=team, spell__onset_date__gte=since)
    proposed = dict(
        new.values_list("current_screening__proposed_track")
        .annotate(n=Count("pk"))
        .values_list("current_screening__proposed_track", "n")
    )
    in_force = dict(new.values("track").annotate(n=Count("pk")).values_list("track", "n"))
    return [
        TrackLoad(
            track.value,
            track.label,
            proposed.get(track.value, 0),
            in_force.get(track.value, 0),
            hours[i],
            in_force.get(track.value, 0) / weeks * hours[i],
        )
        for i, track in enumerate(Track)
    ]


def backlog(team: Team | None = None) -> dict[str, int]:
    """Open cases by track whose spell was already running past the application window when
    the case was opened (an imported register backlog): a one-off amount of work."""
    cases = SpellCase.objects.filter(closed_at__isnull=True)
    if team is not None:
        cases = cases.filter(person__team=team)
    rows = cases.values_list("track", "opened_on", "spell__onset_date").iterator(chunk_size=5000)
    out: dict[str, int] = {}
    window = timedelta(weeks=AT_APPLICATION_WEEKS)
    for track, opened, onset in rows:
        if opened - onset > window:
            out[track] = out.get(track, 0) + 1
    return out


def override_rates(team: Team, since: date) -> tuple[list[OverrideRate], list[OverrideRate]]:
    """(by caseworker, by proposed track): decided reviews and how many chose another track."""
    decided = Review.objects.filter(
        screening__case__person__team=team,
        decided_at__gte=_day_start(since),
        state__in=(Review.State.CONFIRMED, Review.State.OVERRIDDEN),
    )
    counts = {"n": Count("pk"), "over": Count("pk", filter=Q(state=Review.State.OVERRIDDEN))}
    by_user = decided.values("decided_by__username", "decided_by__first_name").annotate(**counts)
    by_track = decided.values("proposed_track").annotate(**counts)
    users = [
        OverrideRate(r["decided_by__first_name"] or r["decided_by__username"], r["n"], r["over"])
        for r in by_user.order_by("decided_by__username")
    ]
    labels = dict(Track.choices)
    tracks = [
        OverrideRate(labels.get(r["proposed_track"], r["proposed_track"]), r["n"], r["over"])
        for r in by_track.order_by("proposed_track")
    ]
    return users, tracks


def overdue_work(team: Team, on: date) -> dict[str, Any]:
    cases = SpellCase.objects.filter(person__team=team, closed_at__isnull=True)
    late_dues = ContactDue.objects.filter(
        case__in=cases, status=ContactDue.Status.PLANNED, due__lt=on
    )
    stale = on - timedelta(days=7)
    alerts = Alert.objects.filter(spell_id__in=cases.values("pk"), cleared_at__isnull=True)
    return {
        "overdue_contacts": late_dues.count(),
        "overdue_legal": late_dues.filter(legal=True, deadline__lt=on).count(),
        "stale_reviews": cases.filter(
            current_screening__review__state=Review.State.AWAITING, opened_on__lt=stale
        ).count(),
        "alerts_by_code": [
            (law.ALERT_LABELS.get(r["code"], r["code"]), r["n"])
            for r in alerts.values("code").annotate(n=Count("pk")).order_by("code")
        ],
        "oldest": list(
            cases.filter(next_due__lt=on).select_related("person").order_by("next_due")[:15]
        ),
    }


def team_overview(user: Any, team: Team, on: date, weeks: int = 12) -> dict[str, Any]:
    """The team leader's view: load against capacity, override rates, overdue work."""
    require_team_access(user, team, Perm.TEAM_OVERVIEW)
    since = on - timedelta(weeks=weeks)
    stored = team_capacity.current(team.pk)
    per_person = _hours_per_person(stored)
    loads = track_loads(team, since, weeks, per_person)
    by_user, by_track = override_rates(team, since)
    demand = sum(load.hours_per_week for load in loads)
    hours = team_capacity.weekly_hours(team, stored)
    work = workload(
        {load.track: load.in_force for load in loads}, weeks, backlog(team), per_person, hours,
    )  # fmt: skip
    return {
        "work": work,
        "at_application_weeks": AT_APPLICATION_WEEKS,
        "team": team,
        "weeks": weeks,
        "since": since,
        "loads": loads,
        "demand": demand,
        "capacity": hours,
        "over_capacity": work.over_capacity,
        "by_user": by_user,
        "by_track": by_track,
        "overdue": overdue_work(team, on),
    }
