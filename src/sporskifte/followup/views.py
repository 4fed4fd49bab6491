"""Results follow-up, model monitoring and the capacity and budget planner: thin views over
`queries` (aggregated in the database) and the pure `planning` modules. The one change made
here is a team's stored capacity, through the audited action `sickness.actions.set_capacity`
(`capacity_section`)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from xhtml2pdf import pisa

from sporskifte.accounts.permissions import Perm, require
from sporskifte.followup import aggregates, charts, queries
from sporskifte.followup import monitoring as monitoring_page
from sporskifte.followup.capacity_section import capacity_section
from sporskifte.followup.forms import (
    DimensionForm,
    MonthForm,
    PlannerForm,
    last_twelve_months,
)
from sporskifte.lib.csvsafe import excel_csv
from sporskifte.planning import budget, monitoring, outcomes
from sporskifte.planning.workload import AT_APPLICATION_WEEKS, workload
from sporskifte.screening import fairness
from sporskifte.screening.tracks import TRACK_LABELS, TRACKS, Capacity
from sporskifte.sickness.queries import backlog
from sporskifte.transition.policy import NEXT_STEP_LABELS, SCHEME_LABELS

INFLOW_WEEKS = 12
DEFAULT_HOURS = Capacity(0, 0).hours_per_person
REVIEW_HOURS = Capacity(0, 0).review_hours


def _dimension(request: HttpRequest) -> str:
    form = DimensionForm(request.GET)
    by = form.cleaned_data.get("by") if form.is_valid() else ""
    return by or "track"


def _destinations() -> tuple[list[dict[str, Any]], list[str]]:
    records = [
        {"ordning": SCHEME_LABELS.get(s, s), "til": NEXT_STEP_LABELS.get(r, r), "antal": n}
        for s, r, n in queries.course_destinations()
    ]
    order = sorted({str(r["til"]) for r in records})
    return records, order


@login_required
def outcomes_view(request: HttpRequest) -> HttpResponse:
    """Share back at work, survival curves and end reasons by track, district or month."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    dimension = _dimension(request)
    label = queries.DIMENSIONS[dimension]
    stored = aggregates.read(aggregates.OUTCOMES + dimension)
    groups = stored.data["groups"]
    destinations, order = _destinations()
    context = {
        "form": DimensionForm(initial={"by": dimension}), "dimension": dimension,
        "dimension_label": label, "groups": groups, "months_back": queries.MONTHS_BACK,
        "horizons": outcomes.HORIZONS, "min_followed": outcomes.MIN_FOLLOWED,
        "no_track": queries.NO_TRACK, "stored": stored,
        "reasons": outcomes.END_REASON_LABELS, "total": stored.data["total"],
        "reason_rows": [
            (g["group"], [g["end_reasons"].get(r, 0) for r in outcomes.END_REASON_LABELS])
            for g in groups
        ],
        "survival_chart": stored.data["survival_chart"],
        "work_chart": stored.data["work_chart"],
        "destinations": destinations,
        "destination_chart": charts.course_destinations(destinations, order),
    }  # fmt: skip
    return render(request, "followup/outcomes.html", context)


