"""Every access decision in one place: which role may do what, on which persons and cases.

Rights are a role (job function) plus a data restriction (the user's team). Views, the API,
the CLI and the actions ask here; nothing else decides access. The policy sits low in the
house (rooms import it, it imports none of them): it names the rooms' models by their app
label (``apps.get_model("sickness.SpellCase")``), never by import.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from sporskifte.accounts.models import Role


class Perm(StrEnum):
    # The citizen's file.
    PERSON_SEARCH = "person.search"
    PERSON_VIEW = "person.view"
    PERSON_REVEAL_CPR = "person.reveal_cpr"
    PERSON_CHANGE = "person.change"
    CASE_HANDOVER = "person.handover"
    DATA_IMPORT = "data.import"
    GAPS_RECHECK = "gaps.recheck"
    # The audit log.
    AUDIT_VIEW = "audit.view"
    AUDIT_VIEW_ALL = "audit.view_all"
    # Aggregated and pseudonymised data (analysts).
    PSEUDONYMISED_DATA = "data.pseudonymised"
    # The sickness-benefit case.
    CASE_VIEW = "case.view"
    CASE_OPEN = "case.open"
    CASE_REVIEW = "case.review"
    CONTACT_RECORD = "contact.record"
    TEAM_OVERVIEW = "team.overview"
    # The course phase-out.
    TRANSITION_VIEW = "transition.view"
    TRANSITION_DECIDE = "transition.decide"
    TRANSITION_GRANT = "transition.grant"
    TRANSITION_LETTER = "transition.letter"
    TRANSITION_LETTER_BATCH = "transition.letter_batch"
    TRANSITION_FORECAST = "transition.forecast"
    TRANSITION_RECHECK = "transition.recheck"
    # Results follow-up, model monitoring and budget planning: aggregates only.
    FOLLOWUP_VIEW = "followup.view"
    CAPACITY_SET = "capacity.set"
    # Support for small workplaces with a sick-listed employee (virksomhedskonsulent).
    EMPLOYER_SUPPORT = "employer.support"
    # Lovgrundlag: the law's parameters with their sources, and a lawyer's sign-off.
    LAW_VIEW = "law.view"
    LAW_SIGNOFF = "law.signoff"
    # Operations: the scheduled jobs' page.
    OPERATIONS_VIEW = "operations.view"


_PERSON_WORK = {Perm.PERSON_SEARCH, Perm.PERSON_VIEW, Perm.PERSON_REVEAL_CPR}
_HANDOVER = {Perm.CASE_HANDOVER}
_CASE_WORK = {Perm.CASE_VIEW, Perm.CASE_OPEN, Perm.CASE_REVIEW, Perm.CONTACT_RECORD}
_TRANSITION_WORK = {
    Perm.TRANSITION_VIEW, Perm.TRANSITION_DECIDE, Perm.TRANSITION_GRANT, Perm.TRANSITION_LETTER,
    Perm.TRANSITION_FORECAST,
}  # fmt: skip

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    # Caseworkers work their own team's persons, cases and courses.
    Role.CASEWORKER: frozenset(_PERSON_WORK | _CASE_WORK | _TRANSITION_WORK | _HANDOVER),
    # Team leaders too, and they steer: persons' teams, the audit log of their team, the team
    # view, a month's letters in one batch, the follow-up pages.
    Role.TEAM_LEADER: frozenset(
        _PERSON_WORK
        | _CASE_WORK
        | _TRANSITION_WORK
        | _HANDOVER
        | {
            Perm.PERSON_CHANGE,
            Perm.AUDIT_VIEW,
            Perm.TEAM_OVERVIEW,
            Perm.TRANSITION_LETTER_BATCH,
            Perm.FOLLOWUP_VIEW,
            Perm.CAPACITY_SET,
            Perm.EMPLOYER_SUPPORT,
            Perm.LAW_VIEW,
        }
    ),
    # Analysts see pseudonymised, aggregated data only: no person register, no CPR.
    Role.ANALYST: frozenset(
        {Perm.PSEUDONYMISED_DATA, Perm.TRANSITION_FORECAST, Perm.FOLLOWUP_VIEW}
    ),
    # A company consultant supports workplaces under 50 employees: the list of workplaces that
    # need it, and contacts with them; no person register, no case decisions.
    Role.COMPANY_CONSULTANT: frozenset({Perm.EMPLOYER_SUPPORT}),
    # An administrator (IT) sees every team, imports registers, opens cases (integrations)
    # and re-checks the flags, but makes no case decisions.
    Role.ADMINISTRATOR: frozenset(
        _PERSON_WORK
        | {
            Perm.PERSON_CHANGE,
            Perm.AUDIT_VIEW,
            Perm.AUDIT_VIEW_ALL,
            Perm.DATA_IMPORT,
            Perm.GAPS_RECHECK,
            Perm.PSEUDONYMISED_DATA,
            Perm.CASE_VIEW,
            Perm.CASE_OPEN,
            Perm.TEAM_OVERVIEW,
            Perm.TRANSITION_VIEW,
            Perm.TRANSITION_FORECAST,
            Perm.TRANSITION_RECHECK,
            Perm.FOLLOWUP_VIEW,
            Perm.CAPACITY_SET,
            Perm.LAW_VIEW,
            Perm.OPERATIONS_VIEW,
        }
    ),
    # A jurist reads the law's parameters against their sources and signs them off; no
    # access to persons or cases.
    Role.LAWYER: frozenset({Perm.LAW_VIEW, Perm.LAW_SIGNOFF}),
}


MAX_ID = 2**63 - 1
"""The largest primary key a 64-bit database column holds."""


def _objects(label: str) -> QuerySet[Any]:
    """Every row of the model with app label `label` (e.g. ``"sickness.SpellCase"``)."""
    model: type[Model] = apps.get_model(label)
    return model._default_manager.all()


def _own_team(user: Any, objects: QuerySet[Any], team_field: str) -> QuerySet[Any]:
    """All of `objects` for an administrator, the user's team's otherwise (none without)."""
    if sees_all_teams(user):
        return objects
    if user.team_id is None:
        return objects.none()
    return objects.filter(**{team_field: user.team_id})


def _get(objects: QuerySet[Any], pk: int, message: str) -> Any:
    """One object by primary key, or a 404 that does not say whether it exists (no leak).
    A key outside the database's 64-bit range (a 20-digit id in the URL) is simply not
    there, never a database error."""
    try:
        in_range = 0 < int(pk) <= MAX_ID
    except (TypeError, ValueError):
        in_range = False
    if not in_range:
        raise Http404(message)
    found = objects.filter(pk=pk).first()
    if found is None:
        raise Http404(message)
    return found


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


def _shared_with_team(user: Any) -> QuerySet[Any]:
    """Persons another team has shared with the user's team (until withdrawn), and persons
    the user's team has handed over and the receiver has not yet accepted: read-only."""
    shared = Q(kind="share", to_team_id=user.team_id)
    handed = Q(kind="handover", from_team_id=user.team_id, accepted_at__isnull=True)
    shares = _objects("citizens.CaseShare").filter(shared | handed, withdrawn_at__isnull=True)
    return _objects("citizens.Person").filter(pk__in=shares.values("person_id"))


