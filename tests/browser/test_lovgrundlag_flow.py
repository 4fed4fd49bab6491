"""A jurist signs off a parameter on the Lovgrundlag page; a team leader then sees it signed.
axe-core checks the page at phone, tablet and desktop widths."""

from __future__ import annotations

from typing import Any

import pytest

from sporskifte.accounts.models import Role
from sporskifte.lawbase.models import Signoff
from tests.browser.conftest import assert_accessible, log_in, menu_link, screenshot
from tests.conftest import PASSWORD, World, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROW = "#p-sicknesslimit_used_up_at_start"


def test_a_jurist_signs_off_and_a_team_leader_sees_it(
    page: Any, live_server: Any, world: World
) -> None:
    make_user("jurist", Role.LAWYER, None)
    base = live_server.url
    log_in(page, base, "jurist", PASSWORD)
    menu_link(page, "Lovgrundlag").click()
    page.wait_for_selector(ROW)
    for width in (360, 800, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        screenshot(page, f"lovgrundlag-{width}")
    row = page.locator(ROW)
    row.get_by_label("Bemærkning (valgfri)").fill("Læst mod principafgørelse 15-15.")
    row.get_by_role("button", name="Godkend").click()
    page.wait_for_selector(".alert-success")
    assert Signoff.objects.get().key == "sickness.limit_used_up_at_start"
    team_leader = page.context.browser.new_context(locale="da-DK").new_page()
    log_in(team_leader, base, "tina", PASSWORD)
    team_leader.goto(f"{base}/lovgrundlag/")
    assert "Godkendt af Jurist" in team_leader.locator(ROW).inner_text()
    assert_accessible(team_leader)
    team_leader.context.close()
