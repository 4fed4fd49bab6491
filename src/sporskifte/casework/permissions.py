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
    # The sickness-benefit screening workflow (issue 6).
    CASE_VIEW = "case.view"
    CASE_OPEN = "case.open"
    CASE_REVIEW = "case.review"
    CONTACT_RECORD = "contact.record"
    TEAM_OVERVIEW = "team.overview"
    # The course phase-out (issue 7).
    TRANSITION_VIEW = "transition.view"
    TRANSITION_DECIDE = "transition.decide"
    TRANSITION_GRANT = "transition.grant"
    TRANSITION_LETTER = "transition.letter"
    TRANSITION_LETTER_BATCH = "transition.letter_batch"
    TRANSITION_FORECAST = "transition.forecast"
    TRANSITION_RECHECK = "transition.recheck"
    # Results follow-up, model monitoring and budget planning (issue 8): aggregates only.
    FOLLOWUP_VIEW = "followup.view"


_PERSON_WORK = {Perm.PERSON_SEARCH, Perm.PERSON_VIEW, Perm.PERSON_REVEAL_CPR}
# Caseworkers and team leaders decide tracks and record contacts; an administrator (IT) may
# look at cases and open them (integrations) but makes no case decisions.
_CASE_WORK = {Perm.CASE_VIEW, Perm.CASE_OPEN, Perm.CASE_REVIEW, Perm.CONTACT_RECORD}

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.CASEWORKER: frozenset(_PERSON_WORK | _CASE_WORK),
    Role.TEAM_LEADER: frozenset(
        _PERSON_WORK | _CASE_WORK | {Perm.PERSON_CHANGE, Perm.AUDIT_VIEW, Perm.TEAM_OVERVIEW}
    ),
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
            Perm.CASE_VIEW,
            Perm.CASE_OPEN,
            Perm.TEAM_OVERVIEW,
        }
    ),
}

# The course phase-out (issue 7). Caseworkers and team leaders work their own team's courses
# (decide next steps, grant courses while the law allows, letters); team leaders also send a
# month's letters in one batch. An administrator sees every team's courses and re-checks the
# flags but makes no case decisions; an analyst sees the aggregate forecast only.
_TRANSITION_WORK = {
    Perm.TRANSITION_VIEW, Perm.TRANSITION_DECIDE, Perm.TRANSITION_GRANT, Perm.TRANSITION_LETTER,
    Perm.TRANSITION_FORECAST,
}  # fmt: skip
_TRANSITION_ROLES: dict[str, set[Perm]] = {
    Role.CASEWORKER: _TRANSITION_WORK,
    Role.TEAM_LEADER: _TRANSITION_WORK | {Perm.TRANSITION_LETTER_BATCH},
    Role.ANALYST: {Perm.TRANSITION_FORECAST},
    Role.ADMINISTRATOR: {Perm.TRANSITION_VIEW, Perm.TRANSITION_FORECAST, Perm.TRANSITION_RECHECK},
}
for _role, _perms in _TRANSITION_ROLES.items():
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset(_perms)

# Results follow-up (issue 8): aggregated outcomes, monitoring and the planner (no person
# data), for those who steer the work: team leaders, analysts and administrators.
for _role in (Role.TEAM_LEADER, Role.ANALYST, Role.ADMINISTRATOR):
    ROLE_PERMISSIONS[_role] = ROLE_PERMISSIONS[_role] | frozenset({Perm.FOLLOWUP_VIEW})


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


# --------------------------------------------------------------------------- screening workflow


def cases_visible_to(user: Any, perm: Perm = Perm.CASE_VIEW) -> QuerySet[Any]:
    """Sickness-benefit cases a user may see: their team's persons', or all for an admin."""
    from sporskifte.casework.models import SpellCase

    require(user, perm)
    cases = SpellCase.objects.all()
    if sees_all_teams(user):
        return cases
    if user.team_id is None:
        return cases.none()
    return cases.filter(person__team_id=user.team_id)


