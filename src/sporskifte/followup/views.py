"""Results follow-up, model monitoring and the capacity and budget planner: thin views over
`queries` (aggregated in the database) and the pure `planning` modules. Read-only: nothing
here changes data, so there is no action to audit."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from xhtml2pdf import pisa

from sporskifte.accounts.permissions import Perm, require
from sporskifte.followup import charts, queries
from sporskifte.followup.forms import (
    DimensionForm,
    MonthForm,
    PlannerForm,
    last_twelve_months,
)
from sporskifte.planning import budget, monitoring, outcomes
from sporskifte.screening import fairness
from sporskifte.screening.evaluate import Outcomes
from sporskifte.screening.tracks import TRACK_LABELS, TRACKS, Capacity
from sporskifte.transition.policy import NEXT_STEP_LABELS, SCHEME_LABELS

METRIC_LABELS = {
    "calibration_in_the_large": "Kalibrering (forudsagt minus observeret)",
    "auc": "Evne til at skelne (AUC)",
    "false_short_rate": "Lange forløb vurderet som korte",
}


def _dimension(request: HttpRequest) -> str:
    form = DimensionForm(request.GET)
    by = form.cleaned_data.get("by") if form.is_valid() else ""
    return by or "track"


def _outcome_groups(dimension: str) -> list[outcomes.GroupOutcome]:
    return outcomes.by_group_arrays(*queries.spell_rows(dimension))


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
    groups = _outcome_groups(dimension)
    destinations, order = _destinations()
    context = {
        "form": DimensionForm(initial={"by": dimension}), "dimension": dimension,
        "dimension_label": label, "groups": groups, "months_back": queries.MONTHS_BACK,
        "horizons": outcomes.HORIZONS,
        "reasons": outcomes.END_REASON_LABELS, "total": sum(g.spells for g in groups),
        "reason_rows": [
            (g.group, [g.end_reasons.get(r, 0) for r in outcomes.END_REASON_LABELS])
            for g in groups
        ],
        "survival_chart": charts.survival(groups, label),
        "work_chart": charts.back_at_work(groups, label),
        "destinations": destinations,
        "destination_chart": charts.course_destinations(destinations, order),
    }  # fmt: skip
    return render(request, "followup/outcomes.html", context)


def _csv(name: str, columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def outcomes_csv(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.FOLLOWUP_VIEW)
    dimension = _dimension(request)
    rows = [outcomes.csv_row(g) for g in _outcome_groups(dimension)]
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


def _budget_rows(hours: float, cost: float) -> list[budget.YearComparison]:
    return budget.compare({y: hours for y in budget.totals_by_year()}, cost)


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
    """Capacity and budget: teams, hours, BI05 against spending, and the what-if."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    hours = queries.total_weekly_hours()
    form = _planner_form(request, hours)
    inflow = queries.weekly_inflow(timezone.localdate())
    result = _what_if(form, inflow)
    cost = form.cleaned_data["cost_per_fte"] if form.is_valid() else budget.DEFAULT_COST_PER_FTE
    capacity = form.cleaned_data["capacity"] if form.is_valid() else hours
    years = _budget_rows(capacity, cost)
    records = [
        {"år": str(r.year), "serie": serie, "mio": round(v / 1e6, 2)}
        for r in years
        for serie, v in (("Budget (BI05)", r.budget), ("Forbrug", r.spending))
    ]
    context = {
        "form": form, "teams": queries.teams(), "total_hours": hours,
        "total_fte": budget.fte(hours), "inflow": inflow, "result": result,
        "track_labels": TRACK_LABELS, "open_hours": _open_hours(form),
        "lines": budget.BI05_LINES, "years": years, "source": budget.BI05_SOURCE,
        "budget_chart": charts.budget(records), "cost": cost,
        "hours_per_fte_year": budget.HOURS_PER_FTE_YEAR,
    }  # fmt: skip
    return render(request, "followup/planner.html", context)


def _drift(today: Any) -> tuple[list[monitoring.Drift], bool]:
    """Inputs of the last 26 weeks' spells against the training data's distributions kept
    with the model in use; without them, against the 52 weeks before. Returns the drifts and
    whether the training data was the reference."""
    current = (today - timedelta(weeks=26), today + timedelta(days=1))
    training = _training_distributions()
    if training:
        counts = queries.input_counts(current, current)
        drifts = [
            monitoring.Drift(label, monitoring.psi_from_counts(training[field], counts[field][1]))
            for field, label in queries.DRIFT_INPUTS.items()
            if field in training
        ]
        return drifts, True
    reference = (today - timedelta(weeks=78), current[0])
    counts = queries.input_counts(reference, current)
    drifts = [
        monitoring.Drift(label, monitoring.psi_from_counts(*counts[field]))
        for field, label in queries.DRIFT_INPUTS.items()
    ]
    return drifts, False


