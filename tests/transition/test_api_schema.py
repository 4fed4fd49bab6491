"""Schemathesis over the phase-out endpoints as a caseworker (the project-wide test runs as an
administrator, who may not decide or grant): no server errors, every response as documented."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from sporskifte.accounts.tokens import create_token
from tests.conftest import NOT_APPLICABLE, openapi_over_wsgi
from tests.transition.conftest import Phaseout

schema = schemathesis.pytest.from_fixture("transition_schema").include(path_regex="/transition/")


@pytest.fixture
def transition_schema(phaseout: Phaseout):  # type: ignore[no-untyped-def]
    with openapi_over_wsgi() as loaded:
        yield loaded


@pytest.fixture
def caseworker_token(phaseout: Phaseout) -> str:
    return create_token(phaseout.world.caseworker, "schemathesis")


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_transition_api_never_errors_and_matches_its_schema(  # type: ignore[no-untyped-def]
    case, caseworker_token: str
) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {caseworker_token}"}, excluded_checks=NOT_APPLICABLE
    )
