"""Staff and citizen single sign-on, end to end against the local test identity provider:
signed AuthnRequest by redirect, signed assertion by POST, claims → user, single logout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sporskifte.accounts.models import Role, Team, User
from sporskifte.accounts.saml import CITIZEN_CPR_SESSION_KEY, citizen_pseudonym
from sporskifte.audit.models import LogEntry
from tests.accounts.saml_flow import local_idp, saml_login, saml_logout

pytestmark = pytest.mark.django_db


@pytest.fixture
def idp(tmp_path: Path, settings: Any) -> Any:
    Team.objects.create(name="Team Nord")
    with local_idp(tmp_path, settings) as running:
        yield running


def test_a_caseworker_logs_in_with_role_and_team_from_the_assertion(client: Any, idp: Any) -> None:
    response = saml_login(client, idp, "staff", "sagsbehandler", "/arbejdsliste/")
    assert response.status_code == 302
    assert response["Location"] == "/arbejdsliste/"

    user = User.objects.get(username="kk-sagsbehandler")
    assert (user.role, user.team.name, user.get_full_name()) == (
        Role.CASEWORKER, "Team Nord", "Sara Sagsbehandler",
    )  # fmt: skip
    assert not user.has_usable_password()
    assert client.get("/arbejdsliste/").status_code == 200
    assert LogEntry.objects.filter(action="auth.login", actor=user).exists()


def test_the_assertion_updates_the_user_at_each_login(client: Any, idp: Any) -> None:
    saml_login(client, idp, "staff", "teamleder", "/")
    user = User.objects.get(username="kk-teamleder")
    assert user.role == Role.TEAM_LEADER
    user.role, user.team = Role.ANALYST, None
    user.save()
    client.logout()
    saml_login(client, idp, "staff", "teamleder", "/")
    user.refresh_from_db()
    assert (user.role, user.team.name) == (Role.TEAM_LEADER, "Team Nord")


def test_staff_of_an_organisation_not_configured_are_refused(client: Any, idp: Any) -> None:
    response = saml_login(client, idp, "staff", "andenkommune", "/")
    assert response.status_code == 403
    assert not User.objects.filter(username="kk-andenkommune").exists()
    refused = LogEntry.objects.filter(
        action="auth.login_failed", actor_label="anonym (SAML)"
    ).first()
    assert refused is not None
    assert "godkendt organisation" in refused.object_label


def test_a_local_account_is_never_taken_over_by_a_saml_login(client: Any, idp: Any) -> None:
    User.objects.create_user("kk-sagsbehandler", password="en-lang-lokal-adgangskode-1")
    response = saml_login(client, idp, "staff", "sagsbehandler", "/")
    assert response.status_code == 403
    assert User.objects.get(username="kk-sagsbehandler").role == Role.CASEWORKER
    assert client.get("/arbejdsliste/").status_code == 302  # not logged in


def test_single_logout_ends_the_session_here_and_at_the_identity_provider(
    client: Any, idp: Any
) -> None:
    saml_login(client, idp, "staff", "sagsbehandler", "/arbejdsliste/")
    assert client.get("/arbejdsliste/").status_code == 200
    done = saml_logout(client, idp)
    assert done.status_code == 302
    assert client.get("/arbejdsliste/").status_code == 302


def test_a_citizen_logs_in_with_the_cpr_number_from_nemlog_in(client: Any, idp: Any) -> None:
    response = saml_login(client, idp, "citizen", "borger1", "/")
    assert response.status_code == 302
    user = User.objects.get(username=citizen_pseudonym("0101901234"))
    assert user.role == Role.CITIZEN
    assert user.team is None
    assert "0101901234" not in user.username
    assert client.session[CITIZEN_CPR_SESSION_KEY] == "0101901234"
    assert "0101901234" not in str(client.cookies)
    # A citizen has no staff rights.
    assert client.get("/arbejdsliste/").status_code == 403


def test_a_citizen_login_below_substantial_assurance_is_refused(client: Any, idp: Any) -> None:
    response = saml_login(client, idp, "citizen", "lavsikring", "/")
    assert response.status_code == 403
    assert not User.objects.filter(role=Role.CITIZEN).exists()


def test_the_service_provider_metadata_is_published(client: Any, idp: Any) -> None:
    response = client.get("/saml2/metadata/")
    assert response.status_code == 200
    xml = response.content.decode()
    assert 'entityID="http://testserver/saml2/metadata/"' in xml
    assert "http://testserver/saml2/acs/" in xml
    assert "X509Certificate" in xml


def test_saml_endpoints_are_absent_when_saml_is_off(client: Any, settings: Any) -> None:
    settings.SAML_ENABLED = False
    assert client.get("/saml2/metadata/").status_code == 404
