"""The intake team's list of applications handed in without login, and matching one to a
person once the caseworker has checked who the citizen is."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from sporskifte.accounts.permissions import (
    get_held_application_for_user,
    held_applications_visible_to,
    persons_visible_to,
)
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.log import log
from sporskifte.lib import cpr as cprlib
from sporskifte.rules.vocabulary import EMPLOYEE_NAME_SHOWN_LABELS
from sporskifte.sickness import actions
from sporskifte.sickness.forms import Radios
from sporskifte.sickness.models import HeldApplication
from sporskifte.ui.forms import DkfdsFormMixin


class MatchForm(DkfdsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Afgørelse",
        choices=[("match", "Knyt til personen og åbn sagen"), ("reject", "Afvis ansøgningen")],
        widget=Radios,
        error_messages={"required": "Vælg, om ansøgningen knyttes til personen eller afvises."},
    )
    cpr = forms.CharField(
        label="CPR-nummer efter kontrol",
        max_length=11,
        required=False,
        help_text="Ret nummeret, hvis borgeren har skrevet forkert.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    note = forms.CharField(
        label="Hvordan er identiteten kontrolleret? / Begrundelse",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Skriv, hvordan identiteten er kontrolleret."},
    )


@login_required
def held_list(request: HttpRequest) -> HttpResponse:
    waiting = held_applications_visible_to(request.user).filter(state=HeldApplication.State.WAITING)
    rows = list(waiting.select_related("team")[:200])
    log("application.held_list", actor=request.user, detail={"count": len(rows)})
    return render(request, "sickness/held_list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def held_detail(request: HttpRequest, held_id: int) -> HttpResponse:
    held = get_held_application_for_user(request.user, held_id)
    initial = {"cpr": cprlib.formatted(held.claimed_cpr)}
    form = MatchForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "match":
                case = actions.match_held_application(
                    request.user, held.pk, cpr=str(data["cpr"]).strip(), note=data["note"]
                )
                messages.success(request, "Ansøgningen er knyttet til personen.")
                return redirect("case-detail", case_id=case.pk)
            actions.reject_held_application(request.user, held.pk, note=data["note"])
            messages.success(request, "Ansøgningen er afvist.")
            return redirect("held-applications")
        except ActionRefused as exc:
            form.add_error(None, str(exc))
    else:
        log("application.held_view", actor=request.user, obj=held)
    registered = persons_visible_to(request.user).filter(cpr=held.claimed_cpr).first()
    answers = actions.held_application_answers(held)
    context = {
        "held": held,
        "answers": answers,
        "name_shown": EMPLOYEE_NAME_SHOWN_LABELS.get(answers.employee_name_shown, ""),
        "form": form,
        "registered": registered,
    }
    return render(request, "sickness/held_detail.html", context, status=400 if form.errors else 200)