def _training_distributions() -> dict[str, dict[str, float]] | None:
    from sporskifte.sickness.screener import current_model

    model, _ = current_model()
    return model.metadata.get("input_distributions") if model is not None else None


FAIRNESS_MIN_SPELLS = 200
FALLBACK_THRESHOLD = 0.5


def _threshold() -> float:
    """The track-3 threshold of the model in use (its training policy), else 0.5."""
    from sporskifte.sickness.screener import current_model

    model, _ = current_model()
    return float(model.policy.threshold) if model is not None else FALLBACK_THRESHOLD


def _fairness() -> tuple[list[dict[str, Any]], int, float] | None:
    """The fairness audit of the screening model (`screening.fairness`) on live spells with
    known outcomes: (flagged rows, rows audited, threshold); None with too few spells."""
    frame = queries.fairness_frame()
    if len(frame) < FAIRNESS_MIN_SPELLS:
        return None
    threshold = _threshold()
    history = Outcomes.from_history(frame["duration"], frame["ended"].fillna(False), 26.0)
    table = fairness.audit(
        history, frame["p_long"].to_numpy(float), fairness.audit_groups(frame), threshold,
        n_boot=0,
    )  # fmt: skip
    flagged = [
        {str(k): v for k, v in row.items()} for row in table[table["flagged"]].to_dict("records")
    ]
    return flagged, len(table), threshold


@login_required
def monitoring_view(request: HttpRequest) -> HttpResponse:
    """Calibration over time, input drift and override rates, with stated thresholds."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    drift, against_training = _drift(timezone.localdate())
    calibration = monitoring.calibration_by_period(queries.calibration_rows())
    overrides = [monitoring.OverridePeriod(*row) for row in queries.override_counts()]
    warnings = [d for d in drift if d.warning] + [c for c in calibration if c.warning]
    audit = _fairness()
    context = {
        "drift": drift, "drift_against_training": against_training,
        "calibration": calibration, "overrides": overrides,
        "warning_count": len(warnings) + sum(o.warning for o in overrides)
        + (len(audit[0]) if audit else 0),
        "m": monitoring, "audit": audit, "fairness_min": FAIRNESS_MIN_SPELLS,
        "tolerance": fairness.TOLERANCE, "metric_labels": METRIC_LABELS,
    }  # fmt: skip
    return render(request, "followup/monitoring.html", context)


def _month_bounds(label: str) -> tuple[date, date]:
    year, month = (int(x) for x in label.split("-"))
    start = date(year, month, 1)
    return start, queries.month_start(start, -1)


def _summary_context(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    months = last_twelve_months()
    form = MonthForm(request.GET)
    label = (form.cleaned_data.get("maaned") if form.is_valid() else "") or months[0]
    start, end = _month_bounds(label)
    figures = queries.month_figures(start, end)
    labels, spells = queries.spell_rows("track")
    groups = outcomes.by_group_arrays(labels, spells)
    overall = outcomes.group_outcome("I alt", spells)
    overrides = monitoring.OverridePeriod(label, figures["confirmed"], figures["overridden"])
    drift, _ = _drift(today)
    calibration = monitoring.calibration_by_period(queries.calibration_rows())
    hours = queries.total_weekly_hours()
    year = budget.compare({start.year: hours}, budget.DEFAULT_COST_PER_FTE)
    return {
        "form": MonthForm(initial={"maaned": label}), "month": label,
        "figures": figures, "overall": overall, "groups": groups, "horizons": outcomes.HORIZONS,
        "overrides": overrides,
        "opened_rows": [
            (TRACK_LABELS[t], figures["opened_by_track"].get(t, 0)) for t in TRACKS
        ],
        "warning_count": sum(d.warning for d in drift) + sum(c.warning for c in calibration),
        "budget_year": next((y for y in year if y.year == start.year), None),
        "cost": budget.DEFAULT_COST_PER_FTE, "hours": hours,
    }  # fmt: skip


@login_required
def summary(request: HttpRequest) -> HttpResponse:
    """The month's management summary on one page."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    context = _summary_context(request)
    context["work_chart"] = charts.back_at_work(context["groups"], "Spor")
    return render(request, "followup/summary.html", context)


@login_required
def summary_pdf(request: HttpRequest) -> HttpResponse:
    """The same summary as a one-page PDF (xhtml2pdf)."""
    require(request.user, Perm.FOLLOWUP_VIEW)
    context = _summary_context(request)
    context["work_chart"] = charts.back_at_work(context["groups"], "Spor", png=True)
    html = render_to_string("followup/summary_pdf.html", context)
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise RuntimeError(f"xhtml2pdf failed with {result.err} error(s)")
    response = HttpResponse(out.getvalue(), content_type="application/pdf")
    name = f"ledelsesresume-{context['month']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
