"""A register re-import writes register facts only: it never reverts a caseworker's decision,
and the flags the decision cleared stay cleared."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

from sporskifte.citizens.imports import import_files
from sporskifte.citizens.models import Alert, Course
from sporskifte.transition import actions
from sporskifte.transition.facts import assess_one
from sporskifte.transition.models import NextStepDecision
from sporskifte.transition.policy import ENDS_SOON
from tests.conftest import World
from tests.transition.conftest import frozen_today

HEADER = (
    "course_id,person_id,scheme,referral_date,start_date,planned_end_date,ended_date,end_reason,"
    "previous_benefit,birth_year,district,team,last_contact_date,next_step,next_step_decided_date"
)


def _courses_file(tmp_path: Path, person_key: str, next_step: str = "", decided: str = "") -> Path:
    row = (
        f"C-REIMPORT,{person_key},ressourceforloeb,2024-01-10,2024-02-01,2027-02-28,,,"
        f"kontanthjaelp,1970,Nørrebro,Team Nord,2026-10-01,{next_step},{decided}"
    )
    path = tmp_path / "courses.csv"
    path.write_text(f"{HEADER}\n{row}\n", encoding="utf-8")
    return path


Capture = Callable[..., AbstractContextManager[Any]]


def _import(world: World, path: Path, capture: Capture) -> Any:
    """Import as the administrator and run what waits for the commit (the flag re-check)."""
    with capture(execute=True):
        return import_files(world.admin, {"courses": path})[0]


def _open_flags(course: Course) -> set[str]:
    return set(
        Alert.objects.filter(course=course, cleared_at__isnull=True).values_list("code", flat=True)
    )


def test_a_reimport_never_reverts_a_next_step_decision_or_its_cleared_flag(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    capture = django_capture_on_commit_callbacks
    person = world.person_nord
    courses = _courses_file(tmp_path, person.pseudonym)
    with frozen_today():
        _import(world, courses, capture)
        course = Course.objects.get(course_id="C-REIMPORT")
        assert course.person == person
        assert ENDS_SOON in _open_flags(course)  # ends within the warning period, no plan

        actions.decide_next_step(
            world.caseworker, course.pk, next_step="job", decided_on=date(2026, 11, 20),
            reason="Borgeren starter i job 1. marts.",
        )  # fmt: skip
        assert ENDS_SOON not in _open_flags(course)

        summary = _import(world, courses, capture)
        assert (summary.created, summary.updated) == (0, 0)
        _import(world, _courses_file(tmp_path, person.pseudonym), capture)

        course.refresh_from_db()
        status = assess_one(course)
        assert (status.facts.next_step, status.facts.next_step_decided_date) == (
            "job",
            date(2026, 11, 20),
        )
        assert NextStepDecision.objects.filter(course=course).count() == 1
        assert ENDS_SOON not in _open_flags(course)


def test_a_register_next_step_older_than_the_decision_does_not_win(
    world: World, tmp_path: Path, django_capture_on_commit_callbacks: Capture
) -> None:
    capture = django_capture_on_commit_callbacks
    person = world.person_nord
    with frozen_today():
        _import(world, _courses_file(tmp_path, person.pseudonym), capture)
        course = Course.objects.get(course_id="C-REIMPORT")
        actions.decide_next_step(
            world.caseworker, course.pk, next_step="fleksjob", decided_on=date(2026, 11, 20),
            reason="Fleksjob bevilget.",
        )  # fmt: skip
        stale = _courses_file(tmp_path, person.pseudonym, "kontanthjaelp", "2026-06-01")
        _import(world, stale, capture)
        course.refresh_from_db()
        assert course.next_step == "kontanthjaelp"  # the register's fact, as the file says
        assert assess_one(course).facts.next_step == "fleksjob"  # the decision stands

        newer = _courses_file(tmp_path, person.pseudonym, "job", "2026-11-22")
        _import(world, newer, capture)
        course.refresh_from_db()
        assert assess_one(course).facts.next_step == "job"  # a later registered step is news