def _csv(name: str, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> HttpResponse:
    """A download for people to open in Excel: the Danish spreadsheet dialect."""
    response = HttpResponse(excel_csv(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def outcomes_csv(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.FOLLOWUP_VIEW)
    dimension = _dimension(request)
    groups = aggregates.read(aggregates.OUTCOMES + dimension).data["groups"]
    rows = [aggregates.outcome_csv_row(g) for g in groups]
    name = f"resultater-{dimension}-{timezone.localdate():%Y%m%d}.csv"
    return _csv(name, outcomes.CSV_COLUMNS, rows)


@login_required
def courses_csv(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.FOLLOWUP_VIEW)
    rows = [
        {"ordning": s, "afslutningsaarsag": r, "antal": n}
        for s, r, n in queries.course_destinations()
    ]
    name = f"forloeb-efter-afslutning-{timezone.localdate():%Y%m%d}.csv"
    return _csv(name, ("ordning", "afslutningsaarsag", "antal"), rows)


def _planner_form(request: HttpRequest, hours: float) -> PlannerForm:
    if "capacity" in request.GET:
        return PlannerForm(request.GET)
    return PlannerForm(initial={"capacity": hours})


def _what_if(form: PlannerForm, inflow: float) -> budget.WhatIf | None:
    if not form.is_valid():
        return None
    p, exempt = queries.screened_open_cases()
    d = form.cleaned_data
    capacity = Capacity(
        d["capacity"], inflow, (d["hours_track1"], d["hours_track2"], d["hours_track3"])
    )
    return budget.what_if(p, exempt, capacity)


def _open_hours(form: PlannerForm) -> list[dict[str, Any]]:
    by_track = queries.open_cases_by_track()
    per = [form.cleaned_data[f"hours_track{k}"] for k in (1, 2, 3)] if form.is_valid() else []
    rows = []
    for k, track in enumerate(TRACKS):
        n = by_track.get(track, 0)
        rows.append({"label": TRACK_LABELS[track], "cases": n, "hours": per[k] if per else None})
    return rows


@login_required
def planner(request: HttpRequest) -> HttpResponse:
    """Capacity and budget: a team's stored capacity (set here, POST), teams, hours, BI05
    against spending, and the what-if (GET, nothing stored)."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    section = capacity_section(request)
    if isinstance(section, HttpResponse):
        return section
    teams = queries.teams()
    hours = queries.total_weekly_hours(teams)
    form = _planner_form(request, hours)
    inflow = queries.weekly_inflow(timezone.localdate())
    result = _what_if(form, inflow)
    d = form.cleaned_data if form.is_valid() else {}
    cost = d.get("cost_per_fte", budget.DEFAULT_COST_PER_FTE)
    capacity = d.get("capacity", hours)
    per_person = tuple(
        d.get(f"hours_track{k}", v) for k, v in zip((1, 2, 3), DEFAULT_HOURS, strict=True)
    )
    new = queries.new_cases_by_track(timezone.localdate(), INFLOW_WEEKS)
    work = workload(
        {t: round(n * INFLOW_WEEKS) for t, n in new.items()}, INFLOW_WEEKS,
        backlog(None), per_person, capacity,
    )  # fmt: skip
    funded = budget.funded_lines(new, per_person, REVIEW_HOURS, cost)
    teams_budget = budget.team_budget(capacity, work.steady_hours, work.backlog_hours, cost)
    records = [
        {"linje": f"{f.line.year} {f.line.label}", "serie": serie, "mio": round(v / 1e6, 2)}
        for f in funded
        for serie, v in (
            ("Budget (BI05)", f.line.amount_dkk),
            ("Forbrug, det finansierer", f.spending),
        )
    ]
    context = {
        "form": form, "teams": teams, "total_hours": hours,
        "total_fte": budget.fte(hours), "inflow": inflow, "result": result,
        "track_labels": TRACK_LABELS, "open_hours": _open_hours(form),
        "funded": funded, "source": budget.BI05_SOURCE, "teams_budget": teams_budget,
        "budget_chart": charts.budget(records), "cost": cost, "work": work,
        "inflow_weeks": INFLOW_WEEKS, "at_application_weeks": AT_APPLICATION_WEEKS,
        "hours_per_fte_year": budget.HOURS_PER_FTE_YEAR, "capacity": capacity, **section,
    }  # fmt: skip
    return render(request, "followup/planner.html", context)


@login_required
def monitoring_view(request: HttpRequest) -> HttpResponse:
    """Calibration by design, input drift, override rates and the live fairness audit, each
    warning with what it means and what to do."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    stored = aggregates.read(aggregates.MONITORING)
    context = {
        **stored.data, "stored": stored, "m": monitoring,
        "fairness_min": monitoring_page.FAIRNESS_MIN_SPELLS, "min_group": fairness.MIN_GROUP,
        "tolerance": fairness.TOLERANCE, "metric_labels": monitoring_page.METRIC_LABELS,
    }  # fmt: skip
    return render(request, "followup/monitoring.html", context)


def _month_bounds(label: str) -> tuple[date, date]:
    year, month = (int(x) for x in label.split("-"))
    start = date(year, month, 1)
    return start, queries.month_start(start, -1)


def _summary_context(request: HttpRequest) -> dict[str, Any]:
    months = last_twelve_months()
    form = MonthForm(request.GET)
    label = (form.cleaned_data.get("maaned") if form.is_valid() else "") or months[0]
    start, end = _month_bounds(label)
    figures = queries.month_figures(start, end)
    stored = aggregates.read(aggregates.OUTCOMES + "track")
    groups, overall = stored.data["groups"], stored.data["overall"]
    overrides = monitoring.OverridePeriod(label, figures["confirmed"], figures["overridden"])
    hours = queries.total_weekly_hours()
    new = queries.new_cases_by_track(timezone.localdate(), INFLOW_WEEKS)
    funded = budget.funded_lines(new, DEFAULT_HOURS, REVIEW_HOURS, budget.DEFAULT_COST_PER_FTE)
    return {
        "form": MonthForm(initial={"maaned": label}), "month": label, "month_start": start,
        "figures": figures, "overall": overall, "groups": groups, "horizons": outcomes.HORIZONS,
        "overrides": overrides,
        "opened_rows": [
            (TRACK_LABELS[t], figures["opened_by_track"].get(t, 0),
             figures["backlog_by_track"].get(t, 0))
            for t in TRACKS
        ],
        "warning_count": len(aggregates.read(aggregates.MONITORING).data["warnings"]),
        "stored": stored, "work_chart": stored.data["work_chart"],
        "funded": [f for f in funded if f.line.year == start.year],
        "cost": budget.DEFAULT_COST_PER_FTE, "hours": hours,
    }  # fmt: skip


@login_required
def summary(request: HttpRequest) -> HttpResponse:
    """The month's management summary on one page."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    context = _summary_context(request)
    return render(request, "followup/summary.html", context)


@login_required
def summary_pdf(request: HttpRequest) -> HttpResponse:
    """The same summary as a one-page PDF (xhtml2pdf)."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    context = _summary_context(request)
    context["work_chart"] = context["stored"].data["work_chart_png"]
    html = render_to_string("followup/summary_pdf.html", context)
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise RuntimeError(f"xhtml2pdf failed with {result.err} error(s)")
    response = HttpResponse(out.getvalue(), content_type="application/pdf")
    name = f"ledelsesresume-{context['month']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
