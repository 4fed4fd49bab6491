"""Thin views over the phase-out actions: each asks `casework.permissions` (through the
actions) and calls one action; the pages are Danish, DKFDS, no inline script or style."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import (
    Perm,
    get_letter_batch_for_user,
    get_person_for_user,
    has_perm,
    require,
    sees_all_teams,
)
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.log import action_label, log
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.models import Alert
from sporskifte.lib.csvsafe import excel_csv
from sporskifte.transition import actions, charts, letters, projection
from sporskifte.transition import facts as casefile
from sporskifte.transition.forms import DecideForm, GrantForm, LetterBatchForm, OverviewFilterForm
from sporskifte.transition.models import CourseGrant, Letter, LetterBatch
from sporskifte.transition.policy import (
    FLAG_LABELS,
    NEXT_STEP_LABELS,
    PRECHECK_LABELS,
    SCHEME_LABELS,
    SCHEMES,
    Selection,
)

PAGE_SIZE = 50
LABELS = {
    "schemes": SCHEME_LABELS,
    "next_steps": NEXT_STEP_LABELS,
    "prechecks": PRECHECK_LABELS,
    "flags": FLAG_LABELS,
}


def present(row: Any) -> dict[str, Any]:
    """What the pages show of one course (a plain dict: templates cannot index by value)."""
    course, status = row.course, row.status
    return {
        "course": course,
        "name": course.person.name if course.person else f"Ukendt person ({course.person_key})",
        "scheme": SCHEME_LABELS.get(course.scheme, course.scheme),
        "end_date": status.end_date,
        "end_reasons": status.end.reasons,
        "end_provisional": status.end.provisional,
        "months_left": status.months_left,
        "next_step": NEXT_STEP_LABELS.get(status.facts.next_step or "", ""),
        "next_step_date": status.facts.next_step_decided_date,
        "precheck": status.precheck.value,
        "precheck_label": PRECHECK_LABELS[status.precheck.value],
        "precheck_provisional": status.precheck.provisional,
        "reasons": status.precheck.reasons,
        "household_known": status.household_known,
        "last_contact": status.last_contact,
        "flags": status.flags,
    }


def _selection(form: OverviewFilterForm) -> Selection | None:
    if not form.is_bound:
        return Selection()
    if not form.is_valid():
        return None
    data = form.cleaned_data
    return Selection(
        scheme=data["scheme"] or None,
        within_months=data["within"],
        no_next_step=bool(data["no_next_step"]),
        flag=data["flag"] or None,
    )


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Running courses by month of end, and person by person, filtered and paginated."""
    rows = actions.overview_rows(request.user)
    form = OverviewFilterForm(request.GET or None)
    selection = _selection(form)
    chosen = [r for r in rows if selection.matches(r.status)] if selection else []
    page = Paginator(chosen, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    table = projection.by_end_month(r.status for r in rows)
    log("transition.overview", actor=request.user, detail={"shown": len(page.object_list)})
    context = {
        "form": form, "page": page, "items": [present(r) for r in page.object_list],
        "query": query.urlencode(), "total": len(rows),
        "chosen": len(chosen), "month_rows": _month_rows(table),
        "scheme_headers": [SCHEME_LABELS[s] for s in SCHEMES],
        "chart": charts.end_months(table), "scheme_totals": _scheme_totals(table),
        "all_teams": sees_all_teams(request.user),
        "can_batch": has_perm(request.user, Perm.TRANSITION_LETTER_BATCH),
        "today": timezone.localdate(),
        "organisation_rows": _organisation_rows(rows),
    }  # fmt: skip
    return render(request, "transition/overview.html", context)


def _organisation_rows(rows: list[Any]) -> list[tuple[str, list[int], int, int]]:
    """Running courses by the administration whose team has the person: (name, per scheme,
    total, with an open flag). Courses whose person is not in the register count as unknown."""
    names = {t.pk: t.organisation.name if t.organisation else "Uden forvaltning"
             for t in Team.objects.select_related("organisation")}  # fmt: skip
    counts: dict[str, dict[str, int]] = {}
    flagged: dict[str, int] = {}
    for r in rows:
        person = r.course.person
        name = names.get(person.team_id, "Ukendt") if person else "Ukendt person"
        by_scheme = counts.setdefault(name, dict.fromkeys(SCHEMES, 0))
        by_scheme[r.status.facts.scheme] = by_scheme.get(r.status.facts.scheme, 0) + 1
        flagged[name] = flagged.get(name, 0) + (1 if r.status.flags else 0)
    return [
        (name, [c[s] for s in SCHEMES], sum(c.values()), flagged[name])
        for name, c in sorted(counts.items())
    ]


def _scheme_totals(table: list[tuple[Any, dict[str, int]]]) -> list[int]:
    return [sum(counts[s] for _, counts in table) for s in SCHEMES]


def _month_rows(table: list[tuple[Any, dict[str, int]]]) -> list[tuple[Any, list[int], int]]:
    return [(m, [c[s] for s in SCHEMES], sum(c.values())) for m, c in table]


def _course_context(request: HttpRequest, course: Any, status: Any) -> dict[str, Any]:
    user = request.user
    history = LogEntry.objects.for_object(course)
    return {
        "course": course, "status": status, "labels": LABELS,
        "item": present(casefile.Row(course, status)),
        "decisions": course.next_step_decisions.select_related("decided_by")[:20],
        "letters": Letter.objects.filter(course=course).defer("pdf")[:20],
        "alerts": Alert.objects.filter(course=course, cleared_at__isnull=True),
        "grants": CourseGrant.objects.filter(person=course.person)[:10] if course.person else [],
        "history": [(e, action_label(e.action)) for e in history[:20]],
        "can_decide": has_perm(user, Perm.TRANSITION_DECIDE),
        "can_letter": has_perm(user, Perm.TRANSITION_LETTER) and course.person is not None,
        "can_grant": has_perm(user, Perm.TRANSITION_GRANT) and course.person is not None,
    }  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def course_detail(request: HttpRequest, course_id: int) -> HttpResponse:
    """One course: where it stands, its flags, and the next-step decision."""
    if request.method == "POST":
        require(request.user, Perm.TRANSITION_DECIDE)
    course, status = actions.view_course(request.user, course_id)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.decide_next_step(request.user, course.pk, **form.cleaned_data)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, "Næste skridt er gemt, og advarslerne er opdateret.")
            return redirect("transition-course", course_id=course.pk)
    context = _course_context(request, course, status) | {"form": form}
    return render(request, "transition/course_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def course_letter(request: HttpRequest, course_id: int) -> HttpResponse:
    """GET: preview the letter (the page, or `?pdf=1` a sample PDF, nothing kept); POST: make
    the letter and keep it on the case file."""
    if request.method == "GET":
        try:
            course, letter_context = actions.preview_letter(request.user, course_id)
        except ActionRefused as refused:
            messages.error(request, refused.message)
            return redirect("transition-course", course_id=course_id)
        if request.GET.get("pdf"):
            response = HttpResponse(letters.render_pdf(letter_context), "application/pdf")
            response["Content-Disposition"] = 'inline; filename="udkast.pdf"'
            return response
        context = {"course": course, "preview": letters.preview_html(letter_context)}
        return render(request, "transition/letter_preview.html", context)
    try:
        letter = actions.generate_letter(request.user, course_id)
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"Brevet er dannet og gemt på sagen ({letter.filename}).")
    return redirect("transition-course", course_id=course_id)


