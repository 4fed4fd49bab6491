"""The named actions of the sickness-benefit case.

Each checks permission, changes data inside one transaction, writes the audit entry and
returns the result. A refused request raises `ActionRefused` (a Danish message for the user)
or `PermissionDenied` / `Http404` (from `accounts.permissions`).
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Min
from django.http import Http404
from django.utils import timezone

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import (
    Perm,
    get_case_for_user,
    get_due_for_user,
    get_held_application_for_user,
    get_screening_for_user,
    is_citizen,
    may_submit_application,
    require,
    require_team_access,
)
from sporskifte.audit.actions import ActionRefused, StateConflict, is_system
from sporskifte.audit.log import log
from sporskifte.citizens.alerts import sync_alerts
from sporskifte.citizens.models import (
    Alert,
    Contact,
    Person,
    SicknessSpell,
    TeamDistrict,
    pseudonym_for,
)
from sporskifte.lib import cpr as cprlib
from sporskifte.lib import danish
from sporskifte.rules import plausibility
from sporskifte.rules.vocabulary import (
    DEFAULT_EMPLOYEE_NAME_SHOWN,
    EMPLOYEE_NAME_SHOWN,
    EMPLOYER_SIZES,
    EMPLOYMENT_STATUSES,
)
from sporskifte.screening.tracks import TrackPolicy
from sporskifte.sickness import capacity, law, screener
from sporskifte.sickness.models import (
    EXTENSION_GROUND_CHOICES,
    ContactDue,
    HeldApplication,
    ReturnPlan,
    Review,
    Screening,
    SpellCase,
    TeamCapacity,
    Track,
    WorkplaceContact,
)

CITIZEN = "borger (digital blanket)"
EMPLOYER = "arbejdsgiver (digital blanket)"
CONVERSATION_KINDS = (Contact.Kind.MEETING, Contact.Kind.PHONE, Contact.Kind.VIDEO)
MAX_WEEKS = 104


def today() -> date:
    return timezone.localdate()


def _actor(actor: Any, fallback: str) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else fallback


# --------------------------------------------------------------------------- the application


@dataclass(frozen=True)
class Application:
    """The sickness-benefit application's answers (the information form) plus, when it has
    arrived, the employer's expectation."""

    cpr: str
    name: str
    district: str
    onset_date: date
    employment_status: str
    employer_name: str
    employer_size: str
    partial_sick_leave: bool
    expected_return_weeks: int | None
    self_rated_health: int | None
    work_related: bool
    wants_return_plan: bool
    fast_track: bool = False
    employer_expected_return_weeks: int | None = None
    employee_name_shown: str = DEFAULT_EMPLOYEE_NAME_SHOWN  # how the employer may see the name


def _check_weeks(weeks: int | None, who: str) -> None:
    if weeks is not None and not 1 <= weeks <= MAX_WEEKS:
        raise ActionRefused(f"{who} skal være mellem 1 og {MAX_WEEKS} uger.")


def validate_application(app: Application, on: date) -> None:
    """The contract's rules for an application; an `ActionRefused` names the first problem."""
    if not cprlib.is_valid(app.cpr):
        raise ActionRefused("CPR-nummeret er ikke gyldigt.")
    if app.onset_date > on or app.onset_date < on - timedelta(days=365):
        raise ActionRefused(
            "Første sygedag skal ligge inden for det seneste år og ikke i fremtiden."
        )
    if app.employment_status not in EMPLOYMENT_STATUSES:
        raise ActionRefused("Beskæftigelsesstatus er ukendt.")
    birth = cprlib.birth_date(cprlib.normalise(app.cpr))
    for problem in plausibility.age_problems(birth, app.onset_date, app.employment_status):
        raise ActionRefused(problem.message, reasons=(problem.reason,))
    if app.employer_size not in EMPLOYER_SIZES:
        raise ActionRefused("Arbejdspladsens størrelse er ukendt.")
    if app.employee_name_shown not in EMPLOYEE_NAME_SHOWN:
        raise ActionRefused("Valget af, hvordan arbejdsgiveren ser dit navn, er ukendt.")
    if app.self_rated_health is not None and not 1 <= app.self_rated_health <= 5:
        raise ActionRefused("Helbred skal vurderes fra 1 til 5.")
    _check_weeks(app.expected_return_weeks, "Din forventning")
    _check_weeks(app.employer_expected_return_weeks, "Arbejdsgiverens forventning")
    if not app.name.strip():
        raise ActionRefused("Navn mangler.")


def _intake_team(district: str) -> Any:
    route = TeamDistrict.objects.select_related("team").filter(district=district).first()
    if route is None:
        raise ActionRefused(
            "Ingen team i kommunen modtager sager fra den valgte bydel. Kontakt kommunen."
        )
    return route.team


