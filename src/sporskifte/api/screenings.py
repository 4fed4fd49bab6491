"""Sickness-benefit screening over the API: submit an application, read a screening, list a
team's worklist, record a caseworker's decision.

Every operation goes through the same actions and permission checks as the web pages. A
well-formed request that the rules or the case's state refuse (an invalid CPR number, a first
sick day outside the last year, a second decision on a screening) gets 409 with a Danish
`detail`, as in the other routers; a malformed one gets 422.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import StringConstraints

from sporskifte.accounts.models import Team
from sporskifte.accounts.permissions import Perm, require_team_access
from sporskifte.api.schemas import BODY_ERRORS, ERRORS, Detail
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.log import log
from sporskifte.lib.districts import DISTRICTS
from sporskifte.rules.vocabulary import (
    DEFAULT_EMPLOYEE_NAME_SHOWN,
    EmployeeNameShown,
    EmployerSize,
    EmploymentStatus,
)
from sporskifte.sickness import actions, queries
from sporskifte.sickness.models import Review, Screening, SpellCase

router = Router(tags=["screening"])

MAX_ID = 2_147_483_647
Text = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00-\x1f]*$")]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")]
LongText = Annotated[str, StringConstraints(max_length=2000, pattern=r"^[^\x00]*$")]
TrackName = Literal["ingen_opfoelgning", "let_opfoelgning", "tvaerfaglig_indsats"]
District = Literal[DISTRICTS]  # type: ignore[valid-type]
Weeks = Annotated[int, Field(ge=1, le=104)]
RESPONSES: dict[int, Any] = {**BODY_ERRORS, 409: Detail}
"""A body that is not JSON at all gets 400 (django-ninja); a refusal by the rules 409."""


class ApplicationIn(Schema):
    """The information form's answers (and the employer's expectation, if it has arrived)."""

    cpr: Annotated[str, StringConstraints(min_length=10, max_length=11, pattern=r"^\d{6}-?\d{4}$")]
    name: Name
    district: District
    onset_date: date
    employment_status: EmploymentStatus
    employer_name: Text = ""
    employer_size: EmployerSize = "none"
    partial_sick_leave: bool
    expected_return_weeks: Weeks | None = None
    employer_expected_return_weeks: Weeks | None = None
    self_rated_health: Annotated[int, Field(ge=1, le=5)] | None = None
    work_related: bool
    wants_return_plan: bool = False
    fast_track: bool = False
    employee_name_shown: EmployeeNameShown = Field(
        DEFAULT_EMPLOYEE_NAME_SHOWN,
        description="How the employer may see the employee named (the citizen's choice).",
    )


class ReasonOut(Schema):
    text: str
    rule: str
    source: str
    provisional: bool


class ContributionOut(Schema):
    feature: str
    label: str
    value: Any = None
    points: float


class ReviewOut(Schema):
    state: Literal["awaiting", "confirmed", "overridden", "cancelled"]
    proposed_track: TrackName
    decided_track: TrackName | None
    reason: str
    decided_by: str | None
    decided_at: datetime | None


class ScreeningOut(Schema):
    id: int
    case_id: int
    spell_id: str
    screened_at: datetime
    screened_on: date
    trigger: str
    mode: Literal["model", "rules_only"]
    model_version: str | None
    p_long: float | None
    median_weeks: float | None
    baseline: float | None
    proposed_track: TrackName
    exempt: bool
    flag_high_risk_exempt: bool
    contributions: list[ContributionOut]
    reasons: list[ReasonOut]
    inputs: dict[str, Any]
    review: ReviewOut | None
    url: str


class DecisionIn(Schema):
    decision: Literal["confirm", "override", "cancel"]
    track: TrackName | None = None
    reason: LongText = ""


class WorklistItem(Schema):
    case_id: int
    person_name: str
    cpr_masked: str
    district: str
    onset_date: date
    track: TrackName | None
    review_state: str | None
    screening_id: int | None
    p_long: float | None
    next_due: date | None
    overdue: bool
    open_alerts: int


class WorklistOut(Schema):
    team: str
    total: int
    page: int
    pages: int
    summary: dict[str, int]
    items: list[WorklistItem]


class WorklistFilter(Schema):
    status: Literal["awaiting", "overdue", "upcoming", "alerts"] | None = None
    track: TrackName | None = None
    district: District | None = None
    sort: Literal["deadline", "risk"] = "deadline"
    page: Annotated[int, Field(ge=1, le=100_000)] = 1


def _review_out(review: Review) -> ReviewOut:
    return ReviewOut(
        state=review.state,  # type: ignore[arg-type]
        proposed_track=review.proposed_track,  # type: ignore[arg-type]
        decided_track=review.decided_track or None,  # type: ignore[arg-type]
        reason=review.reason,
        decided_by=review.decided_by.username if review.decided_by else None,
        decided_at=review.decided_at,
    )


def screening_out(s: Screening) -> ScreeningOut:
    review = Review.objects.select_related("decided_by").filter(screening=s).first()
    return ScreeningOut(
        id=s.pk,
        case_id=s.case_id,
        spell_id=s.case.spell.spell_id,
        screened_at=s.screened_at,
        screened_on=s.screened_on,
        trigger=s.trigger,
        mode=s.mode,  # type: ignore[arg-type]
        model_version=s.model_version or None,
        p_long=s.p_long,
        median_weeks=s.median_weeks,
        baseline=s.baseline,
        proposed_track=s.proposed_track,  # type: ignore[arg-type]
        exempt=s.exempt,
        flag_high_risk_exempt=s.flag_high_risk_exempt,
        contributions=[ContributionOut(**c) for c in s.contributions],
        reasons=[ReasonOut(**r) for r in s.reasons],
        inputs=s.inputs,
        review=_review_out(review) if review else None,
        url=f"/sager/{s.case_id}/",
    )


def _refusal(exc: ActionRefused) -> Status[Detail]:
    return Status(409, Detail(detail=str(exc)))


@router.post(
    "/applications",
    response={201: ScreeningOut, **RESPONSES},
    summary="Modtag en ansøgning om sygedagpenge; sagen oprettes og screenes med det samme",
)
def submit_application(request: HttpRequest, body: ApplicationIn) -> Status[Any]:
    application = actions.Application(**body.dict())
    try:
        case = actions.open_spell(request.user, application, via=SpellCase.Via.API)
    except ActionRefused as exc:
        return _refusal(exc)
    assert case.current_screening is not None
    return Status(201, screening_out(case.current_screening))


@router.get(
    "/screenings/{screening_id}",
    response={200: ScreeningOut, **ERRORS},
    summary="Læs en screening: input, model, faktorer, begrundelser og vurdering (logges)",
)
def read_screening(
    request: HttpRequest, screening_id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> ScreeningOut:
    return screening_out(actions.view_screening(request.user, screening_id))


@router.post(
    "/screenings/{screening_id}/decision",
    response={200: ReviewOut, **RESPONSES},
    summary="Bekræft det foreslåede spor, vælg et andet (begrundelse kræves) eller annullér",
)
def record_decision(
    request: HttpRequest, screening_id: Annotated[int, Path(ge=1, le=MAX_ID)], body: DecisionIn
) -> ReviewOut | Status[Detail]:
    try:
        review = actions.review_screening(
            request.user, screening_id, body.decision, track=body.track, reason=body.reason
        )
    except ActionRefused as exc:
        return _refusal(exc)
    return _review_out(review)


def _item(case: SpellCase, today: date) -> WorklistItem:
    screening = case.current_screening
    review = getattr(screening, "review", None) if screening else None
    return WorklistItem(
        case_id=case.pk,
        person_name=case.person.name,
        cpr_masked=case.person.masked_cpr,
        district=case.person.district,
        onset_date=case.spell.onset_date,
        track=case.track or None,  # type: ignore[arg-type]
        review_state=review.state if review else None,
        screening_id=screening.pk if screening else None,
        p_long=screening.p_long if screening else None,
        next_due=case.next_due,
        overdue=bool(case.next_due and case.next_due < today),
        open_alerts=getattr(case, "open_alerts", 0) or 0,
    )


@router.get(
    "/teams/{team_id}/worklist",
    response={200: WorklistOut, **ERRORS},
    summary="Et teams arbejdsliste: sager, der afventer vurdering, kontakter og advarsler",
)
def team_worklist(
    request: HttpRequest,
    team_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    filters: Query[WorklistFilter],
) -> WorklistOut:
    team = get_object_or_404(Team, pk=team_id)
    require_team_access(request.user, team, Perm.CASE_VIEW)
    today = timezone.localdate()
    q = queries.WorklistQuery(
        status=filters.status or "",
        track=filters.track or "",
        district=filters.district or "",
        sort=filters.sort,
        team_id=team.pk,
        page=filters.page,
    )
    result = queries.worklist(request.user, q, today)
    log(
        "worklist.view",
        actor=request.user,
        label=f"Arbejdsliste {team.name} (API)",
        detail={"status": q.status, "page": result.page, "rows": len(result.rows)},
    )
    return WorklistOut(
        team=team.name,
        total=result.total,
        page=result.page,
        pages=result.pages,
        summary=result.summary,
        items=[_item(case, today) for case in result.rows],
    )
