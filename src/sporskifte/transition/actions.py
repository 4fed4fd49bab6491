"""Every state change of the phase-out is a named action here: it checks permission, changes
data in one transaction, writes the audit entry, re-checks the flags and returns the result.
Views, the API, the CLI and tests call these functions.

`actor` is a user, or (from the command line and the management commands) a string naming
the operator, as in `casework.imports`: the shell user is trusted with the whole register.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import (
    Perm,
    courses_visible_to,
    get_course_for_user,
    get_letter_batch_for_user,
    get_letter_for_user,
    get_person_for_user,
    require,
)
from sporskifte.audit.actions import ActionRefused, is_system
from sporskifte.audit.log import log
from sporskifte.citizens.models import Course, Person
from sporskifte.lib import cpr as cprlib
from sporskifte.lib.dates import add_months
from sporskifte.rules import courses as course_rules
from sporskifte.rules.answers import Reason
from sporskifte.rules.params import load_params
from sporskifte.transition import facts as casefile
from sporskifte.transition import flags, letters
from sporskifte.transition.models import (
    PREVIOUS_BENEFIT_CHOICES,
    CourseGrant,
    Letter,
    LetterBatch,
    NextStepDecision,
)
from sporskifte.transition.policy import NEXT_STEPS, SCHEMES, CourseStatus

EARLIEST, LATEST = date(1980, 1, 1), date(2100, 12, 31)  # as the courses contract
REASON_MAX = 2000


def _today() -> date:
    return timezone.localdate()


# --- reading ---------------------------------------------------------------------------------


def view_course(user: Any, course_id: int) -> tuple[Course, CourseStatus]:
    """Open a course's page: access-checked, assessed today, and logged."""
    course = get_course_for_user(user, course_id)
    status = casefile.assess_one(course)
    log("transition.course_view", actor=user, obj=course)
    return course, status


def overview_rows(user: Any, on: date | None = None) -> list[casefile.Row]:
    """The running courses the user may see, assessed (not logged: a list of their own
    team's courses, as the person search list is not)."""
    return casefile.assess_courses(courses_visible_to(user), on)


def forecast_rows(user: Any, on: date | None = None) -> list[casefile.Row]:
    """The running courses counted in the user's forecast (aggregate use only)."""
    return casefile.assess_courses(courses_visible_to(user, Perm.TRANSITION_FORECAST), on)


def download_letter(user: Any, letter_id: int) -> Letter:
    """A stored letter, for download: access-checked and logged."""
    letter = get_letter_for_user(user, letter_id)
    log("transition.letter_download", actor=user, obj=letter.course,
        detail={"letter": letter.pk, "filename": letter.filename})  # fmt: skip
    return letter


def export_forecast(user: Any) -> list[casefile.Row]:
    """The rows behind a forecast export (the CSV download), logged."""
    rows = forecast_rows(user)
    log("transition.forecast_export", actor=user, label="Prognose for udfasning",
        detail={"courses": len(rows)})  # fmt: skip
    return rows


# --- deciding the next step ----------------------------------------------------------------


def _check_decision(course: Course, next_step: str, decided_on: date, reason: str) -> str:
    if next_step not in NEXT_STEPS:
        raise ActionRefused(f"Ukendt næste skridt: {next_step!r}.")
    text = reason.strip()
    if not text:
        raise ActionRefused("Skriv en begrundelse for beslutningen.")
    if len(text) > REASON_MAX:
        raise ActionRefused(f"Begrundelsen må højst være {REASON_MAX} tegn.")
    if decided_on > _today() or decided_on < course.referral_date:
        raise ActionRefused(
            "Beslutningsdatoen skal ligge mellem forløbets visitationsdato og i dag."
        )
    if course.ended_date is not None and course.ended_date <= _today():
        raise ActionRefused("Forløbet er afsluttet; næste skridt kan ikke ændres.")
    return text