def persons_visible_to(user: Any) -> QuerySet[Any]:
    """The persons a user may see: their own team's and those shared with it read-only
    (`read_only_for`), or all for an administrator."""
    require(user, Perm.PERSON_SEARCH)
    persons = _objects("citizens.Person").select_related("team")
    if sees_all_teams(user) or user.team_id is None:
        return _own_team(user, persons, "team_id")
    own = persons.filter(team_id=user.team_id)
    return own | persons.filter(pk__in=_shared_with_team(user).values("pk"))


def read_only_for(user: Any, person: Any) -> bool:
    """True when the user sees the person only through a share or a pending hand-over."""
    return not sees_all_teams(user) and person.team_id != user.team_id


_READS = frozenset({Perm.PERSON_VIEW, Perm.PERSON_SEARCH})


def get_person_for_user(user: Any, person_id: int, perm: Perm = Perm.PERSON_VIEW) -> Any:
    """The person, if the user may act with `perm`; 404 for another team's person (no leak).
    A shared or handed-over person is read-only: only `PERSON_VIEW` reaches them."""
    require(user, perm)
    persons = persons_visible_to(user)
    if perm not in _READS:
        persons = _own_team(user, persons, "team_id")
    return _get(persons, person_id, "Personen findes ikke eller hører ikke til dit team.")


