"""The screening API: submit an application, read a screening, list a team's worklist and
record a decision, each scoped to the token's role and team."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from sporskifte.accounts.tokens import create_token
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.models import TeamDistrict
from sporskifte.sickness.models import Review, SpellCase
from tests.conftest import World
from tests.sickness.conftest import case_of

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
APPLICATION = {
    "cpr": "010190-1234",
    "name": "Mette Jensen",
    "district": "Nørrebro",
    "onset_date": (TODAY - timedelta(days=7)).isoformat(),
    "employment_status": "employed",
    "employer_name": "Bageriet ApS",
    "employer_size": "10-49",
    "partial_sick_leave": False,
    "expected_return_weeks": 30,
    "self_rated_health": 2,
    "work_related": False,
}


@pytest.fixture
def api(world: World) -> World:
    TeamDistrict.objects.create(district="Nørrebro", team=world.nord)
    return world


def call(user: Any, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"} if user else {}
    client = Client()
    if method == "get":
        return client.get(f"/api{path}", body or {}, **headers)
    return client.post(f"/api{path}", body or {}, content_type="application/json", **headers)


def submitted(world: World) -> dict[str, Any]:
    response = call(world.caseworker, "post", "/applications", APPLICATION)
    assert response.status_code == 201, response.content
    body: dict[str, Any] = response.json()
    return body


def test_submitting_an_application_screens_it_at_once(api: World) -> None:
    body = submitted(api)
    assert body["mode"] == "rules_only"
    assert body["proposed_track"] == "tvaerfaglig_indsats"
    assert body["review"]["state"] == "awaiting"
    assert all(r["rule"] for r in body["reasons"])
    assert SpellCase.objects.get().opened_via == "api"
    assert LogEntry.objects.get(action="spell.open").actor_label == "sara"


@pytest.mark.parametrize(
    ("changes", "status"),
    [({"cpr": "320190-1234"}, 409), ({"expected_return_weeks": 0}, 422), ({"name": ""}, 422)],
)
def test_a_bad_application_is_refused_with_the_reason(
    api: World, changes: dict[str, Any], status: int
) -> None:
    response = call(api.caseworker, "post", "/applications", {**APPLICATION, **changes})
    assert response.status_code == status
    assert not SpellCase.objects.exists()


def test_the_same_application_twice_is_a_conflict(api: World) -> None:
    submitted(api)
    response = call(api.caseworker, "post", "/applications", APPLICATION)
    assert response.status_code == 409
    assert "allerede modtaget" in response.json()["detail"]


@pytest.mark.parametrize(("role", "status"), [("analyst", 403), (None, 401)])
def test_only_case_roles_submit_applications(api: World, role: str | None, status: int) -> None:
    user = getattr(api, role) if role else None
    assert call(user, "post", "/applications", APPLICATION).status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [("caseworker", 200), ("team_leader", 200), ("admin", 200), ("caseworker_syd", 404),
     ("analyst", 403), ("outsider", 404)],
)  # fmt: skip
def test_reading_a_screening_follows_the_role_and_team(api: World, role: str, status: int) -> None:
    screening_id = submitted(api)["id"]
    response = call(getattr(api, role), "get", f"/screenings/{screening_id}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["inputs"]["expected_return_weeks"] == 30


def test_a_decision_needs_a_reason_to_override_and_is_made_once(api: World) -> None:
    screening_id = submitted(api)["id"]
    path = f"/screenings/{screening_id}/decision"
    override = {"decision": "override", "track": "let_opfoelgning", "reason": ""}
    refused = call(api.caseworker, "post", path, override)
    assert refused.status_code == 409
    assert "begrundelse" in refused.json()["detail"]
    override["reason"] = "Kendt forløb"
    response = call(api.caseworker, "post", path, override)
    assert response.status_code == 200
    assert response.json()["state"] == "overridden"
    assert response.json()["decided_by"] == "sara"
    assert Review.objects.get().reason == "Kendt forløb"
    assert call(api.caseworker, "post", path, {"decision": "confirm"}).status_code == 409


def test_an_administrator_cannot_record_a_decision(api: World) -> None:
    screening_id = submitted(api)["id"]
    path = f"/screenings/{screening_id}/decision"
    assert call(api.admin, "post", path, {"decision": "confirm"}).status_code == 403


@pytest.mark.parametrize(
    ("role", "team", "status"),
    [("caseworker", "nord", 200), ("caseworker", "syd", 403), ("admin", "syd", 200),
     ("analyst", "nord", 403), ("outsider", "nord", 403)],
)  # fmt: skip
def test_a_teams_worklist_is_for_its_own_members(
    api: World, role: str, team: str, status: int
) -> None:
    submitted(api)
    team_id = getattr(api, team).pk
    response = call(getattr(api, role), "get", f"/teams/{team_id}/worklist")
    assert response.status_code == status


def test_the_worklist_lists_the_awaiting_screening_with_a_masked_cpr(api: World) -> None:
    submitted(api)
    response = call(api.caseworker, "get", f"/teams/{api.nord.pk}/worklist", {"status": "awaiting"})
    body = response.json()
    assert body["total"] == 1
    assert body["summary"]["awaiting"] == 1
    (item,) = body["items"]
    assert item["cpr_masked"] == "010190-xxxx"
    assert item["review_state"] == "awaiting"


def test_an_unknown_team_is_not_found(api: World) -> None:
    assert call(api.admin, "get", "/teams/999999/worklist").status_code == 404


ROLES = ("anonymous", "caseworker", "team_leader", "analyst", "admin", "outsider")
# endpoint → (method, path builder, body, expected status per role in ROLES order)
API_MATRIX: dict[str, tuple[str, Any, dict[str, Any] | None, tuple[int, ...]]] = {
    "submit_application": (
        "post", lambda w: "/applications", APPLICATION, (401, 201, 201, 403, 201, 403),
    ),
    "read_screening": (
        "get", lambda w: f"/screenings/{case_of(w).current_screening_id}", None,
        (401, 200, 200, 403, 200, 404),
    ),
    "record_decision": (
        "post", lambda w: f"/screenings/{case_of(w).current_screening_id}/decision",
        {"decision": "confirm"}, (401, 200, 200, 403, 403, 404),
    ),
    "worklist_own_team": (
        "get", lambda w: f"/teams/{w.nord.pk}/worklist", None, (401, 200, 200, 403, 200, 403),
    ),
    "worklist_other_team": (
        "get", lambda w: f"/teams/{w.syd.pk}/worklist", None, (401, 403, 403, 403, 200, 403),
    ),
}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", sorted(API_MATRIX))
def test_each_role_gets_the_expected_status_on_each_endpoint(
    api: World, role: str, endpoint: str
) -> None:
    method, path, body, expected = API_MATRIX[endpoint]
    user = None if role == "anonymous" else getattr(api, role)
    response = call(user, method, path(api), body)
    assert response.status_code == expected[ROLES.index(role)], (endpoint, role)
