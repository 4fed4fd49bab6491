"""The sickness-benefit cases' section of the person page (registered in `apps.ready`)."""

from __future__ import annotations

from typing import Any

from sporskifte.accounts.permissions import Perm, cases_visible_to, has_perm
from sporskifte.citizens.models import Person
from sporskifte.citizens.person_page import Section


def context(user: Any, person: Person) -> dict[str, Any]:
    if not has_perm(user, Perm.CASE_VIEW):
        return {"person_cases": None}
    cases = (
        cases_visible_to(user)
        .filter(person=person)
        .select_related("spell")
        .order_by("-spell__onset_date")
    )
    return {"person_cases": list(cases[:20])}


SECTION = Section("sickness", 20, "sickness/person/cases.html", context)