def decide_next_step(
    user: Any, course_id: int, *, next_step: str, decided_on: date, reason: str
) -> NextStepDecision:
    """Record the next step after a course (the `end_reason` vocabulary), its date and why.

    The decision is its own record (the register's columns are never written, so a re-import
    cannot revert it); a refused grant of a closed scheme for the person counts as resolved;
    the person's flags are re-checked.
    """
    course = get_course_for_user(user, course_id, Perm.TRANSITION_DECIDE)
    text = _check_decision(course, next_step, decided_on, reason)
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=course.pk)
        decided = casefile.decisions(Course.objects.filter(pk=course.pk)).get(course.pk)
        before = casefile.next_step(course, decided)[0] or ""
        decision = NextStepDecision.objects.create(
            course=course, next_step=next_step, decided_on=decided_on, reason=text,
            decided_by=user,
        )  # fmt: skip
        if course.person_id:
            CourseGrant.objects.filter(
                person_id=course.person_id, outcome=CourseGrant.Outcome.REFUSED,
                resolved_at__isnull=True,
            ).update(resolved_at=timezone.now())  # fmt: skip
        log("transition.decide_next_step", actor=user, obj=course, detail={
            "next_step": [before, next_step], "decided_on": decided_on.isoformat(),
            "reason": text[:500],
        })  # fmt: skip
        _resync(course)
    return decision


def _resync(course: Course) -> None:
    if course.person is not None:
        flags.sync_person(course.person)
    else:
        flags.sync_courses(Course.objects.filter(pk=course.pk))


# --- granting a course (the referral ban) --------------------------------------------------


@dataclass(frozen=True)
class GrantInput:
    scheme: str
    referral_date: date
    start_date: date
    planned_end_date: date
    previous_benefit: str = "none"
    channel: str = "web"


def _check_grant_shape(data: GrantInput) -> None:
    if data.scheme not in SCHEMES:
        raise ActionRefused(f"Ukendt ordning: {data.scheme!r}.")
    if data.previous_benefit not in dict(PREVIOUS_BENEFIT_CHOICES):
        raise ActionRefused(f"Ukendt forudgående ydelse: {data.previous_benefit!r}.")
    days = (data.referral_date, data.start_date, data.planned_end_date)
    if not all(EARLIEST <= d <= LATEST for d in days):
        raise ActionRefused("Datoerne skal ligge mellem 1. januar 1980 og 31. december 2100.")
    if data.start_date < data.referral_date:
        raise ActionRefused("Startdatoen skal ligge på eller efter visitationsdatoen.")
    if data.planned_end_date <= data.start_date:
        raise ActionRefused("Den planlagte slutdato skal ligge efter startdatoen.")
    first = load_params().history(f"courses.{data.scheme}.status")[0]
    if data.referral_date < first.valid_from:
        allowed = course_rules.referral_allowed(data.scheme, data.referral_date)
        raise ActionRefused("Ordningen fandtes ikke på visitationsdatoen.", allowed.reasons)


def _check_grant_length(data: GrantInput) -> None:
    if data.referral_date > _today():
        raise ActionRefused("Visitationsdatoen kan ikke ligge i fremtiden.")
    longest = course_rules.max_end_date(data.scheme, data.referral_date, data.start_date)
    if longest.value is not None and data.planned_end_date > longest.value:
        raise ActionRefused(
            "Den planlagte slutdato ligger efter den længste varighed, loven tillader.",
            longest.reasons,
        )


