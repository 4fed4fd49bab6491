"""Thin views of the caseworker's screening workflow: each asks permissions (through the
actions and `casework.permissions`) and calls one action or one query."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import (
    Perm,
    get_case_for_user,
    get_due_for_user,
    has_perm,
    require,
    sees_all_teams,
)
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.log import log
from sporskifte.lib import danish
from sporskifte.sickness import actions, forms, law, queries, screener
from sporskifte.sickness.actions import today
from sporskifte.sickness.models import ContactDue


def _worklist_query(form: forms.WorklistFilterForm) -> queries.WorklistQuery:
    if not form.is_valid():
        return queries.WorklistQuery()
    d = form.cleaned_data
    return queries.WorklistQuery(
        status=d.get("status") or "",
        track=d.get("track") or "",
        district=d.get("district") or "",
        sort=d.get("sort") or "deadline",
        team_id=d.get("team"),
        page=d.get("side") or 1,
        search=d.get("q") or "",
    )


def _teams_for(user: Any) -> list[tuple[int, str]] | None:
    if not sees_all_teams(user):
        return None
    return list(Team.objects.values_list("pk", "name"))


_SAVED_FILTERS = "worklist_filters"
_FILTER_NAMES = ("status", "track", "district", "sort", "team")


def _filters(request: HttpRequest) -> tuple[Any, bool]:
    """The worklist's filters: those in the address, else those the user chose last time
    (kept in the session, never the search text: it may be a CPR number)."""
    if "nulstil" in request.GET:
        request.session.pop(_SAVED_FILTERS, None)
        return None, False
    if request.GET:
        saved = {k: request.GET[k] for k in _FILTER_NAMES if request.GET.get(k)}
        request.session[_SAVED_FILTERS] = saved
        return request.GET, False
    saved = request.session.get(_SAVED_FILTERS) or {}
    return (saved, True) if saved else (None, False)


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.CASE_VIEW)
    data, restored = _filters(request)
    form = forms.WorklistFilterForm(data, teams=_teams_for(request.user))
    q = _worklist_query(form)
    result = queries.worklist(request.user, q, today())
    log(
        "worklist.view",
        actor=request.user,
        label="Arbejdsliste",
        detail={
            "status": q.status,
            "search": bool(q.search),
            "track": q.track,
            "district": q.district,
            "sort": q.sort,
            "page": result.page,
            "rows": len(result.rows),
        },
    )
    params = QueryDict(mutable=True)
    params.update({k: v for k, v in (data or {}).items() if k != "side"})
    context = {
        "form": form,
        "restored": restored,
        "result": result,
        "query": params.urlencode(),
        "statuses": queries.STATUSES,
        "today": today(),
        "model": screener.model_status(),
    }
    template = "sickness/_worklist_table.html"
    if not request.headers.get("HX-Request"):
        template = "sickness/worklist.html"
    return render(request, template, context)


def _case_context(request: HttpRequest, case: Any) -> dict[str, Any]:
    context = queries.case_page(case, today())
    context["next_step"] = queries.next_step(context, today())
    screening = context["screening"]
    user = request.user
    context.update(
        {
            "model": screener.model_status(),
            "can_review": has_perm(user, Perm.CASE_REVIEW) and case.is_open,
            "can_record": has_perm(user, Perm.CONTACT_RECORD) and case.is_open,
            "review_form": forms.ReviewForm(
                initial={"screening": screening.pk if screening else None},
                proposed=screening.proposed_track if screening else "",
            ),
            "contact_form": forms.ContactForm(initial={"held_on": today()}),
            "extension_form": forms.ExtensionForm(initial={"ground": case.extension_ground}),
            "return_form": forms.ReturnForm(),
            "employer_form": forms.EmployerForm(),
            "history": queries.case_history(case),
            "alert_labels": law.ALERT_LABELS,
        }
    )
    return context


@login_required
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = actions.view_case(request.user, case_id)
    return render(request, "sickness/case_detail.html", _case_context(request, case))


def _rerender(request: HttpRequest, case_id: int, form_name: str, form: Any) -> HttpResponse:
    """The case page again with a bound form and its errors (status 400)."""
    case = actions.view_case(request.user, case_id)
    context = _case_context(request, case)
    context[form_name] = form
    context["form"] = form
    return render(request, "sickness/case_detail.html", context, status=400)


def _run(
    request: HttpRequest,
    case_id: int,
    perm: Perm,
    form_name: str,
    form: Any,
    call: Callable[[], str],
    field: str | None = None,
) -> HttpResponse:
    """Check `perm` on the case, then call an action for a valid form; on a refusal show the
    form again with the reason, at `field` when the refusal is about that answer."""
    get_case_for_user(request.user, case_id, perm)
    if form.is_valid():
        try:
            messages.success(request, call())
            return redirect("case-detail", case_id=case_id)
        except ActionRefused as exc:
            form.add_error(field, str(exc))
    return _rerender(request, case_id, form_name, form)


@login_required
@require_POST
def case_review(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case_for_user(request.user, case_id, Perm.CASE_REVIEW)
    proposed = case.current_screening.proposed_track if case.current_screening else ""
    form = forms.ReviewForm(request.POST, proposed=proposed)

    def call() -> str:
        d = form.cleaned_data
        review = actions.review_screening(
            request.user, d["screening"], d["decision"], track=d.get("track"), reason=d["reason"]
        )
        return f"Vurderingen er gemt: {review.get_state_display().lower()}."

    return _run(request, case_id, Perm.CASE_REVIEW, "review_form", form, call)


@login_required
@require_POST
def case_contact(request: HttpRequest, case_id: int) -> HttpResponse:
    form = forms.ContactForm(request.POST)

    def call() -> str:
        d = form.cleaned_data
        contact = actions.record_contact(
            request.user, case_id, kind=d["kind"], held_on=d["held_on"], note=d["note"]
        )
        return f"{contact.get_kind_display()} den {danish.dato(contact.held_on)} er registreret."

    return _run(request, case_id, Perm.CONTACT_RECORD, "contact_form", form, call, "held_on")


@login_required
@require_POST
def case_extension(request: HttpRequest, case_id: int) -> HttpResponse:
    form = forms.ExtensionForm(request.POST)

    def call() -> str:
        actions.record_extension_ground(request.user, case_id, form.cleaned_data["ground"])
        return "Forlængelsesgrundlaget er gemt."

    return _run(request, case_id, Perm.CASE_REVIEW, "extension_form", form, call, "ground")


@login_required
@require_POST
def case_return(request: HttpRequest, case_id: int) -> HttpResponse:
    form = forms.ReturnForm(request.POST)

    def call() -> str:
        actions.record_return(request.user, case_id, form.cleaned_data["returned_on"])
        return "Raskmeldingen er registreret, og sagen er afsluttet."

    return _run(request, case_id, Perm.CONTACT_RECORD, "return_form", form, call, "returned_on")


@login_required
@require_POST
def case_employer(request: HttpRequest, case_id: int) -> HttpResponse:
    form = forms.EmployerForm(request.POST)

    def call() -> str:
        weeks = form.cleaned_data["expected_return_weeks"]
        actions.record_employer_expectation(request.user, case_id, weeks)
        return "Arbejdsgiverens forventning er gemt, og sagen er screenet igen."

    return _run(
        request, case_id, Perm.CASE_REVIEW, "employer_form", form, call, "expected_return_weeks"
    )


@login_required
@require_POST
def case_rescreen(request: HttpRequest, case_id: int) -> HttpResponse:
    get_case_for_user(request.user, case_id, Perm.CASE_REVIEW)
    try:
        actions.screen_spell(request.user, case_id)
        messages.success(request, "Sagen er screenet igen; den nye screening afventer vurdering.")
    except ActionRefused as exc:
        messages.error(request, str(exc))
    return redirect("case-detail", case_id=case_id)


@login_required
@require_http_methods(["GET", "POST"])
def contact_move(request: HttpRequest, case_id: int, due_id: int) -> HttpResponse:
    due = get_due_for_user(request.user, due_id)
    if due.case_id != case_id or due.status != ContactDue.Status.PLANNED:
        raise Http404("Kontakten findes ikke.")
    form = forms.MoveForm(
        request.POST if request.method == "POST" else None, initial={"new_date": due.due}
    )
    if request.method == "POST" and form.is_valid():
        try:
            d = form.cleaned_data
            actions.move_contact_date(request.user, due_id, d["new_date"], d["reason"])
            messages.success(request, "Datoen er flyttet.")
            return redirect("case-detail", case_id=case_id)
        except ActionRefused as exc:
            form.add_error(None, str(exc))
    case = actions.view_case(request.user, case_id)
    status = 400 if form.errors else 200
    context = {"form": form, "due": due, "case": case}
    return render(request, "sickness/contact_move.html", context, status=status)


@login_required
def case_file(request: HttpRequest, case_id: int) -> HttpResponse:
    case = actions.view_case_file(request.user, case_id)
    context = queries.case_page(case, today())
    context["history"] = queries.case_history(case, limit=200)
    return render(request, "sickness/case_file.html", context)


ALERTS_PAGE = 50


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.CASE_VIEW)
    code = request.GET.get("kode", "")
    code = code if code in law.ALERT_LABELS else ""
    alerts = queries.alerts_for(request.user, code)
    total = alerts.count()
    pages = max(1, -(-total // ALERTS_PAGE))
    side = request.GET.get("side", "1")
    number = min(max(1, int(side)), pages) if side.isdigit() else 1
    start = (number - 1) * ALERTS_PAGE
    log("alerts.view", actor=request.user, detail={"code": code, "total": total})
    context = {
        "alerts": list(alerts[start : start + ALERTS_PAGE]),
        "total": total,
        "number": number,
        "pages": pages,
        "query": QueryDict(mutable=True, query_string=f"kode={code}" if code else "").urlencode(),
        "code": code,
        "today": today(),
        "labels": law.ALERT_LABELS,
        "cleared": list(queries.recently_cleared(request.user, today())[:50]),
    }
    return render(request, "sickness/alerts.html", context)


def _team_for(request: HttpRequest) -> Team:
    user: Any = request.user
    wanted = request.GET.get("team")
    if sees_all_teams(user) and wanted and wanted.isdigit() and len(wanted) < 19:
        return get_object_or_404(Team, pk=int(wanted))
    if user.team is None:
        if sees_all_teams(user):
            found = Team.objects.order_by("name").first()
            if found is not None:
                return found
        raise Http404("Du er ikke tilknyttet et team.")
    team: Team = user.team
    return team


@login_required
def team_overview(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.TEAM_OVERVIEW)
    team = _team_for(request)
    context = queries.team_overview(request.user, team, today())
    context["teams"] = Team.objects.all() if sees_all_teams(request.user) else None
    return render(request, "sickness/team_overview.html", context)
