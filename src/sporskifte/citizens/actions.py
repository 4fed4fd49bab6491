"""Every state change (and every audited read) is a named action here.

An action checks permission, changes data inside one transaction, writes the audit entry
and returns the result. Views, the API, the CLI and tests call the same functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import Perm, get_person_for_user, persons_visible_to, require
from sporskifte.audit.log import log
from sporskifte.citizens.models import Person, SicknessSpell, pseudonym_for
from sporskifte.lib import cpr as cprlib


def view_person(user: Any, person_id: int) -> Person:
    """Open a person's page: access-checked and logged."""
    person = get_person_for_user(user, person_id)
    log("person.view", actor=user, obj=person)
    return person


def reveal_cpr(user: Any, person_id: int, reason: str = "") -> str:
    """Show a person's full CPR number: an explicit, logged act."""
    person = get_person_for_user(user, person_id, Perm.PERSON_REVEAL_CPR)
    log("person.reveal_cpr", actor=user, obj=person, detail={"reason": reason[:200]})
    return cprlib.formatted(person.cpr)


def _looks_like_case_number(text: str) -> bool:
    """'SK-20261129-3fa2c' or a part of one: letters, digits and a hyphen, with a digit."""
    return len(text) >= 4 and any(c.isdigit() for c in text) and " " not in text


def search_persons(user: Any, query: str) -> list[Person]:
    """Search by CPR number (full or first six digits), by case number (a sickness spell's,
    whole or part) or by name, within the user's reach."""
    persons = persons_visible_to(user)
    text = query.strip()
    digits = text.replace("-", "").replace(" ", "")
    if not text:
        return []
    if digits.isdigit() and len(digits) in (6, 10):
        found = persons.filter(cpr__startswith=digits)
    elif _looks_like_case_number(text) and not text.isalpha():
        spells = SicknessSpell.objects.filter(spell_id__icontains=text).values("person_id")
        found = persons.filter(pk__in=spells) | persons.filter(name__icontains=text)
    else:
        found = persons.filter(name__icontains=text)
    log(
        "person.search",
        actor=user,
        label=cprlib.mask(text) if digits.isdigit() else text[:100],
        detail={"hits": found.count()},
    )
    return list(found[:50])


@dataclass(frozen=True)
class PersonInput:
    cpr: str
    name: str
    district: str
    team: Team


@transaction.atomic
def create_person(user: Any, data: PersonInput) -> Person:
    """Register a person (administrator or team leader); the CPR number is validated."""
    require(user, Perm.PERSON_CHANGE)
    compact = cprlib.normalise(data.cpr)
    person = Person.objects.create(
        cpr=compact,
        pseudonym=pseudonym_for(compact),
        name=data.name.strip(),
        district=data.district,
        team=data.team,
    )
    log("person.create", actor=user, obj=person)
    return person


@transaction.atomic
def update_person(user: Any, person_id: int, *, name: str, district: str, team: Team) -> Person:
    """Change a person's name, district or team; the audit entry records the difference."""
    person = get_person_for_user(user, person_id, Perm.PERSON_CHANGE)
    before = {"name": person.name, "district": person.district, "team": person.team.name}
    person.name, person.district, person.team = name.strip(), district, team
    person.save()
    after = {"name": person.name, "district": person.district, "team": person.team.name}
    changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
    log("person.update", actor=user, obj=person, detail={"changes": changes})
    return person