def _person_for(actor: Any, app: Application) -> Person:
    cpr = cprlib.normalise(app.cpr)
    person = Person.objects.select_related("team").filter(cpr=cpr).first()
    if person is None:
        team = _intake_team(app.district)
        person = Person.objects.create(
            cpr=cpr,
            pseudonym=pseudonym_for(cpr),
            name=app.name.strip()[:200],
            district=app.district,
            team=team,
        )
        log("person.create", actor=_actor(actor, CITIZEN), obj=person, detail={"via": "ansøgning"})
    if getattr(actor, "is_authenticated", False) and not is_citizen(actor):
        require_team_access(actor, person.team, Perm.CASE_OPEN)
    return person


def _history(person: Person, onset: date) -> tuple[int, int]:
    """(earlier spells, their sick weeks) in the 3 years before `onset` (register history)."""
    earlier = SicknessSpell.objects.filter(
        person_key=person.pseudonym,
        onset_date__lt=onset,
        onset_date__gte=onset - timedelta(days=3 * 365),
    ).values_list("duration_weeks", flat=True)
    weeks = [w for w in earlier]
    return len(weeks), min(156, round(sum(w or 0 for w in weeks)))


def _new_spell(person: Person, app: Application) -> SicknessSpell:
    cpr = person.cpr
    employed = app.employment_status == "employed"
    spells, weeks = _history(person, app.onset_date)
    return SicknessSpell.objects.create(
        spell_id=f"SK-{app.onset_date:%Y%m%d}-{secrets.token_hex(5)}",
        person_key=person.pseudonym,
        person=person,
        onset_date=app.onset_date,
        birth_year=cprlib.birth_date(cpr).year,
        sex="M" if int(cpr[-1]) % 2 else "F",
        employment_status=app.employment_status,
        employer_size=app.employer_size if employed else "none",
        education="unknown",
        diagnosis_group="unknown",
        partial_sick_leave=app.partial_sick_leave,
        expected_return_weeks=app.expected_return_weeks,
        employer_expected_return_weeks=app.employer_expected_return_weeks if employed else None,
        self_rated_health=app.self_rated_health,
        work_related=app.work_related,
        prior_spells_3y=spells,
        prior_sick_weeks_3y=weeks,
        benefit_weeks_3y=weeks,
        district=person.district,
        ended=False,
    )


def _refuse_duplicate(person: Person, onset: date) -> None:
    if SpellCase.objects.filter(
        person=person, spell__onset_date=onset, closed_at__isnull=True
    ).exists():
        raise StateConflict("En anmeldelse med samme første sygedag er allerede modtaget.")


@transaction.atomic
def open_spell(
    actor: Any,
    app: Application,
    *,
    via: str = SpellCase.Via.FORM,
    on: date | None = None,
    verified_citizen: bool = False,
) -> SpellCase:
    """Receive an application: store the spell and its case, and screen it at once.

    The caller vouches for `app.cpr`: a staff user (a paper application, the API), the
    citizen's own login (`verified_citizen`, the CPR number from `accounts.identity`) or a
    caseworker matching a held application. The public form without login never calls this
    with a typed number; it calls `hold_application`."""
    if not may_submit_application(actor, verified_citizen=verified_citizen):
        raise PermissionDenied(Perm.CASE_OPEN.value)
    day = on or today()
    validate_application(app, day)
    person = _person_for(actor, app)
    _refuse_duplicate(person, app.onset_date)
    spell = _new_spell(person, app)
    employed = app.employment_status == "employed"
    case = SpellCase.objects.create(
        spell=spell,
        person=person,
        opened_via=via,
        opened_on=day,
        receipt_token=secrets.token_urlsafe(24),
        employer_token=secrets.token_urlsafe(24),
        employer_name=app.employer_name.strip()[:200] if employed else "",
        wants_return_plan=app.wants_return_plan,
        employee_name_shown=app.employee_name_shown,
        fast_track_request_date=day if app.fast_track else None,
        employer_reported_at=timezone.now() if spell.employer_expected_return_weeks else None,
    )
    log("spell.open", actor=_actor(actor, CITIZEN), obj=case,
        detail={"via": via, "employee_name_shown": case.employee_name_shown})  # fmt: skip
    _screen(case, actor, day, Screening.Trigger.APPLICATION)
    return case


# --------------------------------------------------------------------------- screening


def _decided_track(case: SpellCase) -> str | None:
    decided = (
        Review.objects.filter(
            screening__case=case, state__in=(Review.State.CONFIRMED, Review.State.OVERRIDDEN)
        )
        .order_by("-decided_at")
        .values_list("decided_track", flat=True)
        .first()
    )
    return decided or None


def _supersede(case: SpellCase, trigger: str) -> None:
    """Cancel the previous screening's review if it still awaits a decision."""
    label = Screening.Trigger(trigger).label.lower()
    Review.objects.filter(screening__case=case, state=Review.State.AWAITING).update(
        state=Review.State.CANCELLED,
        reason=f"Erstattet af en ny screening ({label}).",
        decided_at=timezone.now(),
    )