def grant_course(user: Any, person_id: int, data: GrantInput) -> CourseGrant:
    """Grant a new course, if the law allows it on the referral date.

    Refused by law (the scheme is closed to new citizens on that date): the attempt is kept
    as a refused `CourseGrant` with the legal reasons, audited, and flagged on the person
    ("referral to a closed scheme attempted"); the grant is returned with outcome `refused`.
    Allowed: the course is created and returned on a `granted` grant. Malformed input or a
    planned end beyond the legal maximum raises `ActionRefused` and records nothing.
    """
    person = get_person_for_user(user, person_id, Perm.TRANSITION_GRANT)
    _check_grant_shape(data)
    allowed = course_rules.referral_allowed(data.scheme, data.referral_date)
    if not allowed.value:
        return _refuse(user, person, data, allowed.reasons)
    _check_grant_length(data)
    with transaction.atomic():
        course = Course.objects.create(
            course_id=f"SPS-{uuid.uuid4().hex[:12].upper()}", person_key=person.pseudonym,
            person=person, scheme=data.scheme, referral_date=data.referral_date,
            start_date=data.start_date, planned_end_date=data.planned_end_date,
            previous_benefit=data.previous_benefit,
            birth_year=cprlib.birth_date(person.cpr).year, district=person.district,
            team_name=person.team.name,
        )  # fmt: skip
        grant = _grant_record(user, person, data, CourseGrant.Outcome.GRANTED, allowed.reasons)
        grant.course = course
        grant.save()
        CourseGrant.objects.filter(
            person=person, outcome=CourseGrant.Outcome.REFUSED, resolved_at__isnull=True
        ).update(resolved_at=timezone.now())
        log("transition.grant", actor=user, obj=course, detail=_grant_detail(data))
        flags.sync_person(person)
    return grant


def _grant_record(
    user: Any, person: Person, data: GrantInput, outcome: str, reasons: tuple[Reason, ...]
) -> CourseGrant:
    return CourseGrant(
        person=person, scheme=data.scheme, referral_date=data.referral_date,
        start_date=data.start_date, planned_end_date=data.planned_end_date,
        previous_benefit=data.previous_benefit, outcome=outcome,
        reasons=[r.as_dict() for r in reasons], requested_by=user, channel=data.channel[:10],
    )  # fmt: skip


def _grant_detail(data: GrantInput) -> dict[str, Any]:
    return {
        "scheme": data.scheme, "referral_date": data.referral_date.isoformat(),
        "start_date": data.start_date.isoformat(),
        "planned_end_date": data.planned_end_date.isoformat(), "channel": data.channel,
    }  # fmt: skip


def _refuse(
    user: Any, person: Person, data: GrantInput, reasons: tuple[Reason, ...]
) -> CourseGrant:
    with transaction.atomic():
        grant = _grant_record(user, person, data, CourseGrant.Outcome.REFUSED, reasons)
        grant.save()
        detail = _grant_detail(data) | {"reasons": [r.as_dict() for r in reasons]}
        log("transition.grant_refused", actor=user, obj=person, detail=detail)
        flags.sync_person(person)
    return grant


# --- letters -------------------------------------------------------------------------------


def _signature(actor: Any) -> str:
    return "" if is_system(actor) else str(actor.display_name)


def _course_for_letter(actor: Any, course_id: int) -> Course:
    if is_system(actor):
        return Course.objects.select_related("person", "person__team").get(pk=course_id)
    return get_course_for_user(actor, course_id, Perm.TRANSITION_LETTER)


def preview_letter(user: Any, course_id: int) -> tuple[Course, dict[str, Any]]:
    """What the letter would say today, before it is made (logged as a read; nothing kept)."""
    course = _course_for_letter(user, course_id)
    if course.person is None:
        raise ActionRefused("Personen findes ikke i personregistret; brevet kan ikke dannes.")
    status = casefile.assess_one(course)
    log("transition.letter_preview", actor=user, obj=course)
    return course, letters.context(course, status, signed_by=_signature(user), today=_today())


