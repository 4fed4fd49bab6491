"""From the case file to the planning facts: the running courses a query selects, each with
its household, last conversation and unresolved refused grants, assessed on a date by
`transition.policy` (the same code the analysts' report runs on files). A caseworker's
decision (the next step) comes from the decision records, never from a register column.

Queries are batched (one per kind of fact, as sub-queries of the course query), so assessing
a team's few thousand courses is a handful of queries and some milliseconds of Python.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from sporskifte.citizens.models import Contact, Course, Household
from sporskifte.rules.means_test import HouseholdFacts
from sporskifte.transition.models import CourseGrant, NextStepDecision
from sporskifte.transition.policy import (
    CourseFacts,
    CourseStatus,
    FlagPolicy,
    assess,
    household_facts,
    is_running,
)

HOUSEHOLD_FIELDS = (
    "civil_status", "own_assets_dkk", "spouse_assets_dkk", "own_monthly_income_dkk",
    "spouse_monthly_income_dkk", "children_under_18",
)  # fmt: skip


@dataclass(frozen=True)
class Row:
    """A course from the database and where it stands."""

    course: Course
    status: CourseStatus


def policy() -> FlagPolicy:
    """The flag policy in force (`TRANSITION_WARNING_MONTHS`, default 6)."""
    return FlagPolicy(warning_months=int(settings.TRANSITION_WARNING_MONTHS))


def running_on(courses: QuerySet[Course], on: date) -> QuerySet[Course]:
    """Courses granted by `on`, not ended by `on`, planned to run to `on` or later. (The law
    may end some earlier; `policy.is_running` has the last word.)"""
    not_ended = Q(ended_date__isnull=True) | Q(ended_date__gt=on)
    return courses.filter(not_ended, referral_date__lte=on, planned_end_date__gte=on)


def _households(courses: QuerySet[Course]) -> dict[str, HouseholdFacts]:
    rows = Household.objects.filter(person_key__in=courses.values("person_key")).values(
        "person_key", *HOUSEHOLD_FIELDS
    )
    return {r["person_key"]: household_facts(r) for r in rows}


def _last_contacts(courses: QuerySet[Course]) -> dict[int, date]:
    """The last conversation held with each person (a letter is not a conversation)."""
    rows = (
        Contact.objects.filter(person__in=courses.values("person_id"))
        .exclude(kind=Contact.Kind.LETTER)
        .values("person_id")
        .annotate(last=Max("held_on"))
    )
    return {r["person_id"]: r["last"] for r in rows}


def open_refusals(person_ids: Iterable[int] | QuerySet[Any, Any]) -> dict[int, tuple[str, date]]:
    """Per person, the first refused grant of a closed scheme not yet resolved by a decided
    next step: (scheme, referral date)."""
    refused = CourseGrant.objects.filter(
        outcome=CourseGrant.Outcome.REFUSED, resolved_at__isnull=True, person_id__in=person_ids
    ).order_by("created_at", "id")
    found: dict[int, tuple[str, date]] = {}
    for grant in refused.only("person_id", "scheme", "referral_date"):
        found.setdefault(grant.person_id, (grant.scheme, grant.referral_date))
    return found


def decisions(courses: QuerySet[Course]) -> dict[int, tuple[str, date]]:
    """Per course, the newest next step a caseworker decided: (next step, decided on)."""
    rows = (
        NextStepDecision.objects.filter(course__in=courses)
        .order_by("course_id", "decided_on", "created_at", "id")
        .values_list("course_id", "next_step", "decided_on")
    )
    return {course_id: (step, day) for course_id, step, day in rows}


def next_step(course: Course, decision: tuple[str, date] | None) -> tuple[str | None, date | None]:
    """The next step in force: the caseworker's newest decision, unless the register records
    a later one. The register's columns are facts from the source system; a decision is never
    written into them, so a re-import cannot revert it."""
    registered = (course.next_step or None, course.next_step_decided_date)
    if decision is None:
        return registered
    if registered[0] and registered[1] and registered[1] > decision[1]:
        return registered
    return decision


def _latest(*days: date | None) -> date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


def facts(
    course: Course,
    last_contact: date | None = None,
    refusal: tuple[str, date] | None = None,
    decision: tuple[str, date] | None = None,
) -> CourseFacts:
    """A course as planning facts, with what the case file adds to the register row."""
    step, step_date = next_step(course, decision)
    return CourseFacts(
        course_id=course.course_id,
        person_id=course.person_key,
        scheme=course.scheme,
        referral_date=course.referral_date,
        start_date=course.start_date,
        planned_end_date=course.planned_end_date,
        ended_date=course.ended_date,
        last_contact_date=_latest(course.last_contact_date, last_contact),
        next_step=step,
        next_step_decided_date=step_date,
        closed_referral_attempted=refusal,
        team=course.team_name or None,
    )


def assess_courses(
    courses: QuerySet[Course], on: date | None = None, flag_policy: FlagPolicy | None = None
) -> list[Row]:
    """Every course of `courses` running on `on` (default today), assessed; by end date."""
    on = on or timezone.localdate()
    flag_policy = flag_policy or policy()
    selected = running_on(courses, on)
    households = _households(selected)
    contacts = _last_contacts(selected)
    refusals = open_refusals(selected.values("person_id"))
    decided = decisions(selected)
    rows = []
    for course in selected.select_related("person", "person__team"):
        person = course.person_id or 0
        f = facts(course, contacts.get(person), refusals.get(person), decided.get(course.pk))
        if is_running(f, on):
            status = assess(f, households.get(course.person_key), on, flag_policy)
            rows.append(Row(course, status))
    rows.sort(key=lambda r: (r.status.end_date, r.course.course_id))
    return rows


def assess_one(course: Course, on: date | None = None) -> CourseStatus:
    """One course, running or not (a page about an ended course still shows its facts)."""
    on = on or timezone.localdate()
    one = Course.objects.filter(pk=course.pk)
    household = _households(one).get(course.person_key)
    last = _last_contacts(one).get(course.person_id or 0)
    refusal = open_refusals(one.values("person_id")).get(course.person_id or 0)
    decision = decisions(one).get(course.pk)
    return assess(facts(course, last, refusal, decision), household, on, policy())
