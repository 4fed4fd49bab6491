"""Every access decision in one place: which role may do what, on which persons.

Rights are a role (job function) plus a data restriction (the user's team). Views, the API
and the CLI ask here; nothing else decides access.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from sporskifte.accounts.models import Role
from sporskifte.casework.models import Person


class Perm(StrEnum):
    PERSON_SEARCH = "person.search"
    PERSON_VIEW = "person.view"
    PERSON_REVEAL_CPR = "person.reveal_cpr"
    PERSON_CHANGE = "person.change"
    AUDIT_VIEW = "audit.view"
    AUDIT_VIEW_ALL = "audit.view_all"
    PSEUDONYMISED_DATA = "data.pseudonymised"
    DATA_IMPORT = "data.import"


_PERSON_WORK = {Perm.PERSON_SEARCH, Perm.PERSON_VIEW, Perm.PERSON_REVEAL_CPR}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.CASEWORKER: frozenset(_PERSON_WORK),
    Role.TEAM_LEADER: frozenset(_PERSON_WORK | {Perm.PERSON_CHANGE, Perm.AUDIT_VIEW}),
    # Analysts see pseudonymised, aggregated data only: no person register, no CPR.
    Role.ANALYST: frozenset({Perm.PSEUDONYMISED_DATA}),
    Role.ADMINISTRATOR: frozenset(
        _PERSON_WORK
        | {
            Perm.PERSON_CHANGE,
            Perm.AUDIT_VIEW,
            Perm.AUDIT_VIEW_ALL,
            Perm.DATA_IMPORT,
            Perm.PSEUDONYMISED_DATA,
        }
    ),
}


def has_perm(user: Any, perm: Perm) -> bool:
    """True when an active, logged-in user's role grants `perm`."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return perm in ROLE_PERMISSIONS.get(user.role, frozenset())


def require(user: Any, perm: Perm) -> None:
    """Raise PermissionDenied unless the user has `perm`."""
    if not has_perm(user, perm):
        raise PermissionDenied(perm.value)


def sees_all_teams(user: Any) -> bool:
    return bool(user.role == Role.ADMINISTRATOR)


def persons_visible_to(user: Any) -> QuerySet[Person]:
    """The persons a user may see: their own team's, or all for an administrator."""
    require(user, Perm.PERSON_SEARCH)
    persons = Person.objects.select_related("team")
    if sees_all_teams(user):
        return persons
    if user.team_id is None:
        return persons.none()
    return persons.filter(team_id=user.team_id)


def get_person_for_user(user: Any, person_id: int, perm: Perm = Perm.PERSON_VIEW) -> Person:
    """The person, if the user may see them; 404 for another team's person (no leak)."""
    require(user, perm)
    try:
        return persons_visible_to(user).get(pk=person_id)
    except Person.DoesNotExist:
        raise Http404("Personen findes ikke eller hører ikke til dit team.") from None


def audit_entries_visible_to(user: Any) -> QuerySet[Any]:
    """Audit entries: all for an administrator, the own team's for a team leader."""
    from sporskifte.audit.models import LogEntry

    require(user, Perm.AUDIT_VIEW)
    entries = LogEntry.objects.all()
    if has_perm(user, Perm.AUDIT_VIEW_ALL):
        return entries
    if user.team is None:
        return entries.none()
    return entries.filter(actor_team=user.team.name)