def _store_screening(
    case: SpellCase, result: Any, row: dict[str, Any], day: date, trigger: str
) -> Screening:
    return Screening.objects.create(
        case=case,
        screened_on=day,
        trigger=trigger,
        mode=result.mode,
        model_version=result.model_version or "",
        p_long=result.p_long,
        median_weeks=result.median_weeks,
        baseline=result.baseline,
        proposed_track=result.track,
        exempt=result.exempt,
        flag_high_risk_exempt=result.flag_high_risk_exempt,
        inputs=row,
        contributions=screener.contributions_json(result),
        reasons=screener.reasons_json(result),
    )


def _screen(case: SpellCase, actor: Any, day: date, trigger: str) -> Screening:
    row = screener.spell_row(case.spell)
    result = screener.screen_rows([row], day, case.person.team_id)[0]
    _supersede(case, trigger)
    screening = _store_screening(case, result, row, day, trigger)
    Review.objects.create(screening=screening, proposed_track=screening.proposed_track)
    case.current_screening = screening
    case.track = _decided_track(case) or screening.proposed_track
    case.save(update_fields=["current_screening", "track"])
    refresh_case(case, day)
    log(
        "spell.screen",
        actor=_actor(actor, CITIZEN),
        obj=case,
        detail={
            "screening": screening.pk,
            "trigger": trigger,
            "mode": screening.mode,
            "model_version": screening.model_version,
            "p_long": screening.p_long,
            "proposed_track": screening.proposed_track,
        },
    )
    return screening


@transaction.atomic
def screen_spell(user: Any, case_id: int, on: date | None = None) -> Screening:
    """Screen a case again (e.g. after its facts changed); the new screening awaits review."""
    case = get_case_for_user(user, case_id, Perm.CASE_REVIEW)
    _require_open(case)
    return _screen(case, user, on or today(), Screening.Trigger.RESCREEN)


def _require_open(case: SpellCase) -> None:
    if not case.is_open:
        raise StateConflict("Sagen er afsluttet.")


# --------------------------------------------------------------------------- review


def _decide(review: Review, decision: str, track: str | None, reason: str) -> None:
    if decision == "confirm":
        review.state, review.decided_track = Review.State.CONFIRMED, review.proposed_track
    elif decision == "override":
        if track not in Track.values:
            raise ActionRefused("Vælg et spor.")
        if track == review.proposed_track:
            raise ActionRefused("Vælg et andet spor end det foreslåede, eller bekræft forslaget.")
        if not reason:
            raise ActionRefused("Skriv en begrundelse for at vælge et andet spor.")
        review.state, review.decided_track = Review.State.OVERRIDDEN, track
    elif decision == "cancel":
        if not reason:
            raise ActionRefused("Skriv en begrundelse for at annullere vurderingen.")
        review.state = Review.State.CANCELLED
    else:
        raise ActionRefused("Ukendt beslutning.")


@transaction.atomic
def review_screening(
    user: Any,
    screening_id: int,
    decision: str,
    *,
    track: str | None = None,
    reason: str = "",
    on: date | None = None,
) -> Review:
    """Confirm the proposed track, choose another (reason required) or cancel the review
    (reason required). Only the case's current screening, and only while it awaits review."""
    screening = get_screening_for_user(user, screening_id, Perm.CASE_REVIEW)
    case = get_case_for_user(user, screening.case_id, Perm.CASE_REVIEW)
    _require_open(case)
    if case.current_screening_id != screening.pk:
        raise StateConflict("Screeningen er erstattet af en nyere; vurdér den nye.")
    review = Review.objects.select_for_update().get(screening=screening)
    if review.state != Review.State.AWAITING:
        raise StateConflict("Screeningen er allerede vurderet.")
    _decide(review, decision, track, reason.strip()[:2000])
    review.reason = reason.strip()[:2000]
    review.decided_by, review.decided_at = user, timezone.now()
    review.save()
    if review.is_decided:
        case.track = review.decided_track
        case.save(update_fields=["track"])
    refresh_case(case, on or today())
    log(
        f"review.{decision}",
        actor=user,
        obj=case,
        detail={
            "screening": screening.pk,
            "proposed_track": review.proposed_track,
            "decided_track": review.decided_track,
            "reason": review.reason,
            "model_version": screening.model_version,
            "mode": screening.mode,
            "p_long": screening.p_long,
        },
    )
    return review


# --------------------------------------------------------------------------- contacts


def _target_due(case: SpellCase, kind: str) -> ContactDue | None:
    planned = case.contact_plan.filter(status=ContactDue.Status.PLANNED)
    if kind == Contact.Kind.RECOVERY_CHECK:
        return planned.filter(kind=ContactDue.Kind.RECOVERY_CHECK).first()
    if kind not in CONVERSATION_KINDS:
        return None
    conversations = planned.exclude(kind=ContactDue.Kind.RECOVERY_CHECK)
    legal = conversations.filter(legal=True).order_by("deadline", "due").first()
    return legal or conversations.order_by("due").first()