def get_share_for_receiver(user: Any, share_id: int) -> Any:
    """A pending hand-over to the user's team (404 otherwise): the receiver accepts it."""
    require(user, Perm.CASE_HANDOVER)
    shares = _objects("citizens.CaseShare").select_related("person", "from_team", "to_team")
    pending = shares.filter(
        to_team_id=user.team_id, accepted_at__isnull=True, withdrawn_at__isnull=True
    )
    return _get(pending, share_id, "Overdragelsen findes ikke eller er ikke til dit team.")


def shares_to_withdraw(user: Any) -> QuerySet[Any]:
    """What the user's team may withdraw: its shares still in force, and its hand-overs the
    receiver has not accepted."""
    require(user, Perm.CASE_HANDOVER)
    shares = _objects("citizens.CaseShare").select_related("person", "from_team", "to_team")
    if user.team_id is None:
        return shares.none()
    in_force = shares.filter(from_team_id=user.team_id, withdrawn_at__isnull=True)
    return in_force.filter(Q(kind="share") | Q(kind="handover", accepted_at__isnull=True))


def get_share_for_sender(user: Any, share_id: int) -> Any:
    """A share or an unaccepted hand-over from the user's team (404 otherwise): the sender
    withdraws it."""
    return _get(
        shares_to_withdraw(user),
        share_id,
        "Delingen findes ikke eller kan ikke trækkes tilbage af dit team.",
    )


def teams_to_hand_over_to(user: Any) -> QuerySet[Any]:
    """Teams in another administration than the user's team's (where a case may go)."""
    require(user, Perm.CASE_HANDOVER)
    teams = _objects("accounts.Team").select_related("organisation")
    own = getattr(user.team, "organisation_id", None) if user.team_id else None
    if own is None:
        return teams.none()
    return teams.exclude(organisation_id=own).exclude(organisation__isnull=True)


def audit_entries_visible_to(user: Any) -> QuerySet[Any]:
    """Audit entries: all for an administrator, the own team's for a team leader."""
    require(user, Perm.AUDIT_VIEW)
    entries = _objects("audit.LogEntry")
    if has_perm(user, Perm.AUDIT_VIEW_ALL):
        return entries
    if user.team is None:
        return entries.none()
    return entries.filter(actor_team=user.team.name)


# --------------------------------------------------------------------------- sickness benefit


def cases_visible_to(user: Any, perm: Perm = Perm.CASE_VIEW) -> QuerySet[Any]:
    """Sickness-benefit cases a user may see: their team's persons', or all for an admin."""
    require(user, perm)
    return _own_team(user, _objects("sickness.SpellCase"), "person__team_id")


def get_case_for_user(user: Any, case_id: int, perm: Perm = Perm.CASE_VIEW) -> Any:
    """The case (spell id), if the user may see it; 404 for another team's case (no leak)."""
    cases = cases_visible_to(user, perm).select_related(
        "spell", "person", "person__team", "current_screening", "current_screening__review"
    )
    return _get(cases, case_id, "Sagen findes ikke eller hører ikke til dit team.")


def get_screening_for_user(user: Any, screening_id: int, perm: Perm = Perm.CASE_VIEW) -> Any:
    """A screening on a case the user may see (404 otherwise)."""
    screenings = _objects("sickness.Screening").select_related("case", "review")
    visible = screenings.filter(case__in=cases_visible_to(user, perm))
    return _get(visible, screening_id, "Screeningen findes ikke eller hører ikke til dit team.")


def get_due_for_user(user: Any, due_id: int, perm: Perm = Perm.CONTACT_RECORD) -> Any:
    """A planned contact on a case the user may act on (404 otherwise)."""
    dues = _objects("sickness.ContactDue").select_related("case", "case__spell")
    visible = dues.filter(case__in=cases_visible_to(user, perm))
    return _get(visible, due_id, "Kontakten findes ikke eller hører ikke til dit team.")


