"""What the phase-out adds to a person's history: the caseworkers' decided next steps."""

from __future__ import annotations

from sporskifte.citizens.history import Decision
from sporskifte.citizens.journey import Additions, add_history_source
from sporskifte.citizens.models import Person
from sporskifte.transition.models import NextStepDecision


def decisions(person: Person) -> Additions:
    """Every next step decided for the person's courses, as decisions on the timeline."""
    rows = NextStepDecision.objects.filter(course__person=person).select_related(
        "course", "decided_by"
    )
    return Additions(
        decisions=tuple(
            Decision(r.next_step, r.decided_on, r.course.course_id, r.decided_by.display_name)
            for r in rows
        )
    )


def connect() -> None:
    add_history_source("transition.decisions", decisions)