@transaction.atomic
def record_contact(
    user: Any, case_id: int, *, kind: str, held_on: date, note: str = "", on: date | None = None
) -> Contact:
    """Record a conversation (or a recovery check); it fulfils the plan's next entry of that
    kind, the law's minimum first."""
    case = get_case_for_user(user, case_id, Perm.CONTACT_RECORD)
    day = on or today()
    if kind not in Contact.Kind.values:
        raise ActionRefused("Vælg en kontakttype.")
    if held_on > day or held_on < case.spell.onset_date:
        raise ActionRefused("Datoen skal ligge mellem første sygedag og i dag.")
    contact = Contact.objects.create(
        person=case.person,
        spell=case.spell,
        kind=kind,
        held_on=held_on,
        note=note.strip()[:5000],
        recorded_by=user,
    )
    due = _target_due(case, kind)
    if due is not None:
        due.status, due.contact = ContactDue.Status.DONE, contact
        due.save(update_fields=["status", "contact", "updated_at"])
    refresh_case(case, day)
    log(
        "contact.record",
        actor=user,
        obj=case,
        detail={
            "contact": contact.pk,
            "kind": kind,
            "held_on": held_on.isoformat(),
            "fulfils": due.key if due else None,
        },
    )
    return contact


@transaction.atomic
def move_contact_date(
    user: Any, due_id: int, new_date: date, reason: str, on: date | None = None
) -> ContactDue:
    """Move a planned contact to another date; a reason is required, and a legal deadline is
    never passed."""
    due = get_due_for_user(user, due_id)
    case = get_case_for_user(user, due.case_id, Perm.CONTACT_RECORD)
    reason = reason.strip()[:300]
    if due.status != ContactDue.Status.PLANNED:
        raise ActionRefused("Kun planlagte kontakter kan flyttes.")
    if not reason:
        raise ActionRefused("Skriv en begrundelse for at flytte datoen.")
    if new_date < (on or today()):
        raise ActionRefused("Den nye dato kan ikke ligge før i dag.")
    if due.deadline is not None and new_date > due.deadline:
        raise ActionRefused(f"Datoen ligger efter lovens frist ({danish.dato(due.deadline)}).")
    before = due.due
    due.moved_from = due.moved_from or before
    due.due, due.move_reason = new_date, reason
    due.save(update_fields=["due", "moved_from", "move_reason", "updated_at"])
    refresh_case(case, on or today())
    log(
        "contact.move",
        actor=user,
        obj=case,
        detail={
            "due": due.pk,
            "kind": due.kind,
            "from": before.isoformat(),
            "to": new_date.isoformat(),
            "reason": reason,
        },
    )
    return due


# --------------------------------------------------------------------------- facts after opening


def _employer_expectation(case: SpellCase, weeks: int, actor: Any, day: date) -> Screening:
    _require_open(case)
    _check_weeks(weeks, "Arbejdsgiverens forventning")
    if case.spell.employment_status != "employed":
        raise ActionRefused("Personen var ikke i job ved sygemeldingen.")
    earlier = case.spell.employer_expected_return_weeks
    case.spell.employer_expected_return_weeks = weeks
    case.spell.save(update_fields=["employer_expected_return_weeks", "imported"])
    case.employer_reported_at = timezone.now()
    case.save(update_fields=["employer_reported_at"])
    detail: dict[str, Any] = {"weeks": weeks}
    if earlier is not None:
        detail["replaces"] = earlier
    log("spell.employer_expectation", actor=_actor(actor, EMPLOYER), obj=case, detail=detail)
    return _screen(case, actor, day, Screening.Trigger.EMPLOYER)


@transaction.atomic
def record_employer_expectation(
    user: Any, case_id: int, weeks: int, on: date | None = None
) -> Screening:
    """The employer's expected absence, entered by a caseworker; the case is screened again."""
    case = get_case_for_user(user, case_id, Perm.CASE_REVIEW)
    return _employer_expectation(case, weeks, user, on or today())


def case_for_employer_token(token: str) -> SpellCase:
    """The case behind an employer's link (404 for an unknown, or a closed, case)."""
    case = (
        SpellCase.objects.select_related("spell", "person")
        .filter(employer_token=token, closed_at__isnull=True)
        .first()
    )
    if case is None or not token:
        raise Http404("Linket er ikke gyldigt.")
    return case


@transaction.atomic
def submit_employer_statement(
    actor: Any, token: str, weeks: int, on: date | None = None, *, replace: bool = False
) -> Screening:
    """The employer's own statement through their link (public in the demo). An earlier
    answer is replaced only when the employer confirms it (`replace`)."""
    if not may_submit_application(actor):
        raise PermissionDenied(Perm.CASE_OPEN.value)
    case = case_for_employer_token(token)
    if case.spell.employer_expected_return_weeks is not None and not replace:
        raise StateConflict(
            "I har allerede svaret på denne sag. Bekræft, at det nye svar skal erstatte det "
            "tidligere."
        )
    return _employer_expectation(case, weeks, actor, on or today())


