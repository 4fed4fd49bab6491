"""The citizen's and the employer's forms: public in the demo (`CITIZEN_FORM_PUBLIC`); in
production they sit behind the municipality's login (MitID / MitID Erhverv)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sporskifte.accounts.permissions import Perm, may_submit_application
from sporskifte.accounts.saml import citizen_login_url, verified_cpr
from sporskifte.audit.actions import ActionRefused
from sporskifte.sickness import actions
from sporskifte.sickness.forms import CitizenForm, EmployerForm
from sporskifte.sickness.models import SpellCase


def _require_open_form(request: HttpRequest) -> None:
    if not may_submit_application(request.user):
        raise PermissionDenied(Perm.CASE_OPEN.value)


@require_http_methods(["GET", "POST"])
def citizen_form(request: HttpRequest) -> HttpResponse:
    cpr = verified_cpr(request)  # NemLog-in: the CPR number comes from the login
    login_url = citizen_login_url(request.get_full_path())
    if not request.user.is_authenticated and not settings.CITIZEN_FORM_PUBLIC and login_url:
        return redirect(login_url)
    _require_open_form(request)
    initial = {"name": request.user.get_full_name()} if cpr else None  # type: ignore[union-attr]
    data = request.POST if request.method == "POST" else None
    form = CitizenForm(data, initial=initial, verified_cpr=cpr)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.open_spell(request.user, form.application())
            return redirect("sickness-receipt", token=case.receipt_token)
        except ActionRefused as exc:
            form.add_error(None, str(exc))
    status = 400 if form.errors else 200
    context = {"form": form, "verified_cpr": cpr, "login_url": login_url}
    return render(request, "sickness/citizen_form.html", context, status=status)


def citizen_receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The receipt: what was received and the employer's link; never the screening itself."""
    case = SpellCase.objects.select_related("spell", "person").filter(receipt_token=token).first()
    if case is None:
        raise Http404("Kvitteringen findes ikke.")
    employer_url = request.build_absolute_uri(reverse("employer-form", args=[case.employer_token]))
    context = {"case": case, "spell": case.spell, "employer_url": employer_url}
    return render(request, "sickness/citizen_receipt.html", context)


@require_http_methods(["GET", "POST"])
def employer_form(request: HttpRequest, token: str) -> HttpResponse:
    _require_open_form(request)
    case = actions.view_employer_page(token)
    form = EmployerForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            weeks = form.cleaned_data["expected_return_weeks"]
            actions.submit_employer_statement(request.user, token, weeks)
            return render(request, "sickness/employer_done.html", {"case": case})
        except ActionRefused as exc:
            form.add_error(None, str(exc))
    status = 400 if form.errors else 200
    context = {"form": form, "case": case}
    return render(request, "sickness/employer_form.html", context, status=status)
