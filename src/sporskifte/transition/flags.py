"""The risk flags as alerts: computed by `planning.transition`, kept by `casework.alerts`.

`sync_courses` makes the open flag alerts of some courses equal to what the rules say today
(raising new ones, clearing resolved ones, idempotently); `sync_all` does it for every course
and for persons whose refused grant has no running course to hang on. Called after every
decision, grant and import, and nightly by `manage.py transition_check` (the "ends within N
months" flag depends on the date).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from sporskifte.citizens.alerts import AlertSpec, sync_alerts
from sporskifte.citizens.models import Alert, Course, Person
from sporskifte.rules import courses as course_rules
from sporskifte.rules._text import dato
from sporskifte.transition.facts import Row, assess_courses, open_refusals, running_on
from sporskifte.transition.policy import (
    CLOSED_REFERRAL,
    ENDS_SOON,
    FLAG_CODES,
    FLAG_RULE_NAMES,
    NO_BENEFIT,
    NO_CONTACT,
    SCHEME_LABELS,
    Flag,
)

SEVERITY: dict[str, str] = {
    ENDS_SOON: Alert.Severity.WARNING,
    NO_BENEFIT: Alert.Severity.ERROR,
    NO_CONTACT: Alert.Severity.WARNING,
    CLOSED_REFERRAL: Alert.Severity.WARNING,
}


@dataclass(frozen=True)
class SyncResult:
    raised: int = 0
    cleared: int = 0

    def __add__(self, other: SyncResult) -> SyncResult:
        return SyncResult(self.raised + other.raised, self.cleared + other.cleared)


def spec_for(flag: Flag, course: Course | None, person: Person | None) -> AlertSpec:
    return AlertSpec(
        code=flag.code,
        message=flag.message[:300],
        rule=flag.rule_text[:200],
        source=flag.source[:500],
        provisional=flag.provisional,
        severity=SEVERITY[flag.code],
        due=flag.due,
        person=person,
        course=course,
    )


def _specs(rows: Iterable[Row]) -> list[AlertSpec]:
    return [spec_for(f, r.course, r.course.person) for r in rows for f in r.status.flags]


def sync_courses(courses: QuerySet[Course], on: date | None = None) -> SyncResult:
    """Flags of these courses as alerts; flags of courses no longer running are cleared."""
    wanted = _specs(assess_courses(courses, on))
    scope = Alert.objects.filter(code__in=FLAG_CODES, cleared_at__isnull=True, course__in=courses)
    raised, cleared = sync_alerts(wanted, codes=FLAG_CODES, scope=scope)
    return SyncResult(raised, cleared)


def _person_flag(person: Person, refusal: tuple[str, date]) -> Flag:
    scheme, attempted = refusal
    basis = course_rules.referral_allowed(scheme, attempted).reasons[0]
    message = (
        f"Der er forsøgt visiteret til {SCHEME_LABELS[scheme].lower()} pr. {dato(attempted)}, "
        "men ordningen er lukket for nye borgere; find et andet næste skridt."
    )
    return Flag(CLOSED_REFERRAL, message, FLAG_RULE_NAMES[CLOSED_REFERRAL], basis.rule,
                basis.source, basis.provisional)  # fmt: skip


def sync_persons(person_ids: Iterable[int], on: date | None = None) -> SyncResult:
    """The person-level flag of a refused grant, for persons with no running course (those
    with one carry the flag on the course)."""
    on = on or timezone.localdate()
    ids = set(person_ids)
    refusals = open_refusals(ids)
    with_course = set(
        running_on(Course.objects.filter(person_id__in=ids), on).values_list("person_id", flat=True)
    )
    result = SyncResult()
    for person in Person.objects.filter(pk__in=ids):
        refusal = refusals.get(person.pk)
        wanted = [] if refusal is None or person.pk in with_course else [
            spec_for(_person_flag(person, refusal), None, person)
        ]  # fmt: skip
        scope = Alert.objects.filter(
            code=CLOSED_REFERRAL, cleared_at__isnull=True, course__isnull=True, person=person
        )
        result += SyncResult(*sync_alerts(wanted, codes=[CLOSED_REFERRAL], scope=scope))
    return result


def sync_person(person: Person, on: date | None = None) -> SyncResult:
    """Every flag of one person: on each of their courses, and the person-level one."""
    courses = sync_courses(Course.objects.filter(person=person), on)
    return courses + sync_persons([person.pk], on)


def sync_all(on: date | None = None) -> SyncResult:
    """Every course's flags, and every person-level refusal flag."""
    from sporskifte.transition.models import CourseGrant

    courses = sync_courses(Course.objects.all(), on)
    refused = CourseGrant.objects.filter(
        outcome=CourseGrant.Outcome.REFUSED, resolved_at__isnull=True
    ).values_list("person_id", flat=True)
    flagged = Alert.objects.filter(
        code=CLOSED_REFERRAL, cleared_at__isnull=True, course__isnull=True, person__isnull=False
    ).values_list("person_id", flat=True)
    return courses + sync_persons({*refused, *flagged}, on)


__all__ = ["SyncResult", "sync_all", "sync_courses", "sync_person", "sync_persons"]
