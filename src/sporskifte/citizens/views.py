"""Thin views over the actions: each view asks permissions and calls one action."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import (
    Perm,
    get_share_for_sender,
    has_perm,
    read_only_for,
    require,
    shares_to_withdraw,
    teams_to_hand_over_to,
)
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.log import action_label
from sporskifte.audit.models import LogEntry
from sporskifte.citizens import actions, person_page
from sporskifte.citizens.forms import PersonEditForm, PersonSearchForm
from sporskifte.citizens.journey import journey


@login_required
def person_search(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.PERSON_SEARCH)
    form = PersonSearchForm(request.GET or None)
    results = None
    if form.is_valid() and form.cleaned_data["q"]:
        results = actions.search_persons(request.user, form.cleaned_data["q"])
    return render(request, "citizens/person_search.html", {"form": form, "results": results})


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = actions.view_person(request.user, person_id)
    history = LogEntry.objects.for_object(person)[:20]
    context: dict[str, Any] = {
        "person": person,
        "history": [(entry, action_label(entry.action)) for entry in history],
        "can_change": has_perm(request.user, Perm.PERSON_CHANGE)
        and not read_only_for(request.user, person),
        "journey": journey(person),
        **_handover_context(request, person),
    }
    # Each room's section adds its own names to the page (person_cases, person_courses, ...).
    templates = []
    for template, section in person_page.sections(request.user, person):
        context.update(section)
        templates.append(template)
    context["sections"] = templates
    return render(request, "citizens/person_detail.html", context)


@login_required
@require_POST
def person_reveal_cpr(request: HttpRequest, person_id: int) -> HttpResponse:
    full = actions.reveal_cpr(request.user, person_id, reason=request.POST.get("reason", ""))
    # The number goes in this response only: never into a message (a cookie or the session).
    if request.headers.get("HX-Request"):
        return render(request, "citizens/cpr_revealed.html", {"cpr": full})
    context = {"cpr": full, "person_id": person_id}
    return render(request, "citizens/cpr_revealed_page.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request.user, Perm.PERSON_CHANGE)
    person = actions.view_person(request.user, person_id)
    initial = {"name": person.name, "district": person.district, "team": person.team}
    form = PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.update_person(request.user, person_id, **form.cleaned_data)
        messages.success(request, "Ændringerne er gemt.")
        return redirect("person-detail", person_id=person_id)
    return render(request, "citizens/person_edit.html", {"form": form, "person": person})


def _handover_context(request: HttpRequest, person: Any) -> dict[str, Any]:
    user: Any = request.user
    read_only = read_only_for(user, person)
    may = has_perm(user, Perm.CASE_HANDOVER)
    shares = list(person.shares.select_related("from_team", "to_team", "to_team__organisation"))
    withdrawable = (
        set(shares_to_withdraw(user).filter(person=person).values_list("pk", flat=True))
        if may
        else set()
    )
    return {
        "withdrawable": withdrawable,
        "read_only": read_only,
        "shares": shares,
        "handover_teams": list(teams_to_hand_over_to(user)) if may and not read_only else [],
        "share_to_accept": next(
            (s for s in shares if s.pending and may and s.to_team_id == user.team_id), None
        ),
    }


@login_required
@require_POST
def person_handover(request: HttpRequest, person_id: int) -> HttpResponse:
    require(request.user, Perm.CASE_HANDOVER)
    team = Team.objects.filter(pk=request.POST.get("to_team") or 0).first()
    if team is None:
        messages.error(request, "Vælg det team, sagen skal til.")
        return redirect("person-detail", person_id=person_id)
    try:
        share = actions.hand_over(
            request.user, person_id, to_team=team, kind=request.POST.get("kind", ""),
            note=request.POST.get("note", ""),
        )  # fmt: skip
    except ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect("person-detail", person_id=person_id)
    messages.success(request, f"{share.get_kind_display()} til {team.name} er registreret.")
    return redirect("person-detail", person_id=person_id)


@login_required
@require_POST
def handover_accept(request: HttpRequest, share_id: int) -> HttpResponse:
    try:
        share = actions.accept_handover(request.user, share_id)
    except ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect("person-search")
    messages.success(request, "Sagen er modtaget.")
    return redirect("person-detail", person_id=share.person_id)


@login_required
@require_http_methods(["GET", "POST"])
def handover_withdraw(request: HttpRequest, share_id: int) -> HttpResponse:
    """Withdraw a share or an unaccepted hand-over, after a confirmation page."""
    share = get_share_for_sender(request.user, share_id)
    if request.method == "GET":
        return render(request, "citizens/handover_withdraw.html", {"share": share})
    try:
        share = actions.withdraw_share(request.user, share_id)
    except ActionRefused as refused:
        messages.error(request, str(refused))
        return redirect("person-detail", person_id=share.person_id)
    messages.success(
        request, f"{share.get_kind_display()} til {share.to_team.name} er trukket tilbage."
    )
    return redirect("person-detail", person_id=share.person_id)
