"""The JSON API: bearer tokens act with their user's role and team."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from sporskifte.accounts.models import ApiToken
from sporskifte.accounts.tokens import create_token
from sporskifte.audit.models import LogEntry
from tests.conftest import World


def call(token: str | None, path: str) -> tuple[int, dict]:
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
    response = Client().get(f"/api{path}", **headers)
    return response.status_code, response.json()


def test_a_token_acts_as_its_user(world: World) -> None:
    status, body = call(create_token(world.caseworker, "test"), "/me")
    assert status == 200
    assert body == {"username": "sara", "role": "caseworker", "team": "Team Nord"}


@pytest.mark.parametrize("token", [None, "sps_nope_nope", "garbage", "Bearer"])
def test_missing_or_unknown_tokens_are_refused(world: World, token: str | None) -> None:
    assert call(token, "/me")[0] == 401


def test_a_token_with_the_right_prefix_but_wrong_secret_is_refused(world: World) -> None:
    token = create_token(world.caseworker, "test")
    assert call(token[:-3] + "abc", "/me")[0] == 401


def test_revoked_and_expired_tokens_are_refused(world: World) -> None:
    revoked = create_token(world.caseworker, "revoked")
    ApiToken.objects.filter(name="revoked").update(revoked=True)
    expired = create_token(world.caseworker, "old", expires=timezone.now() - timedelta(minutes=1))
    assert call(revoked, "/me")[0] == 401
    assert call(expired, "/me")[0] == 401


def test_only_a_hash_of_the_secret_is_stored(world: World) -> None:
    token = create_token(world.caseworker, "test")
    stored = ApiToken.objects.get(name="test")
    assert token.split("_", 2)[2] not in stored.secret_hash


@pytest.mark.parametrize(
    ("role", "person", "expected"),
    [
        ("caseworker", "person_nord", 200),
        ("caseworker", "person_syd", 404),
        ("team_leader", "person_nord", 200),
        ("analyst", "person_nord", 403),
        ("admin", "person_syd", 200),
    ],
)
def test_reading_a_person_follows_the_role_and_team(
    world: World, role: str, person: str, expected: int
) -> None:
    token = create_token(getattr(world, role), "test")
    status, body = call(token, f"/persons/{getattr(world, person).pk}")
    assert status == expected
    if status == 200:
        assert body["cpr_masked"].endswith("-xxxx")
        assert LogEntry.objects.filter(action="person.view").count() == 1
