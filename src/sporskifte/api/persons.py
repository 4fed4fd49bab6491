from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from ninja import Router, Schema

from sporskifte.accounts.models import User
from sporskifte.api.schemas import ERRORS
from sporskifte.citizens import actions

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
