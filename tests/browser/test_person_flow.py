"""A caseworker logs in, finds a person, opens the page; the CPR stays masked, the view is
audited, and a team leader sees it in the audit log. axe-core checks each page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, log_in, menu_link, screenshot
from tests.conftest import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_finds_a_person_and_the_view_is_audited(
    page: Any, live_server: Any, world: World
) -> None:
    base = live_server.url
    page.goto(f"{base}/log-ind/")
    assert_accessible(page)
    screenshot(page, "01-login")

    log_in(page, base, "sara", PASSWORD)
    menu_link(page, "Personer").click()
    page.get_by_label("Navn, CPR-nummer eller sagsnummer").fill("Mette")
    page.locator("#main-content").get_by_role("button", name="Søg").click()
    assert page.get_by_role("cell", name="010190-xxxx").is_visible()
    assert page.get_by_text("010190-1234").count() == 0
    assert_accessible(page)
    screenshot(page, "02-search")

    page.get_by_role("link", name="Mette Jensen").click()
    assert page.locator("#cpr-value").inner_text() == "010190-xxxx"
    history = page.locator("table", has_text="Så personside")
    assert history.get_by_role("cell", name="sara").first.is_visible()
    assert_accessible(page)
    screenshot(page, "03-person")

    page.get_by_role("button", name="Vis fuldt CPR-nummer").click()
    page.wait_for_selector("text=010190-1234")
    screenshot(page, "04-person-cpr-revealed")

    page.get_by_role("button", name="Log af").click()
    log_in(page, base, "tina", PASSWORD)
    menu_link(page, "Revisionslog").click()
    page.get_by_label("Bruger").fill("sara")
    page.get_by_role("button", name="Filtrér").click()
    rows = page.locator("tbody tr")
    texts = rows.all_inner_texts()
    assert any("Så personside" in t and "Mette Jensen (010190-xxxx)" in t for t in texts)
    assert any("Viste fuldt CPR-nummer" in t for t in texts)
    assert_accessible(page)
    screenshot(page, "05-audit-log")
