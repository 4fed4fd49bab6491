"""Each role against each phase-out view and endpoint: the expected status, and no data from
another team. (The same pattern as tests/web/test_access_matrix.py.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sporskifte.accounts.tokens import create_token
from sporskifte.audit.actions import system
from sporskifte.transition import actions
from tests.transition.conftest import Phaseout

ROLES = ("anonymous", "caseworker", "team_leader", "analyst", "admin", "outsider")
DECIDE = {"next_step": "job", "decided_on": "2026-11-20", "reason": "Aftalt ved samtale"}

Url = Callable[[Phaseout, dict[str, Any]], str]

# view → (method, url builder, POST data, expected status per role in ROLES order)
MATRIX: dict[str, tuple[str, Url, dict[str, str], tuple[int, ...]]] = {
    "overview": ("get", lambda p, x: reverse("transition-overview"), {},
                 (302, 200, 200, 403, 200, 200)),
    "course_own_team": ("get", lambda p, x: reverse("transition-course", args=[p.soon.pk]), {},
                        (302, 200, 200, 403, 200, 404)),
    "course_other_team": ("get", lambda p, x: reverse("transition-course", args=[p.syd.pk]), {},
                          (302, 404, 404, 403, 200, 404)),
    "course_unknown_person": (
        "get", lambda p, x: reverse("transition-course", args=[p.unknown.pk]), {},
        (302, 404, 404, 403, 200, 404)),
    "course_decide": ("post", lambda p, x: reverse("transition-course", args=[p.soon.pk]), DECIDE,
                      (302, 302, 302, 403, 403, 404)),
    "course_letter": ("post", lambda p, x: reverse("transition-course-letter", args=[p.soon.pk]),
                      {}, (302, 302, 302, 403, 403, 404)),
    "letter_download": (
        "get", lambda p, x: reverse("transition-letter-download", args=[x["letter"].pk]), {},
        (302, 200, 200, 403, 200, 404)),
    "letter_download_other_team": (
        "get", lambda p, x: reverse("transition-letter-download", args=[x["letter_syd"].pk]), {},
        (302, 404, 404, 403, 200, 404)),
    "grant_form": ("get", lambda p, x: reverse("transition-grant", args=[p.jonas.pk]), {},
                   (302, 200, 200, 403, 403, 404)),
    "grant_other_team": (
        "get", lambda p, x: reverse("transition-grant", args=[p.world.person_syd.pk]), {},
        (302, 404, 404, 403, 403, 404)),
    "forecast": ("get", lambda p, x: reverse("transition-forecast"), {},
                 (302, 200, 200, 200, 200, 200)),
    "forecast_csv": ("get", lambda p, x: reverse("transition-forecast-csv"), {},
                     (302, 200, 200, 200, 200, 200)),
    "letter_batch_start": ("get", lambda p, x: reverse("transition-letter-batch-start"), {},
                           (302, 403, 200, 403, 403, 403)),
    "letter_batch": (
        "get", lambda p, x: reverse("transition-letter-batch", args=[x["batch"].pk]), {},
        (302, 403, 200, 403, 403, 403)),
    "letter_batch_step": (
        "post", lambda p, x: reverse("transition-letter-batch-step", args=[x["batch"].pk]), {},
        (302, 403, 302, 403, 403, 403)),
}  # fmt: skip


@pytest.fixture
def extra(phaseout: Phaseout) -> dict[str, Any]:
    return {
        "letter": actions.generate_letter(system("test"), phaseout.soon.pk),
        "letter_syd": actions.generate_letter(system("test"), phaseout.syd.pk),
        "batch": actions.start_letter_batch(phaseout.world.team_leader, date(2027, 3, 1)),
    }


def client_for(phaseout: Phaseout, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(phaseout.world, role))
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(MATRIX))
def test_each_role_gets_the_expected_status_on_each_view(
    phaseout: Phaseout, extra: dict[str, Any], role: str, view: str
) -> None:
    method, url, data, expected = MATRIX[view]
    response = getattr(client_for(phaseout, role), method)(url(phaseout, extra), data)
    assert response.status_code == expected[ROLES.index(role)], (view, role)


def test_a_caseworker_sees_only_their_own_teams_courses(phaseout: Phaseout) -> None:
    page = client_for(phaseout, "caseworker").get(reverse("transition-overview")).content.decode()
    assert "Mette Jensen" in page
    assert "Jonas Holm" in page
    assert "Ahmed Ali" not in page
    assert "C-UNKNOWN" not in page


def test_an_administrator_sees_every_team_and_unknown_persons(phaseout: Phaseout) -> None:
    page = client_for(phaseout, "admin").get(reverse("transition-overview")).content.decode()
    assert "Ahmed Ali" in page
    assert "Mette Jensen" in page
    assert f"Ukendt person ({phaseout.unknown.person_key})" in page


def test_the_forecast_counts_the_own_team_for_a_caseworker_and_all_for_an_analyst(
    phaseout: Phaseout,
) -> None:
    def csv_for(role: str) -> str:
        return client_for(phaseout, role).get(reverse("transition-forecast-csv")).content.decode()

    first_total = next(line for line in csv_for("caseworker").splitlines() if ";alle;" in line)
    assert first_total.startswith("01-11-2026;alle;2;")
    analyst_total = next(line for line in csv_for("analyst").splitlines() if ";alle;" in line)
    assert analyst_total.startswith("01-11-2026;alle;4;")


# --- the API -----------------------------------------------------------------------------------

API_ROLES = ("caseworker", "team_leader", "analyst", "admin", "outsider")

# endpoint → (method, path builder, JSON body, expected status per role in API_ROLES order)
API: dict[str, tuple[str, Callable[[Phaseout], str], dict[str, Any] | None, tuple[int, ...]]] = {
    "courses": ("post", lambda p: "/transition/courses/search", {"within_months": 6},
                (200, 200, 403, 200, 200)),
    "course_own_team": ("get", lambda p: f"/transition/courses/{p.soon.pk}", None,
                        (200, 200, 403, 200, 404)),
    "course_other_team": ("get", lambda p: f"/transition/courses/{p.syd.pk}", None,
                          (404, 404, 403, 200, 404)),
    "decide": ("post", lambda p: f"/transition/courses/{p.soon.pk}/next-step", DECIDE,
               (200, 200, 403, 403, 404)),
    "letter": ("post", lambda p: f"/transition/courses/{p.soon.pk}/letters", None,
               (201, 201, 403, 403, 404)),
    "grant_refused": (
        "post", lambda p: "/transition/grants",
        {"person_id": 0, "scheme": "ressourceforloeb", "referral_date": "2026-02-01",
         "start_date": "2026-02-02", "planned_end_date": "2027-02-01"},
        (409, 409, 403, 403, 404)),
    "forecast": ("get", lambda p: "/transition/forecast", None, (200, 200, 200, 200, 200)),
}  # fmt: skip


def api_call(token: str | None, method: str, path: str, body: dict[str, Any] | None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    client = Client()
    if method == "get":
        return client.get(f"/api{path}", **headers)
    return client.post(f"/api{path}", body or {}, content_type="application/json", **headers)


@pytest.mark.parametrize("role", API_ROLES)
@pytest.mark.parametrize("endpoint", sorted(API))
def test_each_role_gets_the_expected_status_on_each_endpoint(
    phaseout: Phaseout, role: str, endpoint: str
) -> None:
    method, path, body, expected = API[endpoint]
    if body and "person_id" in body:
        body = body | {"person_id": phaseout.jonas.pk}
    token = create_token(getattr(phaseout.world, role), "test")
    response = api_call(token, method, path(phaseout), body)
    assert response.status_code == expected[API_ROLES.index(role)], (
        endpoint,
        role,
        response.json(),
    )


@pytest.mark.parametrize("endpoint", sorted(API))
def test_every_endpoint_refuses_a_missing_token(phaseout: Phaseout, endpoint: str) -> None:
    method, path, body, _ = API[endpoint]
    assert api_call(None, method, path(phaseout), body).status_code == 401


def test_the_api_search_filters_within_the_callers_team(phaseout: Phaseout) -> None:
    token = create_token(phaseout.world.caseworker, "test")
    body = {"within_months": 6, "no_next_step": True}
    found = api_call(token, "post", "/transition/courses/search", body).json()
    assert [item["course_id"] for item in found["items"]] == ["C-SOON"]
    item = found["items"][0]
    assert item["kontanthjaelp_precheck"] == "no"
    assert item["end_date"] == "2027-03-31"
    assert {f["code"] for f in item["flags"]} == {"ends_soon_no_next_step",
                                                   "likely_no_benefit_no_plan"}  # fmt: skip
    assert all(f["rule_name"] and f["rule"] for f in item["flags"])


def test_a_misspelt_filter_is_refused_not_ignored(phaseout: Phaseout) -> None:
    token = create_token(phaseout.world.caseworker, "test")
    response = api_call(token, "post", "/transition/courses/search", {"within": 6})
    assert response.status_code == 422


def test_the_api_refuses_a_closed_scheme_with_the_legal_reason(phaseout: Phaseout) -> None:
    token = create_token(phaseout.world.caseworker, "test")
    body = {"person_id": phaseout.jonas.pk, "scheme": "revalidering",
            "referral_date": "2026-02-01", "start_date": "2026-02-02",
            "planned_end_date": "2027-02-01"}  # fmt: skip
    response = api_call(token, "post", "/transition/grants", body)
    assert response.status_code == 409
    reason = response.json()["reasons"][0]
    assert reason["rule"].startswith("Lov nr. 1750")
    assert reason["source"].startswith("https://")
    assert reason["provisional"] is False
    jaf = body | {"scheme": "jobafklaringsforloeb", "referral_date": "2027-01-01",
                  "start_date": "2027-01-02"}  # fmt: skip
    assert api_call(token, "post", "/transition/grants", jaf).json()["reasons"][0]["provisional"]
    allowed = body | {"referral_date": "2026-01-31", "start_date": "2026-02-01"}
    created = api_call(token, "post", "/transition/grants", allowed)
    assert created.status_code == 201
    assert created.json()["outcome"] == "granted"