def get_spell_for_user(user: Any, spell_id: int, perm: Perm = Perm.CASE_VIEW) -> Any:
    """The sickness spell behind a case the user may see (404 otherwise)."""
    return get_case_for_user(user, spell_id, perm).spell


def require_team_access(user: Any, team: Any, perm: Perm) -> None:
    """Refuse another team's data: a user acts on their own team; an administrator on all."""
    require(user, perm)
    if not sees_all_teams(user) and (team is None or user.team_id != team.pk):
        raise PermissionDenied(perm.value)


def capacity_teams(user: Any) -> QuerySet[Any]:
    """The teams whose capacity the user may set: their own (a team leader), every team (an
    administrator), none otherwise."""
    teams = _objects("accounts.Team")
    if not has_perm(user, Perm.CAPACITY_SET):
        return teams.none()
    return _own_team(user, teams, "pk")


def may_submit_application(user: Any, *, verified_citizen: bool = False) -> bool:
    """Who may hand in a sickness-benefit application: a citizen logged in with a verified
    CPR number (NemLog-in, `accounts.identity`); anyone through the public form when
    `CITIZEN_FORM_PUBLIC` (held until a caseworker matches the identity); or a user whose
    role may open cases (paper applications, the API)."""
    if verified_citizen:
        return True
    if getattr(user, "is_authenticated", False):
        if is_citizen(user):  # their own application: the CPR number comes from the login
            return bool(user.is_active)
        return has_perm(user, Perm.CASE_OPEN)
    return bool(settings.CITIZEN_FORM_PUBLIC)


def held_applications_visible_to(user: Any) -> QuerySet[Any]:
    """Applications without a verified identity, for the intake team (all: administrator)."""
    require(user, Perm.CASE_OPEN)
    return _own_team(user, _objects("sickness.HeldApplication"), "team_id")


def get_held_application_for_user(user: Any, held_id: int) -> Any:
    return _get(
        held_applications_visible_to(user),
        held_id,
        "Ansøgningen findes ikke eller hører ikke til dit team.",
    )


def is_citizen(user: Any) -> bool:
    """A citizen logged in through NemLog-in (no staff rights at all)."""
    return getattr(user, "is_authenticated", False) and user.role == Role.CITIZEN


# --------------------------------------------------------------------------- course phase-out


def courses_visible_to(user: Any, perm: Perm = Perm.TRANSITION_VIEW) -> QuerySet[Any]:
    """Courses a user may see: their team's persons', or all for an administrator. For the
    aggregate forecast (`TRANSITION_FORECAST`) an analyst counts every team's courses too;
    a course whose person is not in the register is seen by those who see all teams."""
    require(user, perm)
    courses = _objects("citizens.Course").select_related("person", "person__team")
    if perm == Perm.TRANSITION_FORECAST and has_perm(user, Perm.PSEUDONYMISED_DATA):
        return courses
    return _own_team(user, courses, "person__team_id")


def get_course_for_user(user: Any, course_id: int, perm: Perm = Perm.TRANSITION_VIEW) -> Any:
    """The course, if the user may act on it with `perm`; 404 for another team's (no leak)."""
    return _get(
        courses_visible_to(user, perm),
        course_id,
        "Forløbet findes ikke eller hører ikke til dit team.",
    )


def get_letter_for_user(user: Any, letter_id: int) -> Any:
    """A letter on the case file of a course the user may see (404 otherwise)."""
    letters = _objects("transition.Letter").select_related("person", "course")
    visible = letters.filter(course__in=courses_visible_to(user, Perm.TRANSITION_VIEW))
    return _get(visible, letter_id, "Brevet findes ikke eller hører ikke til dit team.")


def get_letter_batch_for_user(user: Any, batch_id: int) -> Any:
    """A batch of letters: its creator's team's (or any, for an administrator)."""
    require(user, Perm.TRANSITION_LETTER_BATCH)
    batches = _own_team(user, _objects("transition.LetterBatch"), "team_id")
    return _get(batches, batch_id, "Brevkørslen findes ikke.")