@transaction.atomic
def record_extension_ground(
    user: Any, case_id: int, ground: str, on: date | None = None
) -> SpellCase:
    """Record (or clear, with "") the § 27 extension ground; it clears the limit alert."""
    case = get_case_for_user(user, case_id, Perm.CASE_REVIEW)
    _require_open(case)
    if ground and ground not in dict(EXTENSION_GROUND_CHOICES):
        raise ActionRefused("Ukendt forlængelsesgrundlag.")
    before = case.extension_ground
    case.extension_ground = ground
    case.save(update_fields=["extension_ground"])
    refresh_case(case, on or today())
    log("spell.extension_ground", actor=user, obj=case, detail={"from": before, "to": ground})
    return case


@transaction.atomic
def record_return(user: Any, case_id: int, returned_on: date, on: date | None = None) -> SpellCase:
    """The person is back at work: the spell ends, the plan's open entries lapse, the
    alerts clear, and the outcome flows back to the register record."""
    case = get_case_for_user(user, case_id, Perm.CONTACT_RECORD)
    _require_open(case)
    day = on or today()
    spell = case.spell
    if returned_on <= spell.onset_date or returned_on > day + timedelta(days=31):
        raise ActionRefused("Datoen skal ligge efter første sygedag.")
    case.returned_on, case.closed_at = returned_on, timezone.now()
    case.save(update_fields=["returned_on", "closed_at"])
    spell.ended, spell.end_reason = True, "work"
    spell.duration_weeks = round((returned_on - spell.onset_date).days / 7, 2)
    spell.save(update_fields=["ended", "end_reason", "duration_weeks", "imported"])
    Review.objects.filter(screening__case=case, state=Review.State.AWAITING).update(
        state=Review.State.CANCELLED, reason="Sagen er afsluttet.", decided_at=timezone.now()
    )
    refresh_case(case, day)
    log("spell.return", actor=user, obj=case, detail={"returned_on": returned_on.isoformat()})
    return case


# --------------------------------------------------------------------------- reads (audited)


def view_case(user: Any, case_id: int) -> SpellCase:
    """Open a case page: access-checked and logged."""
    case = get_case_for_user(user, case_id)
    log("case.view", actor=user, obj=case)
    return case


def view_screening(user: Any, screening_id: int) -> Screening:
    """Read one screening (the API): access-checked and logged as a view of its case."""
    screening = get_screening_for_user(user, screening_id)
    log("case.view", actor=user, obj=screening.case, detail={"screening": screening.pk})
    return screening


def view_case_file(user: Any, case_id: int) -> SpellCase:
    """The printable case file for an access request (aktindsigt): logged as such."""
    case = get_case_for_user(user, case_id)
    log("case.file", actor=user, obj=case)
    return case


# --------------------------------------------------------------------------- plan and alerts


def _first_conversation(spell: SicknessSpell) -> date | None:
    first = Contact.objects.filter(spell=spell, kind__in=CONVERSATION_KINDS).aggregate(
        first=Min("held_on")
    )["first"]
    return first


def assessment(case: SpellCase, on: date) -> law.Assessment:
    """The rules' answers for a case as of `on` (with its history and first conversation)."""
    spell = case.spell
    earlier = SicknessSpell.objects.filter(person_key=spell.person_key).exclude(pk=spell.pk)
    return law.assess(
        case,
        spell,
        on,
        first_conversation=_first_conversation(spell),
        prior=law.prior_periods(earlier, spell.onset_date),
    )


def _apply_plan(case: SpellCase, wanted: list[law.PlanItem]) -> None:
    existing = {d.key: d for d in case.contact_plan.all()}
    by_key = {item.key: item for item in wanted}
    for key, due in existing.items():
        if due.status == ContactDue.Status.PLANNED and key not in by_key:
            due.status = ContactDue.Status.CANCELLED
            due.save(update_fields=["status", "updated_at"])
    for key, item in by_key.items():
        due = existing.get(key) or ContactDue(case=case, key=key)
        if due.status == ContactDue.Status.DONE and due.pk:
            continue
        due.status, due.kind, due.deadline, due.legal = (
            ContactDue.Status.PLANNED,
            item.kind,
            item.deadline,
            item.legal,
        )
        due.reason, due.rule = item.reason.text[:400], item.reason.rule[:200]
        due.source, due.provisional = item.reason.source[:500], item.reason.provisional
        if not due.moved_from:
            due.due = item.due
        due.save()


def refresh_case(case: SpellCase, on: date) -> None:
    """Re-plan contacts, set the next due date and open/clear the case's alerts (no audit
    entry of its own: it runs inside the action that changed the case)."""
    a = assessment(case, on)
    if case.is_open:
        _apply_plan(case, law.contact_plan(case, case.spell, a.fu, case.track, on))
    else:
        case.contact_plan.filter(status=ContactDue.Status.PLANNED).update(
            status=ContactDue.Status.CANCELLED
        )
    planned = case.contact_plan.filter(status=ContactDue.Status.PLANNED)
    case.next_due = planned.aggregate(first=Min("due"))["first"]
    case.save(update_fields=["next_due"])
    screening = case.current_screening
    state = Review.objects.filter(screening=screening).values_list("state", flat=True)
    inputs = law.AlertInputs(
        case,
        case.spell,
        a.fu,
        a.clock,
        state.first(),
        bool(screening and screening.flag_high_risk_exempt),
        screening.p_long if screening else None,
        list(planned.filter(legal=True, deadline__lt=on)),
    )
    scope = Alert.objects.filter(
        spell=case.spell, code__in=law.ALERT_CODES, cleared_at__isnull=True
    )
    sync_alerts(law.alert_specs(inputs, on), codes=law.ALERT_CODES, scope=scope)