@login_required
def letter_download(request: HttpRequest, letter_id: int) -> HttpResponse:
    letter = actions.download_letter(request.user, letter_id)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    name = letters.safe_filename_part(letter.filename.removesuffix(".pdf"), 110) + ".pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def grant(request: HttpRequest, person_id: int) -> HttpResponse:
    """Grant a new course, or be refused with the legal reason (the refusal is recorded)."""
    person = get_person_for_user(request.user, person_id, Perm.TRANSITION_GRANT)
    form = GrantForm(request.POST or None)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = actions.GrantInput(**form.cleaned_data, channel="web")
        try:
            result = actions.grant_course(request.user, person.pk, data)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
            refusal = refused.reasons
        else:
            if result.outcome == CourseGrant.Outcome.GRANTED and result.course:
                messages.success(request, "Forløbet er bevilget.")
                return redirect("transition-course", course_id=result.course.pk)
            form.add_error(None, "Forløbet kan ikke bevilges efter reglerne på visitationsdatoen.")
            refusal = result.reasons
    grants = CourseGrant.objects.filter(person=person).select_related("course")[:10]
    if request.method == "GET":
        log("transition.grant_view", actor=request.user, obj=person)
    context = {"person": person, "form": form, "refusal": refusal, "grants": grants,
               "labels": LABELS}  # fmt: skip
    return render(request, "transition/grant.html", context)


