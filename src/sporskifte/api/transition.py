"""The course phase-out over the API: the overview, one course, deciding the next step,
granting a course (refused by law with the legal reasons), letters and the forecast.

Every operation asks `casework.permissions` through the same actions as the web pages. A
request the law or the case's state does not allow gets 409 with the reasons (each naming its
legal rule and source, and whether it is provisional).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import BeforeValidator, ConfigDict, Field

from sporskifte.api.schemas import BODY_ERRORS, ERRORS
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.log import log
from sporskifte.rules.answers import Reason
from sporskifte.transition import actions, projection
from sporskifte.transition import facts as casefile
from sporskifte.transition.models import CourseGrant
from sporskifte.transition.policy import Flag, Selection

router = Router(tags=["overgang"])
SchemeName = Literal["ressourceforloeb", "jobafklaringsforloeb", "revalidering"]
NextStep = Literal[
    "job", "fleksjob", "foertidspension", "kontanthjaelp", "sygedagpenge", "education",
    "selvforsoergende", "moved", "death", "other",
]  # fmt: skip
FlagCode = Literal[
    "ends_soon_no_next_step", "likely_no_benefit_no_plan", "no_contact_12_months",
    "referral_to_closed_scheme",
]  # fmt: skip
PreviousBenefit = Literal["sygedagpenge", "kontanthjaelp", "other", "none"]


def _json_integer(value: object) -> object:
    """An integer as JSON has it: 6 or 6.0, not "6" or true (pydantic's lax mode takes those)."""
    if isinstance(value, bool | str):
        raise ValueError("must be a JSON integer")
    return value


JsonInt = Annotated[int, BeforeValidator(_json_integer)]


class ReasonOut(Schema):
    text: str
    rule: str
    source: str
    provisional: bool


class FlagOut(Schema):
    code: str
    label: str
    message: str
    rule_name: str
    rule: str
    source: str
    provisional: bool


class CourseOut(Schema):
    id: int
    course_id: str
    person_id: int | None
    person_key: str
    scheme: str
    planned_end_date: date
    end_date: date
    end_provisional: bool
    months_left: int
    next_step: str | None
    next_step_decided_date: date | None
    kontanthjaelp_precheck: str
    precheck_reasons: list[ReasonOut]
    last_contact_date: date | None
    flags: list[FlagOut]


class CoursePage(Schema):
    count: int
    page: int
    pages: int
    items: list[CourseOut]


class Refusal(Schema):
    detail: str
    reasons: list[ReasonOut]


class NextStepIn(Schema):
    next_step: NextStep
    decided_on: date
    reason: str = Field(min_length=1, max_length=2000)


class DecisionOut(Schema):
    id: int
    course: CourseOut


class GrantIn(Schema):
    person_id: JsonInt
    scheme: SchemeName
    referral_date: date
    start_date: date
    planned_end_date: date
    previous_benefit: PreviousBenefit = "none"


class GrantOut(Schema):
    id: int
    outcome: str
    course_id: int | None
    reasons: list[ReasonOut]


class LetterOut(Schema):
    id: int
    course_id: int
    end_date: date
    kontanthjaelp_precheck: str
    filename: str
    sha256: str
    download_url: str


class ForecastRowOut(Schema):
    month: str
    scheme: str
    stock: int
    ending: int
    expected_without_benefit: float
    low: int
    high: int


class ForecastOut(Schema):
    on: date
    level: float
    method: str
    expected_without_benefit: float
    low: int
    high: int
    rows: list[ForecastRowOut]


def _reasons(reasons: tuple[Reason, ...] | list[dict[str, object]]) -> list[ReasonOut]:
    return [
        ReasonOut(**(r.as_dict() if isinstance(r, Reason) else r))  # type: ignore[arg-type]
        for r in reasons
    ]


def _flag(f: Flag) -> FlagOut:
    return FlagOut(code=f.code, label=f.label, message=f.message, rule_name=f.name, rule=f.rule,
                   source=f.source, provisional=f.provisional)  # fmt: skip


def _course(row: casefile.Row) -> CourseOut:
    c, s = row.course, row.status
    return CourseOut(
        id=c.pk, course_id=c.course_id, person_id=c.person_id, person_key=c.person_key,
        scheme=c.scheme, planned_end_date=c.planned_end_date, end_date=s.end_date,
        end_provisional=s.end.provisional, months_left=s.months_left,
        next_step=s.facts.next_step, next_step_decided_date=s.facts.next_step_decided_date,
        kontanthjaelp_precheck=s.precheck.value, precheck_reasons=_reasons(s.precheck.reasons),
        last_contact_date=s.last_contact, flags=[_flag(f) for f in s.flags],
    )  # fmt: skip


ALL_MONTHS = 1200  # the default "ends within": every running course


class CourseFilter(Schema):
    model_config = ConfigDict(extra="forbid")

    scheme: SchemeName | None = None
    within_months: JsonInt = Field(ALL_MONTHS, ge=0, le=ALL_MONTHS)
    no_next_step: bool = Field(False, strict=True)
    flag: FlagCode | None = None
    page: JsonInt = Field(1, ge=1, le=100_000)
    page_size: JsonInt = Field(50, ge=1, le=500)


@router.post(
    "/transition/courses/search",
    response={200: CoursePage, **BODY_ERRORS},
    summary="Søg i igangværende forløb (eget team): slutdato, forhåndsvurdering, advarsler",
    description="Læser kun. Filtrene står i kroppen (JSON), så et stavet forkert filter "
    "afvises i stedet for at blive ignoreret.",
)
def courses(request: HttpRequest, filters: CourseFilter) -> CoursePage:
    rows = actions.overview_rows(request.user)
    selection = Selection(filters.scheme, filters.within_months, filters.no_next_step, filters.flag)
    chosen = [r for r in rows if selection.matches(r.status)]
    pages = max(1, -(-len(chosen) // filters.page_size))
    start = (filters.page - 1) * filters.page_size
    items = [_course(r) for r in chosen[start : start + filters.page_size]]
    log(
        "api.course_search", actor=request.user, detail={"count": len(chosen), "page": filters.page}
    )
    return CoursePage(count=len(chosen), page=filters.page, pages=pages, items=items)


@router.get(
    "/transition/courses/{course_id}",
    response={200: CourseOut, **ERRORS},
    summary="Et forløb (visningen logges)",
)
def course(request: HttpRequest, course_id: int) -> CourseOut:
    found, status = actions.view_course(request.user, course_id)
    return _course(casefile.Row(found, status))


@router.post(
    "/transition/courses/{course_id}/next-step",
    response={200: DecisionOut, 409: Refusal, **BODY_ERRORS},
    summary="Beslut næste skridt efter forløbet (logges; advarslerne opdateres)",
)
def decide(request: HttpRequest, course_id: int, body: NextStepIn) -> DecisionOut | Status[Refusal]:
    try:
        decision = actions.decide_next_step(
            request.user, course_id, next_step=body.next_step, decided_on=body.decided_on,
            reason=body.reason,
        )  # fmt: skip
    except ActionRefused as refused:
        return Status(409, Refusal(detail=refused.message, reasons=_reasons(refused.reasons)))
    found = decision.course
    return DecisionOut(
        id=decision.pk, course=_course(casefile.Row(found, casefile.assess_one(found)))
    )


@router.post(
    "/transition/grants",
    response={201: GrantOut, 409: Refusal, **BODY_ERRORS},
    summary="Bevilg et nyt forløb; afvises med lovens begrundelse, når ordningen er lukket",
)
def grant(request: HttpRequest, body: GrantIn) -> Status[GrantOut | Refusal]:
    data = actions.GrantInput(
        scheme=body.scheme, referral_date=body.referral_date, start_date=body.start_date,
        planned_end_date=body.planned_end_date, previous_benefit=body.previous_benefit,
        channel="api",
    )  # fmt: skip
    try:
        result = actions.grant_course(request.user, body.person_id, data)
    except ActionRefused as refused:
        return Status(409, Refusal(detail=refused.message, reasons=_reasons(refused.reasons)))
    if result.outcome == CourseGrant.Outcome.REFUSED:
        detail = (
            "Forløbet kan ikke bevilges efter reglerne på visitationsdatoen (forsøget er noteret)."
        )
        return Status(409, Refusal(detail=detail, reasons=_reasons(result.reasons)))
    out = GrantOut(id=result.pk, outcome=result.outcome, course_id=result.course_id,
                   reasons=_reasons(result.reasons))  # fmt: skip
    return Status(201, out)


@router.post(
    "/transition/courses/{course_id}/letters",
    response={201: LetterOut, 409: Refusal, **BODY_ERRORS},
    summary="Dan brev (PDF) til borgeren om forløbets afslutning og gem det på sagen",
)
def letter(request: HttpRequest, course_id: int) -> Status[LetterOut | Refusal]:
    try:
        made = actions.generate_letter(request.user, course_id)
    except ActionRefused as refused:
        return Status(409, Refusal(detail=refused.message, reasons=_reasons(refused.reasons)))
    out = LetterOut(
        id=made.pk, course_id=made.course_id, end_date=made.end_date,
        kontanthjaelp_precheck=made.precheck, filename=made.filename, sha256=made.sha256,
        download_url=reverse("transition-letter-download", args=[made.pk]),
    )  # fmt: skip
    return Status(201, out)


@router.get(
    "/transition/forecast",
    response={200: ForecastOut, **ERRORS},
    summary="Prognose: bestand pr. ordning og måned, og forventet antal uden ydelse",
)
def forecast(request: HttpRequest) -> ForecastOut:
    rows = actions.forecast_rows(request.user)
    fc = projection.forecast([r.status for r in rows], timezone.localdate())
    out = [
        ForecastRowOut(
            month=r.month.strftime("%Y-%m"), scheme=r.scheme, stock=r.stock, ending=r.ending,
            expected_without_benefit=round(r.expected_without_benefit, 4), low=r.low, high=r.high,
        )
        for r in fc.rows
    ]  # fmt: skip
    return ForecastOut(
        on=fc.on, level=fc.level, method=fc.method(), expected_without_benefit=fc.total.expected,
        low=fc.total.low, high=fc.total.high, rows=out,
    )  # fmt: skip