def get_case_for_user(user: Any, case_id: int, perm: Perm = Perm.CASE_VIEW) -> Any:
    """The case (spell id), if the user may see it; 404 for another team's case (no leak)."""
    from sporskifte.casework.models import SpellCase

    cases = cases_visible_to(user, perm).select_related(
        "spell", "person", "person__team", "current_screening", "current_screening__review"
    )
    try:
        return cases.get(pk=case_id)
    except SpellCase.DoesNotExist:
        raise Http404("Sagen findes ikke eller hører ikke til dit team.") from None


def get_spell_for_user(user: Any, spell_id: int, perm: Perm = Perm.CASE_VIEW) -> Any:
    """The sickness spell behind a case the user may see (404 otherwise)."""
    return get_case_for_user(user, spell_id, perm).spell


def require_team_access(user: Any, team: Any, perm: Perm) -> None:
    """Refuse another team's data: a user acts on their own team; an administrator on all."""
    require(user, perm)
    if not sees_all_teams(user) and (team is None or user.team_id != team.pk):
        raise PermissionDenied(perm.value)


def may_submit_application(user: Any) -> bool:
    """Who may hand in a sickness-benefit application: a citizen through the public form
    (when `CITIZEN_FORM_PUBLIC`; in production it sits behind the municipality's login), or
    a user whose role may open cases (paper applications, the API)."""
    from django.conf import settings

    if getattr(user, "is_authenticated", False):
        return has_perm(user, Perm.CASE_OPEN)
    return bool(getattr(settings, "CITIZEN_FORM_PUBLIC", False))


# --------------------------------------------------------------------------- course phase-out


def courses_visible_to(user: Any, perm: Perm = Perm.TRANSITION_VIEW) -> QuerySet[Any]:
    """Courses a user may see: their team's persons', or all for an administrator. For the
    aggregate forecast (`TRANSITION_FORECAST`) an analyst counts every team's courses too;
    a course whose person is not in the register is seen by those who see all teams."""
    from sporskifte.casework.models import Course

    require(user, perm)
    courses = Course.objects.select_related("person", "person__team")
    whole = perm == Perm.TRANSITION_FORECAST and has_perm(user, Perm.PSEUDONYMISED_DATA)
    if sees_all_teams(user) or whole:
        return courses
    if user.team_id is None:
        return courses.none()
    return courses.filter(person__team_id=user.team_id)


def get_course_for_user(user: Any, course_id: int, perm: Perm = Perm.TRANSITION_VIEW) -> Any:
    """The course, if the user may act on it with `perm`; 404 for another team's (no leak)."""
    from sporskifte.casework.models import Course

    try:
        return courses_visible_to(user, perm).get(pk=course_id)
    except Course.DoesNotExist:
        raise Http404("Forløbet findes ikke eller hører ikke til dit team.") from None


def get_letter_for_user(user: Any, letter_id: int) -> Any:
    """A letter on the case file of a course the user may see (404 otherwise)."""
    from sporskifte.transition.models import Letter

    visible = courses_visible_to(user, Perm.TRANSITION_VIEW)
    try:
        return Letter.objects.select_related("person", "course").get(
            pk=letter_id, course__in=visible
        )
    except Letter.DoesNotExist:
        raise Http404("Brevet findes ikke eller hører ikke til dit team.") from None


def get_letter_batch_for_user(user: Any, batch_id: int) -> Any:
    """A batch of letters: its creator's team's (or any, for an administrator)."""
    from sporskifte.transition.models import LetterBatch

    require(user, Perm.TRANSITION_LETTER_BATCH)
    batches = LetterBatch.objects.all()
    if not sees_all_teams(user):
        batches = batches.filter(team_id=user.team_id) if user.team_id else batches.none()
    try:
        return batches.get(pk=batch_id)
    except LetterBatch.DoesNotExist:
        raise Http404("Brevkørslen findes ikke.") from None
