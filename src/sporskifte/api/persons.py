from __future__ import annotations

from datetime import date
from typing import cast

from django.http import HttpRequest
from ninja import Router, Schema

from sporskifte.accounts.models import User
from sporskifte.api.schemas import ERRORS
from sporskifte.citizens import actions
from sporskifte.citizens.journey import journey

router = Router(tags=["personer"])


class Me(Schema):
    username: str
    role: str
    team: str | None


class PersonOut(Schema):
    id: int
    name: str
    cpr_masked: str
    district: str
    team: str
    pseudonym: str


@router.get("/me", response={200: Me, **ERRORS}, summary="Hvem er jeg (brugeren bag nøglen)")
def me(request: HttpRequest) -> Me:
    user = cast("User", request.user)  # TokenAuth has set the token's user
    return Me(username=user.username, role=user.role, team=user.team.name if user.team else None)


@router.get(
    "/persons/{person_id}",
    response={200: PersonOut, **ERRORS},
    summary="Læs en person (CPR maskeret; visningen logges)",
)
def person(request: HttpRequest, person_id: int) -> PersonOut:
    found = actions.view_person(request.user, person_id)
    return PersonOut(
        id=found.pk,
        name=found.name,
        cpr_masked=found.masked_cpr,
        district=found.district,
        team=found.team.name,
        pseudonym=found.pseudonym,
    )


class TimelineEntryOut(Schema):
    kind: str
    label: str
    start: date
    end: date | None
    event: bool
    detail: str
    ref: str


class GapOut(Schema):
    code: str
    name: str
    message: str
    rule: str
    source: str
    provisional: bool
    due: date | None
    spell_id: str | None
    course_id: str | None


class TimelineOut(Schema):
    person_id: int
    on: date
    entries: list[TimelineEntryOut]
    gaps: list[GapOut]


@router.get(
    "/persons/{person_id}/timeline",
    response={200: TimelineOut, **ERRORS},
    summary="Borgerens forløb over tid og huller mellem ordningerne (visningen logges)",
)
def timeline(request: HttpRequest, person_id: int) -> TimelineOut:
    found = journey(actions.view_person(request.user, person_id))
    return TimelineOut(
        person_id=person_id,
        on=found.on,
        entries=[
            TimelineEntryOut(
                kind=e.kind, label=e.label, start=e.start, end=e.end, event=e.event,
                detail=e.detail, ref=e.ref,
            )
            for e in found.timeline
        ],
        gaps=[
            GapOut(
                code=g.code, name=g.name, message=g.message, rule=g.rule, source=g.source,
                provisional=g.provisional, due=g.due, spell_id=g.spell_key, course_id=g.course_key,
            )
            for g in found.gaps
        ],
    )  # fmt: skip
