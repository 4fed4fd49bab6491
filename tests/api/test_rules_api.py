"""The law over the API: the parameters in force and one situation explained, with reasons."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sporskifte.accounts.tokens import create_token
from sporskifte.rules.explain import KINDS
from tests.conftest import World

pytestmark = pytest.mark.django_db


def call(user: Any, method: str, url: str, body: Any = None) -> Any:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'test')}"}
    if method == "get":
        return Client().get(url, **headers)
    return Client().post(url, json.dumps(body), content_type="application/json", **headers)


def test_the_parameters_come_with_source_kind_and_provisional_mark(world: World) -> None:
    response = call(world.team_leader, "get", "/api/rules/params?date=2026-07-01&prefix=sickness")
    assert response.status_code == 200
    rows = {r["key"]: r for r in response.json()}
    used_up = rows["sickness.limit_used_up_at_start"]
    assert (used_up["kind"], used_up["primary"], used_up["provisional"]) == (
        "ankestyrelsen",
        True,
        False,
    )
    assert rows["sickness.follow_up_regime"]["provisional"] is True
    assert all(k.startswith("sickness.") for k in rows)


def test_reading_the_parameters_needs_the_lovgrundlag_right(world: World) -> None:
    assert call(world.caseworker, "get", "/api/rules/params").status_code == 403


def test_a_situation_is_explained_with_its_reasons(world: World) -> None:
    body = {
        "kind": "limit_clock",
        "date": "2026-07-08",
        "situation": {
            "onset_date": "2026-01-05", "employment_status": "unemployed",
            "expected_return_weeks": None, "employer_expected_return_weeks": None,
        },
    }  # fmt: skip
    response = call(world.caseworker, "post", "/api/rules/explain", body)
    assert response.status_code == 200, response.content
    out = response.json()
    assert (out["result"]["limit_date"], out["result"]["stop_date"]) == ("2026-07-08", "2026-07-31")
    assert any(r["rule"] == "Sygedagpengeloven § 24, stk. 3" for r in out["reasons"])


def test_an_unknown_field_is_refused_naming_it(world: World) -> None:
    body = {"kind": "means_test", "date": "2026-07-01",
            "situation": {"civil_status": "single", "own_assets_dkk": 1, "yacht": 1}}  # fmt: skip
    response = call(world.caseworker, "post", "/api/rules/explain", body)
    assert response.status_code == 409
    assert "yacht" in response.json()["detail"]


def test_a_date_that_is_not_iso_is_refused(world: World) -> None:
    assert call(world.team_leader, "get", "/api/rules/params?date=0").status_code == 422
    assert call(world.team_leader, "get", "/api/rules/params?date=2026-02-30").status_code == 409


def test_the_api_offers_every_kind_of_the_engine() -> None:
    from sporskifte.api.rules import Kind

    assert set(Kind.__args__) == set(KINDS)  # type: ignore[attr-defined]


def test_a_date_outside_the_modelled_years_or_a_body_that_is_not_json_is_refused_by_name(
    world: World,
) -> None:
    body = {"kind": "follow_up", "date": "0022-05-15", "situation": {}}
    response = call(world.caseworker, "post", "/api/rules/explain", body)
    assert response.status_code == 409
    assert response.json()["detail"].startswith("date: 0022-05-15 ligger uden for 1900-2200")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_token(world.caseworker, 'test')}"}
    garbled = Client().post("/api/rules/explain", b"\xff{", content_type="application/json",
                            **headers)  # fmt: skip
    assert garbled.status_code == 400
    assert "detail" in garbled.json()
