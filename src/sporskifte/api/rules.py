"""The law over the API: the parameters in force on a date (with source, kind and provisional
mark) and one situation explained, through the same engine as `sporskifte rules explain`.

Nothing is stored and no person is looked up: the caller sends the facts. Reading the
parameters needs the Lovgrundlag right; explaining a situation is open to every token.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import ConfigDict

from sporskifte.accounts.permissions import Perm, require
from sporskifte.api.schemas import BODY_ERRORS, ERRORS, Detail
from sporskifte.rules.explain import InputError, explain
from sporskifte.rules.params import load_params

router = Router(tags=["lovgrundlag"])

Kind = Literal["follow_up", "limit_clock", "means_test", "referral", "target_group", "contact"]


class LawParamOut(Schema):
    key: str
    description: str
    value: Any
    unit: str
    valid_from: Date
    valid_to: Date | None
    rule: str
    source: str
    kind: str
    primary: bool
    provisional: bool
    note: str | None


class LawReasonOut(Schema):
    text: str
    rule: str
    source: str
    provisional: bool
    kind: str


EARLIEST, LATEST = Date(1900, 1, 1), Date(2200, 12, 31)
"""The dates a situation may be judged on; the rules themselves say what was in force."""


class ExplainIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    date: Date
    situation: dict[str, Any] | list[dict[str, Any]]


class ExplainOut(Schema):
    kind: str
    date: Date
    result: Any
    provisional: bool
    reasons: list[LawReasonOut]
    means_tested_from: Date | None = None


@router.get(
    "/rules/params",
    response={200: list[LawParamOut], 409: Detail, **ERRORS},
    summary="Parametre i kraft på en dato, med kilde, kildetype og foreløbig-markering",
)
def params(
    request: HttpRequest,
    date: str | None = Query(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="ISO-dato"),
    prefix: str = Query("", max_length=100),
) -> list[LawParamOut] | Status[Detail]:
    require(request.user, Perm.LAW_VIEW)
    try:
        on = Date.fromisoformat(date) if date else timezone.localdate()
    except ValueError:
        return Status(409, Detail(detail=f"date: {date!r} er ikke en gyldig dato"))
    return [
        LawParamOut(
            key=p.key, description=p.description, value=p.value, unit=p.unit,
            valid_from=p.valid_from, valid_to=p.valid_to, rule=p.rule, source=p.source,
            kind=p.kind, primary=p.primary, provisional=p.provisional, note=p.note,
        )
        for key, p in sorted(load_params().at(on).items())
        if key.startswith(prefix)
    ]  # fmt: skip


@router.post(
    "/rules/explain",
    response={200: ExplainOut, 409: Detail, **BODY_ERRORS},
    summary="Forklar én situation: resultat og begrundelser med regel og kilde",
    description="Samme motor og felter som `sporskifte rules explain`. Fakta, der ikke passer "
    "til situationens art (ukendte eller manglende felter, en dato uden for de modellerede år), "
    "afvises med 409 og en besked, der nævner feltet.",
)
def explain_situation(request: HttpRequest, body: ExplainIn) -> ExplainOut | Status[Detail]:
    if not EARLIEST <= body.date <= LATEST:
        return Status(
            409,
            Detail(
                detail=f"date: {body.date.isoformat()} ligger uden for "
                f"{EARLIEST.year}-{LATEST.year} (outside the modelled years)"
            ),
        )
    try:
        out = explain(body.kind, body.situation, body.date)
    except InputError as exc:
        return Status(409, Detail(detail=str(exc)))
    return ExplainOut(**out)
