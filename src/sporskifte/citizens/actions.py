"""Every state change (and every audited read) is a named action here.

An action checks permission, changes data inside one transaction, writes the audit entry
and returns the result. Views, the API, the CLI and tests call the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import (
    Perm,
    get_person_for_user,
    get_share_for_receiver,
    get_share_for_sender,
    persons_visible_to,
    require,
    teams_to_hand_over_to,
)
from sporskifte.audit.actions import ActionRefused, StateConflict, is_system
from sporskifte.audit.log import log
from sporskifte.citizens import journey
from sporskifte.citizens.alerts import sync_alerts
from sporskifte.citizens.gaps import GAP_CODES
from sporskifte.citizens.models import CaseShare, Course, Person, SicknessSpell, pseudonym_for
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


def check_gaps(
    actor: Any, persons: Iterable[Person] | None = None, on: date | None = None
) -> tuple[int, int]:
    """Find the gaps between schemes in each person's whole history and keep them as alerts
    (raised when found, cleared when resolved). Nightly by the system, or by an administrator.
    Returns (raised, cleared)."""
    if not is_system(actor):
        require(actor, Perm.GAPS_RECHECK)
    chosen = list(persons) if persons is not None else list(persons_with_records())
    raised = cleared = 0
    for chunk in range(0, len(chosen), 500):
        group = chosen[chunk : chunk + 500]
        wanted = [spec for p in group for spec in journey.alert_specs(journey.journey(p, on))]
        r, c = sync_alerts(wanted, codes=GAP_CODES, scope=list(journey.open_gap_alerts(group)))
        raised, cleared = raised + r, cleared + c
    log("citizens.gaps_check", actor=actor, label="Huller mellem ordninger",
        detail={"persons": len(chosen), "raised": raised, "cleared": cleared})  # fmt: skip
    return raised, cleared


def persons_with_records() -> QuerySet[Person]:
    """Persons with at least one sickness spell or course on file."""
    with_spell = SicknessSpell.objects.filter(person__isnull=False).values("person_id")
    with_course = Course.objects.filter(person__isnull=False).values("person_id")
    return Person.objects.filter(Q(pk__in=with_spell) | Q(pk__in=with_course))


@transaction.atomic
def hand_over(user: Any, person_id: int, *, to_team: Team, kind: str, note: str = "") -> CaseShare:
    """Hand a person's case over to, or share it with, a team in another administration.

    A hand-over moves the person to the receiving team at once; the sending team keeps a
    read-only view until it is accepted. A share gives the receiving team a read-only view.
    """
    person = get_person_for_user(user, person_id, Perm.CASE_HANDOVER)
    if kind not in CaseShare.Kind.values:
        raise ActionRefused(f"Ukendt type: {kind!r} (overdragelse eller deling).")
    if not teams_to_hand_over_to(user).filter(pk=to_team.pk).exists():
        raise ActionRefused(
            "Sagen kan kun overdrages eller deles med et team i en anden forvaltning."
        )
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.shares.filter(
        kind=CaseShare.Kind.HANDOVER, accepted_at__isnull=True, withdrawn_at__isnull=True
    ).exists():
        raise StateConflict("Sagen er allerede under overdragelse.")
    share = CaseShare.objects.create(
        person=person, kind=kind, from_team=person.team, to_team=to_team,
        note=note.strip()[:2000], created_by=user,
    )  # fmt: skip
    if kind == CaseShare.Kind.HANDOVER:
        person.team = to_team
        person.save(update_fields=["team", "updated"])
    log(f"person.{kind}", actor=user, obj=person,
        detail={"from_team": share.from_team.name, "to_team": to_team.name})  # fmt: skip
    return share


@transaction.atomic
def accept_handover(user: Any, share_id: int) -> CaseShare:
    """The receiving team accepts a hand-over (or a share): the sender's read-only view of a
    handed-over case ends."""
    share = get_share_for_receiver(user, share_id)
    share = CaseShare.objects.select_for_update().get(pk=share.pk)
    if share.accepted_at is not None:
        raise StateConflict("Overdragelsen er allerede modtaget.")
    share.accepted_at, share.accepted_by = timezone.now(), user
    share.save(update_fields=["accepted_at", "accepted_by"])
    log("person.handover_accept", actor=user, obj=share.person,
        detail={"from_team": share.from_team.name, "kind": share.kind})  # fmt: skip
    return share


@transaction.atomic
def withdraw_share(user: Any, share_id: int) -> CaseShare:
    """The sending team withdraws a share, or a hand-over the receiver has not accepted: the
    receiving team no longer sees the person, and a withdrawn hand-over returns the person to
    the sending team. An accepted hand-over is the receiver's and cannot be withdrawn."""
    share = get_share_for_sender(user, share_id)
    share = (
        CaseShare.objects.select_for_update()
        .select_related("from_team", "to_team")
        .get(pk=share.pk)
    )
    if share.withdrawn_at is not None:
        raise StateConflict("Delingen eller overdragelsen er allerede trukket tilbage.")
    if share.kind == CaseShare.Kind.HANDOVER:
        if share.accepted_at is not None:
            raise StateConflict("Overdragelsen er modtaget og kan ikke trækkes tilbage.")
        person = Person.objects.select_for_update().get(pk=share.person_id)
        if person.team_id != share.to_team_id:
            raise StateConflict("Sagen har skiftet team siden overdragelsen.")
        person.team = share.from_team
        person.save(update_fields=["team", "updated"])
    share.withdrawn_at, share.withdrawn_by = timezone.now(), user
    share.save(update_fields=["withdrawn_at", "withdrawn_by"])
    log(f"person.{share.kind}_withdraw", actor=user, obj=share.person,
        detail={"to_team": share.to_team.name, "share": share.pk})  # fmt: skip
    return share
