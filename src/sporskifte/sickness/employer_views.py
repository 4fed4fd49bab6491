"""The employer's pages (through their link) and the company consultant's list of workplaces.

Each view asks one action; the employer sees the employee named as the citizen allowed, the
duties the law gives them with dates and sources, and their return-to-work plan; never health
data and never the screening."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from xhtml2pdf import pisa

from sporskifte.accounts.permissions import Perm, may_submit_application
from sporskifte.audit.actions import ActionRefused
from sporskifte.rules.employer import next_deadline
from sporskifte.sickness import actions, employer
from sporskifte.sickness.employer_forms import ReturnPlanForm, WorkplaceContactForm
from sporskifte.sickness.models import SpellCase


def _require_open_form(request: HttpRequest) -> None:
    if not may_submit_application(request.user):
        raise PermissionDenied(Perm.CASE_OPEN.value)


def _employer_context(case: SpellCase) -> dict[str, object]:
    duties = employer.duties(case)
    return {
        "case": case,
        "employee": case.employee_name_for_employer,
        "duties": duties,
        "next_duty": next_deadline(duties, actions.today()),
        "plan": employer.current_plan(case),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def employer_plan(request: HttpRequest, token: str) -> HttpResponse:
    """The employer's page: duties by date and the return-to-work plan."""
    _require_open_form(request)
    case = actions.view_employer_page(token)
    form = ReturnPlanForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.submit_return_plan(request.user, token, form.plan())
            return redirect("employer-plan-done", token=token)
        except ActionRefused as exc:
            form.add_error(None, exc.message)
    context = {**_employer_context(case), "form": form}
    status = 400 if form.errors else 200
    return render(request, "sickness/employer_plan.html", context, status=status)


@never_cache
def employer_plan_done(request: HttpRequest, token: str) -> HttpResponse:
    _require_open_form(request)
    case = actions.view_employer_page(token)
    return render(request, "sickness/employer_plan_done.html", _employer_context(case))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def workplace_list(request: HttpRequest) -> HttpResponse:
    """The company consultant's list: small workplaces that need support, by need."""
    form = WorkplaceContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_workplace_contact(request.user, **form.cleaned_data)
            return redirect("workplaces")
        except ActionRefused as exc:
            form.add_error(None, exc.message)
    places = actions.workplaces(request.user)
    status = 400 if form.errors else 200
    context = {"workplaces": places, "form": form, "today": actions.today()}
    return render(request, "sickness/workplaces.html", context, status=status)


@login_required
def employer_letter(request: HttpRequest, case_id: int) -> HttpResponse:
    """The letter to the employer about the case's deadlines, as PDF."""
    case, day = actions.employer_letter(request.user, case_id)
    html = render_to_string(
        "sickness/employer_letter.html", {**_employer_context(case), "today": day}
    )
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if result.err:
        raise RuntimeError(f"xhtml2pdf failed with {result.err} error(s)")
    response = HttpResponse(out.getvalue(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="arbejdsgiverbrev-{case.pk}.pdf"'
    response["Cache-Control"] = "no-store, private"
    return response