# --------------------------------------------------------------------------- the employer's part

PLAN_MAX_WEEKS = 26
PLAN_MAX_HOURS = 60
PLAN_TEXT_MAX = 2000


@dataclass(frozen=True)
class PlanWeek:
    week: int
    hours: float | None
    tasks: str


@dataclass(frozen=True)
class PlanInput:
    """A return-to-work plan as the employer gives it."""

    weeks: tuple[PlanWeek, ...]
    adjustments: str
    contact_name: str
    contact_phone: str = ""
    cvr: str = ""


def view_employer_page(token: str) -> SpellCase:
    """The employer opens their link: the case behind it (404 otherwise), logged."""
    case = case_for_employer_token(token)
    log("employer.view", actor=EMPLOYER, obj=case)
    return case


def _check_plan(plan: PlanInput) -> str:
    """The plan's problems, first one named in Danish; returns the validated CVR number."""
    from stdnum.dk import cvr as cvrlib
    from stdnum.exceptions import ValidationError as StdnumError

    if not plan.weeks:
        raise ActionRefused("Udfyld mindst én uge i planen.")
    if not plan.contact_name.strip():
        raise ActionRefused("Skriv navnet på en kontaktperson.")
    for week in plan.weeks:
        if not 1 <= week.week <= PLAN_MAX_WEEKS:
            raise ActionRefused(f"Ugerne skal ligge mellem 1 og {PLAN_MAX_WEEKS}.")
        if week.hours is not None and not 0 <= week.hours <= PLAN_MAX_HOURS:
            raise ActionRefused(f"Timer pr. uge skal være mellem 0 og {PLAN_MAX_HOURS}.")
        if week.hours is None and not week.tasks.strip():
            raise ActionRefused(f"Uge {week.week}: skriv timer eller opgaver.")
    if len(plan.adjustments) > PLAN_TEXT_MAX or any(len(w.tasks) > 500 for w in plan.weeks):
        raise ActionRefused(f"Teksten må højst være {PLAN_TEXT_MAX} tegn.")
    if not plan.cvr.strip():
        return ""
    try:
        return str(cvrlib.validate(plan.cvr))
    except StdnumError:
        raise ActionRefused("CVR-nummeret er ikke gyldigt (8 cifre med kontrolciffer).") from None


@transaction.atomic
def submit_return_plan(
    actor: Any, token: str, plan: PlanInput, on: date | None = None
) -> ReturnPlan:
    """The employer's return-to-work plan through their link: stored on the case, and the case
    is screened again (a stated partial return changes the prediction)."""
    if not may_submit_application(actor):
        raise PermissionDenied(Perm.CASE_OPEN.value)
    case = case_for_employer_token(token)
    _require_open(case)
    cvr = _check_plan(plan)
    day = on or today()
    weeks = sorted(plan.weeks, key=lambda w: w.week)
    partial = any((w.hours or 0) > 0 for w in weeks)
    stored = ReturnPlan.objects.create(
        case=case, submitted_on=day, adjustments=plan.adjustments.strip(),
        weeks=[{"week": w.week, "hours": w.hours, "tasks": w.tasks.strip()} for w in weeks],
        contact_name=plan.contact_name.strip(), contact_phone=plan.contact_phone.strip(),
        partial_return=partial,
    )  # fmt: skip
    if cvr and cvr != case.employer_cvr:
        case.employer_cvr = cvr
        case.save(update_fields=["employer_cvr"])
    if partial and not case.spell.partial_sick_leave:
        case.spell.partial_sick_leave = True
        case.spell.save(update_fields=["partial_sick_leave", "imported"])
    detail = {"weeks": len(weeks), "partial_return": partial, "cvr_given": bool(cvr)}
    log("employer.return_plan", actor=_actor(actor, EMPLOYER), obj=case, detail=detail)
    _screen(case, actor, day, Screening.Trigger.EMPLOYER)
    return stored


def workplaces(user: Any, on: date | None = None) -> list[Any]:
    """The company consultant's list: small workplaces that need support, by need."""
    from sporskifte.sickness import employer

    require(user, Perm.EMPLOYER_SUPPORT)
    found = employer.workplaces_needing_support(employer.open_employed_cases(), on or today())
    log("employer.workplaces_view", actor=user, label="Arbejdspladser med behov for støtte",
        detail={"workplaces": len(found)})  # fmt: skip
    return found


