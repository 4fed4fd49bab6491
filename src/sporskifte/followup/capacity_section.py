"""The planner's first part: a team's stored capacity (the form that stores it through
`sickness.actions.set_capacity`), what it means for the team's inflow (table and chart), and
its history."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import Perm, capacity_teams, has_perm
from sporskifte.audit.actions import ActionRefused
from sporskifte.followup import charts
from sporskifte.followup.forms import CapacityForm
from sporskifte.lib import danish
from sporskifte.sickness import actions, capacity, screener

PREFIX = "kap"
MAX_ID_DIGITS = 18


def _team(request: HttpRequest) -> Team | None:
    """The team shown: `?team=` when given and known, else the user's, else the first."""
    teams = Team.objects.all()
    wanted = request.GET.get("team", "")
    known = wanted.isdigit() and len(wanted) <= MAX_ID_DIGITS  # within a 64-bit key
    chosen = teams.filter(pk=int(wanted)).first() if known else None
    own = getattr(request.user, "team", None)
    return chosen or own or teams.first()


def _initial(team: Team) -> dict[str, Any]:
    stored = capacity.current(team.pk)
    if stored is not None:
        values = {name: getattr(stored, name) for name in capacity.LIMITS}
    else:
        values = asdict(capacity.CapacityInput(float(team.weekly_hours)))
    return {"team": team.pk, **values}


def _saved(request: HttpRequest, form: CapacityForm) -> HttpResponse | None:
    """Store a valid form's capacity; None (with the errors on the form) when refused."""
    team = form.cleaned_data["team"]
    try:
        stored = actions.set_capacity(request.user, team.pk, form.capacity())
    except ActionRefused as refused:
        form.add_error(None, refused.message)
        return None
    threshold = (
        f"tærsklen for tværfaglig indsats er nu {danish.pct(stored.threshold, 1)}"
        if stored.threshold is not None
        else "der er ingen screenede nye forløb at tilpasse tærsklen til endnu"
    )
    messages.success(request, f"Kapaciteten for {team.name} er gemt; {threshold}.")
    return redirect(f"{reverse('followup-planner')}?team={team.pk}#capacity-heading")


def capacity_section(request: HttpRequest) -> dict[str, Any] | HttpResponse:
    """The context of the capacity part, or the redirect after a stored capacity (POST)."""
    allowed = capacity_teams(request.user)
    if request.method == "POST" and not allowed.exists():
        raise PermissionDenied(Perm.CAPACITY_SET.value)
    team = _team(request)
    choose = allowed.count() > 1
    form = None
    if request.method == "POST":
        form = CapacityForm(request.POST, prefix=PREFIX, choose_team=choose)
        if form.is_valid() and (done := _saved(request, form)) is not None:
            return done
        if form.is_bound and "team" in form.cleaned_data:
            team = form.cleaned_data["team"]
    elif team is not None and allowed.filter(pk=team.pk).exists():
        form = CapacityForm(initial=_initial(team), prefix=PREFIX, choose_team=choose)
    return _context(team, form, has_perm(request.user, Perm.CAPACITY_SET))


def _context(team: Team | None, form: CapacityForm | None, may_set: bool) -> dict[str, Any]:
    past = capacity.history(team.pk) if team else []
    stored = past[0] if past else None  # the newest is in force (`capacity.current`)
    plan = capacity.plan(stored, screener.base_policy(), timezone.localdate()) if stored else None
    return {
        "capacity_team": team,
        "capacity_form": form,
        "capacity_may_set": may_set,
        "capacity_stored": stored,
        "capacity_plan": plan,
        "capacity_chart": charts.capacity(plan) if plan else None,
        "capacity_history": past,
        "capacity_teams": Team.objects.all(),
        "inflow_weeks_capacity": capacity.INFLOW_WEEKS,
    }
