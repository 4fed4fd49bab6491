"""Property-based test of the whole OpenAPI document with schemathesis: no server errors,
and every response matches the schema. Runs in-process against the Django WSGI app."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from sporskifte.accounts.tokens import create_token
from tests.conftest import World

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def api_schema(db: None):  # type: ignore[no-untyped-def]
    # As Django's own test client does: keep the test transaction's connection open
    # across requests instead of closing it when each request finishes.
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def admin_token(world: World) -> str:
    return create_token(world.admin, "schemathesis")


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_the_api_never_errors_and_matches_its_schema(case, admin_token: str) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate(headers={"Authorization": f"Bearer {admin_token}"})


def test_the_openapi_document_is_served_at_a_stable_url(world: World) -> None:
    from django.test import Client

    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Sporskifte API"
