"""The citizen's and the employer's forms: public in the demo (`CITIZEN_FORM_PUBLIC`); in
production they sit behind the municipality's login (MitID / MitID Erhverv).

Identity: a submission is attached to a person's file only with the CPR number from the
citizen's login (`accounts.identity.verified_cpr`). Without a login it is held, as typed,
for a caseworker to match (`actions.hold_application`); the typed number is never looked up
and nothing registered is shown back.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from sporskifte.accounts.identity import verified_cpr
from sporskifte.accounts.permissions import Perm, may_submit_application
from sporskifte.accounts.saml import citizen_login_url
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.log import log
from sporskifte.lib import cpr as cprlib
from sporskifte.sickness import actions, throttle
from sporskifte.sickness.forms import CitizenForm, EmployerForm, EmployerReplaceForm
from sporskifte.sickness.models import HeldApplication, SpellCase

VERIFIED_CITIZEN = "borger (login)"


def _require_open_form(request: HttpRequest, verified: bool = False) -> None:
    if not may_submit_application(request.user, verified_citizen=verified):
        raise PermissionDenied(Perm.CASE_OPEN.value)


def _staff(request: HttpRequest) -> bool:
    return bool(request.user.is_authenticated) and may_submit_application(request.user)


@require_http_methods(["GET", "POST"])
def citizen_form(request: HttpRequest) -> HttpResponse:
    cpr = verified_cpr(request)  # NemLog-in: the CPR number comes from the login
    login_url = citizen_login_url(request.get_full_path())
    if not request.user.is_authenticated and not settings.CITIZEN_FORM_PUBLIC and login_url:
        return redirect(login_url)
    _require_open_form(request, verified=cpr is not None)
    anonymous = cpr is None and not _staff(request)
    if request.method == "POST" and anonymous:
        refusal = throttle.refusal_for(request)
        if refusal:
            log("application.throttled", actor=actions.HELD_CITIZEN, detail={"reason": refusal})
            form = CitizenForm(None)
            context = {"form": form, "throttled": refusal, "login_url": login_url}
            return render(request, "sickness/citizen_form.html", context, status=429)
    full_name = getattr(request.user, "get_full_name", lambda: "")()
    initial = {"name": full_name} if cpr and full_name else None
    data = request.POST if request.method == "POST" else None
    form = CitizenForm(data, initial=initial, verified_cpr=cpr)
    if request.method == "POST" and form.is_valid():
        try:
            if cpr is not None:
                app = form.application()
                citizen = request.user if request.user.is_authenticated else VERIFIED_CITIZEN
                case = actions.open_spell(citizen, app, verified_citizen=True)
                return redirect("sickness-receipt", token=case.receipt_token)
            if not anonymous:  # a caseworker entering a paper application
                case = actions.open_spell(request.user, form.application())
                return redirect("sickness-receipt", token=case.receipt_token)
            held = actions.hold_application(request.user, form.application())
            return redirect("sickness-receipt", token=held.receipt_token)
        except ActionRefused as exc:
            form.add_error(None, str(exc))
    status = 400 if form.errors else 200
    context = {
        "form": form,
        "verified_cpr": cpr,
        "masked_cpr": cprlib.mask(cpr) if cpr else "",
        "login_url": login_url,
    }
    return render(request, "sickness/citizen_form.html", context, status=status)


def citizen_receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The receipt: what was received (as typed, when held) and, for a case, the employer's
    link; never the screening, never registered data of a held application's typed CPR."""
    held = HeldApplication.objects.filter(receipt_token=token).first()
    if held is not None:
        log("receipt.view", actor=actions.HELD_CITIZEN, obj=held)
        context = {"held": held, "answers": actions.held_application_answers(held)}
        return render(request, "sickness/citizen_receipt_held.html", context)
    case = SpellCase.objects.select_related("spell", "person").filter(receipt_token=token).first()
    if case is None:
        raise Http404("Kvitteringen findes ikke.")
    log("receipt.view", actor=_receipt_actor(request), obj=case)
    employer_url = request.build_absolute_uri(reverse("employer-form", args=[case.employer_token]))
    # The address is shown as text to copy (and a link): the citizen sends it to the employer.
    context = {"case": case, "spell": case.spell, "employer_url": employer_url}
    return render(request, "sickness/citizen_receipt.html", context)


def _receipt_actor(request: HttpRequest) -> object:
    return request.user if request.user.is_authenticated else actions.CITIZEN


@require_http_methods(["GET", "POST"])
def employer_form(request: HttpRequest, token: str) -> HttpResponse:
    _require_open_form(request)
    case = actions.view_employer_page(token)
    earlier = case.spell.employer_expected_return_weeks
    form_class = EmployerForm if earlier is None else EmployerReplaceForm
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            weeks = form.cleaned_data["expected_return_weeks"]
            replace = bool(form.cleaned_data.get("confirm_replace"))
            actions.submit_employer_statement(request.user, token, weeks, replace=replace)
            context: dict[str, Any] = {"case": case, "replaced": earlier}
            return render(request, "sickness/employer_done.html", context)
        except ActionRefused as exc:
            form.add_error(None, str(exc))
    status = 400 if form.errors else 200
    context = {"form": form, "case": case, "earlier": earlier}
    return render(request, "sickness/employer_form.html", context, status=status)