@transaction.atomic
def record_workplace_contact(
    user: Any, *, key: str, name: str, held_on: date, note: str, on: date | None = None
) -> WorkplaceContact:
    """A consultant's contact with a workplace (a phone call, a visit), recorded."""
    require(user, Perm.EMPLOYER_SUPPORT)
    day = on or today()
    if not key.strip() or not name.strip():
        raise ActionRefused("Arbejdspladsen mangler.")
    if held_on > day or held_on < day - timedelta(days=365):
        raise ActionRefused("Datoen skal ligge inden for det seneste år og ikke i fremtiden.")
    if len(note) > PLAN_TEXT_MAX:
        raise ActionRefused(f"Notatet må højst være {PLAN_TEXT_MAX} tegn.")
    contact = WorkplaceContact.objects.create(
        workplace_key=key.strip(), workplace_name=name.strip()[:200], held_on=held_on,
        note=note.strip(), recorded_by=user,
    )  # fmt: skip
    log("employer.workplace_contact", actor=user, obj=contact, label=contact.workplace_name)
    return contact


def employer_letter(user: Any, case_id: int, on: date | None = None) -> tuple[SpellCase, date]:
    """A caseworker prints the letter to the employer (deadlines of the case), logged."""
    case = get_case_for_user(user, case_id, Perm.CASE_VIEW)
    log("employer.letter", actor=user, obj=case)
    return case, on or today()


# --------------------------------------------------------------------------- no verified identity

HELD_CITIZEN = "borger (uden login)"


def _answers_json(app: Application) -> dict[str, Any]:
    answers = asdict(app)
    answers["onset_date"] = app.onset_date.isoformat()
    return answers


def held_application_answers(held: HeldApplication) -> Application:
    """The application as the citizen typed it."""
    answers = dict(held.answers)
    answers["onset_date"] = date.fromisoformat(answers["onset_date"])
    return Application(**answers)


@transaction.atomic
def hold_application(actor: Any, app: Application, *, on: date | None = None) -> HeldApplication:
    """Receive an application without a verified identity: keep it for the intake team.

    The typed CPR number is never looked up, so the answer is the same whether or not a
    person with that number exists, and nothing registered is shown back."""
    if not may_submit_application(actor):
        raise PermissionDenied(Perm.CASE_OPEN.value)
    validate_application(app, on or today())
    held = HeldApplication.objects.create(
        team=_intake_team(app.district),
        claimed_cpr=cprlib.normalise(app.cpr),
        claimed_name=app.name.strip()[:200],
        answers=_answers_json(app),
        receipt_token=secrets.token_urlsafe(24),
    )
    log("application.hold", actor=_actor(actor, HELD_CITIZEN), obj=held)
    return held


def _waiting(user: Any, held_id: int) -> HeldApplication:
    held: HeldApplication = get_held_application_for_user(user, held_id)
    held = HeldApplication.objects.select_for_update().get(pk=held.pk)
    if held.state != HeldApplication.State.WAITING:
        raise StateConflict("Ansøgningen er allerede behandlet.")
    return held


@transaction.atomic
def match_held_application(
    user: Any, held_id: int, *, cpr: str, note: str, on: date | None = None
) -> SpellCase:
    """A caseworker has checked who the citizen is (`note` says how) and confirms the CPR
    number (`cpr`, corrected if the citizen mistyped it): the case opens on that person."""
    held = _waiting(user, held_id)
    note = note.strip()
    if not note:
        raise ActionRefused("Skriv, hvordan identiteten er kontrolleret.")
    if not cprlib.is_valid(cpr):
        raise ActionRefused("CPR-nummeret er ikke gyldigt.")
    app = replace(held_application_answers(held), cpr=cprlib.normalise(cpr))
    case = open_spell(user, app, on=on or today())
    held.state = HeldApplication.State.MATCHED
    held.case = case
    held.decided_at = timezone.now()
    held.decided_by = user
    held.decision_note = note
    held.save(update_fields=["state", "case", "decided_at", "decided_by", "decision_note"])
    log(
        "application.match",
        actor=user,
        obj=held,
        detail={"case": case.pk, "cpr_corrected": app.cpr != held.claimed_cpr},
    )
    return case


@transaction.atomic
def reject_held_application(user: Any, held_id: int, *, note: str) -> HeldApplication:
    """The identity could not be confirmed (or the application is a duplicate or abuse)."""
    held = _waiting(user, held_id)
    note = note.strip()
    if not note:
        raise ActionRefused("Skriv en begrundelse for at afvise ansøgningen.")
    held.state = HeldApplication.State.REJECTED
    held.decided_at = timezone.now()
    held.decided_by = user
    held.decision_note = note
    held.save(update_fields=["state", "decided_at", "decided_by", "decision_note"])
    log("application.reject", actor=user, obj=held)
    return held


# --------------------------------------------------------------------------- capacity


