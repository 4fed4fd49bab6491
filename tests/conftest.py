"""Personas shared by the Django tests: a caseworker, a team leader, an analyst, an
administrator and an outsider, and persons in two teams."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from schemathesis.specs.openapi import checks as schemathesis_checks

from sporskifte.accounts.models import Role, Team, User
from sporskifte.citizens.models import Person, pseudonym_for

PASSWORD = "en-lang-test-adgangskode-2026"


@dataclass
class World:
    nord: Team
    syd: Team
    caseworker: User
    caseworker_syd: User
    team_leader: User
    analyst: User
    admin: User
    outsider: User
    person_nord: Person
    person_syd: Person


def make_user(username: str, role: Role, team: Team | None) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, role=role, team=team, first_name=username.capitalize()
    )
    return user


def client_for(user: Any) -> Client:
    """Django's test client, logged in as `user` (no password check)."""
    client = Client()
    client.force_login(user)
    return client


def make_person(cpr: str, name: str, district: str, team: Team) -> Person:
    return Person.objects.create(
        cpr=cpr, pseudonym=pseudonym_for(cpr), name=name, district=district, team=team
    )


# The token is passed by the test itself, so the checks that drop the auth header and expect
# a refusal do not apply here; tests/api/test_tokens_and_access.py covers refusals instead.
NOT_APPLICABLE = [schemathesis_checks.ignored_auth, schemathesis_checks.missing_required_header]


@contextmanager
def openapi_over_wsgi() -> Iterator[Any]:
    """The API's OpenAPI schema for schemathesis, called in-process through the WSGI app.

    As Django's own test client does, the test transaction's connection stays open across
    requests instead of being closed when each request starts or finishes."""
    import schemathesis
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2 is deliberately slow; tests that are not about hashing use a fast hasher.
    `tests/web/test_security.py` checks the real configuration."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _own_cache(settings: Any) -> Iterator[None]:
    """Each test gets an empty in-process cache (the throttle's counters start at zero)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    nord = Team.objects.create(name="Team Nord", weekly_hours=400)
    syd = Team.objects.create(name="Team Syd", weekly_hours=300)
    return World(
        nord=nord,
        syd=syd,
        caseworker=make_user("sara", Role.CASEWORKER, nord),
        caseworker_syd=make_user("soeren", Role.CASEWORKER, syd),
        team_leader=make_user("tina", Role.TEAM_LEADER, nord),
        analyst=make_user("ali", Role.ANALYST, None),
        admin=make_user("anne", Role.ADMINISTRATOR, None),
        outsider=make_user("otto", Role.CASEWORKER, None),
        person_nord=make_person("0101901234", "Mette Jensen", "Nørrebro", nord),
        person_syd=make_person("1502851235", "Ahmed Ali", "Amager Vest", syd),
    )
