"""Local passwords: every user in the demo, only the break-glass superuser in production,
nobody when switched off; the login page offers the municipality's login first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from sporskifte.accounts.models import Role, User
from tests.accounts.saml_flow import local_idp
from tests.conftest import PASSWORD, World

pytestmark = pytest.mark.django_db


def _logs_in(username: str) -> bool:
    client = Client()
    response = client.post("/log-ind/", {"username": username, "password": PASSWORD})
    return response.status_code == 302 and client.get("/").status_code == 200


@pytest.fixture
def breakglass(world: World) -> User:
    return User.objects.create_superuser("noedkonto", password=PASSWORD, role=Role.ADMINISTRATOR)


def test_in_the_demo_every_local_user_logs_in(settings: Any, world: World) -> None:
    settings.LOCAL_LOGIN = "all"
    assert _logs_in("sara")


def test_breakglass_lets_only_the_superuser_log_in_with_a_password(
    settings: Any, breakglass: User
) -> None:
    settings.LOCAL_LOGIN = "breakglass"
    assert not _logs_in("sara")
    assert _logs_in("noedkonto")
    page = Client().get("/log-ind/").content.decode()
    assert "Nødadgang" in page


def test_switched_off_no_password_logs_in_and_the_form_is_gone(
    settings: Any, breakglass: User
) -> None:
    settings.LOCAL_LOGIN = "off"
    assert not _logs_in("noedkonto")
    assert 'name="password"' not in Client().get("/log-ind/").content.decode()


def test_the_login_page_offers_the_municipality_login(
    settings: Any, tmp_path: Path, world: World
) -> None:
    with local_idp(tmp_path, settings) as idp:
        page = Client().get("/log-ind/?next=/arbejdsliste/").content.decode()
        assert 'id="sso-login"' in page
        assert "Log ind med kommunens login" in page
        assert "idp=" + idp.entity_id("staff").replace(":", "%3A").replace("/", "%2F") in page
