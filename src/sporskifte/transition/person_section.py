"""The courses' section of the person page (registered in `apps.ready`)."""

from __future__ import annotations

from typing import Any

from sporskifte.accounts.permissions import Perm, courses_visible_to, has_perm
from sporskifte.citizens.models import Person
from sporskifte.citizens.person_page import Section
from sporskifte.transition.policy import SCHEME_LABELS


def context(user: Any, person: Person) -> dict[str, Any]:
    if not has_perm(user, Perm.TRANSITION_VIEW):
        return {"person_courses": None}
    courses = courses_visible_to(user).filter(person=person).order_by("-start_date")
    rows = [{"course": c, "scheme": SCHEME_LABELS.get(c.scheme, c.scheme)} for c in courses[:20]]
    return {"person_courses": rows}


SECTION = Section("transition", 30, "transition/person/courses.html", context)