@login_required
def forecast(request: HttpRequest) -> HttpResponse:
    """The monthly stock of each scheme and the expected leavers without benefit."""
    rows = actions.forecast_rows(request.user)
    fc = projection.forecast([r.status for r in rows], timezone.localdate())
    context = {
        "fc": fc, "total": len(rows),
        "table_rows": _forecast_rows(fc), "scheme_headers": [SCHEME_LABELS[s] for s in SCHEMES],
        "stock_chart": charts.stock(fc), "benefit_chart": charts.without_benefit(fc),
    }  # fmt: skip
    return render(request, "transition/forecast.html", context)


def _forecast_rows(fc: projection.Forecast) -> list[tuple[Any, list[int], projection.ForecastRow]]:
    months: dict[Any, dict[str, projection.ForecastRow]] = {}
    for row in fc.rows:
        months.setdefault(row.month, {})[row.scheme] = row
    return [
        (month, [by[s].stock for s in SCHEMES], by[projection.ALL])
        for month, by in sorted(months.items())
    ]


@login_required
def forecast_csv(request: HttpRequest) -> HttpResponse:
    rows = actions.export_forecast(request.user)
    fc = projection.forecast([r.status for r in rows], timezone.localdate())
    body = excel_csv(projection.FORECAST_COLUMNS, fc.table_rows())
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    name = f"prognose-udfasning-{fc.on:%Y%m%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def letter_batch_start(request: HttpRequest) -> HttpResponse:
    """A team leader picks a month; letters go to everyone in the team ending then."""
    require(request.user, Perm.TRANSITION_LETTER_BATCH)
    form = LetterBatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        batch = actions.start_letter_batch(request.user, form.cleaned_data["month"])
        return redirect("transition-letter-batch", batch_id=batch.pk)
    team: Any = getattr(request.user, "team", None)
    batches = LetterBatch.objects.filter(team=team)[:10]
    return render(request, "transition/letter_batch_start.html", {"form": form, "batches": batches})


@login_required
def letter_batch(request: HttpRequest, batch_id: int) -> HttpResponse:
    batch = get_letter_batch_for_user(request.user, batch_id)
    return render(request, "transition/letter_batch.html", {"batch": batch, "skipped": []})


@login_required
@require_POST
def letter_batch_step(request: HttpRequest, batch_id: int) -> HttpResponse:
    """Make the next few letters; htmx swaps the progress in place, without it the page
    reloads (and the citizen-facing work goes on one click at a time)."""
    result = actions.run_letter_batch(request.user, batch_id, size=5)
    context = {"batch": result.batch, "skipped": result.skipped}
    if request.headers.get("HX-Request"):
        return render(request, "transition/includes/batch_progress.html", context)
    return redirect("transition-letter-batch", batch_id=batch_id)