def generate_letter(actor: Any, course_id: int, *, batch: LetterBatch | None = None) -> Letter:
    """Write the letter about a course's end as a PDF and keep it on the case file."""
    course = _course_for_letter(actor, course_id)
    if course.person is None:
        raise ActionRefused("Personen findes ikke i personregistret; brevet kan ikke dannes.")
    status = casefile.assess_one(course)
    today = _today()
    pdf = letters.render_pdf(
        letters.context(course, status, signed_by=_signature(actor), today=today)
    )
    user = None if is_system(actor) else actor
    with transaction.atomic():
        letter = Letter.objects.create(
            person=course.person, course=course, batch=batch, end_date=status.end_date,
            precheck=status.precheck.value, pdf=pdf, filename=letters.filename(course, today),
            sha256=hashlib.sha256(pdf).hexdigest(), created_by=user,
            created_by_label=str(actor) if is_system(actor) else actor.username,
        )  # fmt: skip
        log("transition.letter", actor=actor, obj=course, detail={
            "letter": letter.pk, "end_date": status.end_date.isoformat(),
            "precheck": status.precheck.value, "sha256": letter.sha256,
            "batch": batch.pk if batch else None,
        })  # fmt: skip
    return letter


def _month_courses(actor: Any, month: date, team: Team | None) -> list[int]:
    courses: QuerySet[Course]
    if is_system(actor):
        courses = Course.objects.filter(person__isnull=False)
        if team is not None:
            courses = courses.filter(person__team=team)
    else:
        courses = courses_visible_to(actor, Perm.TRANSITION_LETTER_BATCH).filter(
            person__isnull=False
        )
    rows = casefile.assess_courses(courses, _today())
    last = add_months(month, 1)
    return [r.course.pk for r in rows if month <= r.status.end_date < last]


def start_letter_batch(actor: Any, month: date, team: Team | None = None) -> LetterBatch:
    """A batch of letters to everyone whose running course ends in `month` (a team
    leader's own team; from the command line all teams or one). Run it with
    `run_letter_batch` a few letters at a time."""
    if not is_system(actor):
        require(actor, Perm.TRANSITION_LETTER_BATCH)
        team = actor.team
    month = month.replace(day=1)
    ids = _month_courses(actor, month, team)
    batch = LetterBatch.objects.create(
        month=month, team=team, course_ids=ids, created_by=None if is_system(actor) else actor,
        created_by_label=str(actor) if is_system(actor) else actor.username,
    )  # fmt: skip
    log("transition.letter_batch", actor=actor, obj=batch,
        detail={"month": month.strftime("%Y-%m"), "letters": len(ids)})  # fmt: skip
    return batch


@dataclass
class BatchProgress:
    batch: LetterBatch
    made: list[Letter] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def run_letter_batch(
    actor: Any, batch_id: int, *, size: int = 10, progress: Callable[[int], None] | None = None
) -> BatchProgress:
    """Make the next `size` letters of a batch (each in its own transaction)."""
    if is_system(actor):
        batch = LetterBatch.objects.get(pk=batch_id)
    else:
        batch = get_letter_batch_for_user(actor, batch_id)
    result = BatchProgress(batch)
    for course_id in batch.course_ids[batch.done : batch.done + size]:
        try:
            result.made.append(generate_letter(actor, course_id, batch=batch))
        except (ActionRefused, Course.DoesNotExist) as refused:
            result.skipped.append(f"{course_id}: {refused}")
        batch.done += 1
        LetterBatch.objects.filter(pk=batch.pk).update(done=batch.done)
        if progress:
            progress(1)
    if batch.is_finished and batch.finished_at is None:
        batch.finished_at = timezone.now()
        batch.save(update_fields=["finished_at"])
    return result


# --- re-checking every flag ----------------------------------------------------------------


def recheck_flags(actor: Any) -> flags.SyncResult:
    """Re-check every course's flags (nightly, after imports, or by an administrator)."""
    if not is_system(actor):
        require(actor, Perm.TRANSITION_RECHECK)
    result = flags.sync_all()
    log("transition.recheck", actor=actor, label="Overgangsadvarsler",
        detail={"raised": result.raised, "cleared": result.cleared})  # fmt: skip
    return result
