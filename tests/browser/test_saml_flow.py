"""In Chromium, against the production server: a caseworker logs in through the
municipality's login (the local test identity provider), lands with the role and team from
the assertion, and logs out of both (single logout)."""

from __future__ import annotations

from typing import Any

import pytest

from sporskifte.accounts.models import Role, User
from tests.browser.conftest import assert_accessible, screenshot
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_logs_in_and_out_through_the_identity_provider(
    page: Any, live_server: Any, world: World
) -> None:
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    assert_accessible(page)
    screenshot(page, "saml-01-login")
    page.get_by_role("link", name="Log ind med kommunens login").click()
    page.wait_for_url("**/staff/sso/redirect**")
    screenshot(page, "saml-02-test-idp")
    page.get_by_role("button", name="Sara Sagsbehandler: sagsbehandler, Team Nord").click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("link", name="Arbejdsliste").is_visible()
    user = User.objects.get(username="kk-sagsbehandler")
    assert (user.role, user.team_id) == (Role.CASEWORKER, world.nord.pk)
    screenshot(page, "saml-03-home")

    page.get_by_role("button", name="Log af").click()
    page.wait_for_url(f"{base}/log-ind/")
    page.goto(f"{base}/arbejdsliste/")
    assert "/log-ind/" in page.url  # logged out here too