def _case_bands(cases: list[SpellCase]) -> Any:
    import pandas as pd

    from sporskifte.screening.features import age_band

    frame = pd.DataFrame(
        {
            "onset_date": [c.spell.onset_date for c in cases],
            "birth_year": [c.spell.birth_year for c in cases],
        }
    )
    return age_band(frame).to_numpy(dtype=object)


def _reproposed(old: Screening, track: int, policy: TrackPolicy, day: date) -> Screening:
    """A copy of `old` (same inputs, risk and factors) proposing `track` under `policy`."""
    from sporskifte.screening.reasons import TRACK_POLICY_RULE, track_reason

    reason = track_reason(track, old.p_long, policy).as_dict()
    reasons = [reason if r.get("rule") == TRACK_POLICY_RULE else r for r in old.reasons]
    if reason not in reasons:
        reasons.append(reason)
    return Screening.objects.create(
        case_id=old.case_id, screened_on=day, trigger=Screening.Trigger.CAPACITY, mode=old.mode,
        model_version=old.model_version, p_long=old.p_long, median_weeks=old.median_weeks,
        baseline=old.baseline, proposed_track=Track.values[track - 1], exempt=old.exempt,
        flag_high_risk_exempt=old.flag_high_risk_exempt, inputs=old.inputs,
        contributions=old.contributions, reasons=reasons,
    )  # fmt: skip


def _repropose(team_id: int, policy: TrackPolicy, day: date) -> list[int]:
    """Re-propose the track of the team's open cases whose screening (with a risk) still awaits
    review, where `policy` proposes another: a new screening, the old review cancelled."""
    cases = list(
        SpellCase.objects.filter(
            person__team_id=team_id, closed_at__isnull=True,
            current_screening__p_long__isnull=False,
            current_screening__review__state=Review.State.AWAITING,
        ).select_related("spell", "person", "current_screening")
    )  # fmt: skip
    if not cases:
        return []
    old = [case.current_screening for case in cases if case.current_screening is not None]
    assert len(old) == len(cases)  # the query asks for a current screening with a risk
    tracks = policy.assign(
        [float(s.p_long or 0.0) for s in old],
        [s.exempt for s in old],
        _case_bands(cases) if policy.band_thresholds else None,
    )
    changed = []
    for case, screening, track in zip(cases, old, tracks, strict=True):
        if Track.values[int(track) - 1] == screening.proposed_track:
            continue
        _supersede(case, Screening.Trigger.CAPACITY)
        new = _reproposed(screening, int(track), policy, day)
        Review.objects.create(screening=new, proposed_track=new.proposed_track)
        case.current_screening = new
        case.track = _decided_track(case) or new.proposed_track
        case.save(update_fields=["current_screening", "track"])
        refresh_case(case, day)
        changed.append(case.pk)
    return changed


def _stored_capacity(
    actor: Any, team: Team, values: capacity.CapacityInput, fitted: capacity.Fit
) -> TeamCapacity:
    policy = fitted.policy
    user = None if is_system(actor) else actor
    return TeamCapacity.objects.create(
        team=team, set_by=user, set_by_label=str(actor if user is None else user.display_name),
        **asdict(values), threshold=policy.threshold if policy else None,
        fits=policy.fits if policy else True, weekly_inflow=fitted.weekly_inflow,
        reference_spells=fitted.reference_spells,
        expected_hours_per_week=policy.expected_hours_per_week if policy else None,
    )  # fmt: skip


def set_capacity(
    actor: Any, team_id: int, values: capacity.CapacityInput, *, on: date | None = None
) -> TeamCapacity:
    """Store a team's capacity (a team leader for their own team, or an administrator), fit
    the track-3 threshold to it on the team's inflow, and re-propose the tracks of the team's
    cases awaiting review (`sickness.capacity`). Bad figures are refused with a Danish message
    per field; nothing is stored then."""
    team = Team.objects.filter(pk=team_id).first()
    if not is_system(actor):
        require_team_access(actor, team, Perm.CAPACITY_SET)
    if team is None:
        raise ActionRefused("Teamet findes ikke.")
    found = capacity.problems(asdict(values))
    if found:
        raise ActionRefused(
            " ".join(f"{capacity.LIMITS[name].label}: {text}" for name, text in found.items())
        )
    day = on or today()
    base = screener.base_policy()
    before = capacity.team_policy(base, capacity.current(team.pk)).threshold
    fitted = capacity.fit(team.pk, values, day, base)
    with transaction.atomic():
        stored = _stored_capacity(actor, team, values, fitted)
        policy = capacity.team_policy(base, stored)
        changed = _repropose(team.pk, policy, day) if fitted.policy else []
        log(
            "capacity.set",
            actor=actor,
            obj=team,
            label=f"Kapacitet for {team.name}",
            detail={
                **asdict(values), "threshold": stored.threshold, "threshold_before": before,
                "fits": stored.fits, "weekly_inflow": stored.weekly_inflow,
                "reference_spells": stored.reference_spells, "reproposed": len(changed),
                "cases": changed[:500], "on": day.isoformat(),
            },
        )  # fmt: skip
    return stored
