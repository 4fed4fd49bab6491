"""Every role's menu at phone, split-screen and desktop widths: the design system's header
shows the menu links on wide screens and a "Menu" button with the mobile drawer below 992 px;
each role sees every page it may use. A caseworker reaches a named person's case from the
login in at most three actions. axe-core checks each header state; screenshots are saved."""

from __future__ import annotations

from typing import Any

import pytest

from sporskifte.accounts.models import Role
from sporskifte.sickness.models import SpellCase
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.conftest import PASSWORD, World, make_user
from tests.sickness.conftest import case_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 800, 1366)
MENUS = {
    "sara": [
        "Forside", "Arbejdsliste", "Advarsler", "Uden login", "Personer", "Overgang", "Prognose",
    ],
    "tina": [
        "Forside", "Arbejdsliste", "Advarsler", "Uden login", "Personer", "Teamoverblik",
        "Overgang", "Arbejdspladser", "Prognose", "Resultater", "Lovgrundlag", "Revisionslog",
    ],
    "kim": ["Forside", "Arbejdspladser"],
    "ali": ["Forside", "Prognose", "Resultater"],
    "anne": [
        "Forside", "Arbejdsliste", "Advarsler", "Uden login", "Personer", "Teamoverblik",
        "Overgang", "Prognose", "Resultater", "Lovgrundlag", "Revisionslog", "Indlæs data",
        "Drift",
    ],
}  # fmt: skip


def _menu_labels(page: Any, selector: str) -> list[str]:
    return [t.strip() for t in page.locator(f"{selector} .mainmenu > li > a").all_inner_texts()]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("username", sorted(MENUS))
def test_every_role_reaches_its_whole_menu_at_every_width(
    page: Any, live_server: Any, world: World, username: str, width: int
) -> None:
    make_user("kim", Role.COMPANY_CONSULTANT, None)  # the company consultant
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server.url, username, PASSWORD)
    expected = MENUS[username]
    if width < 992:
        assert page.locator("nav.navigation-menu").is_hidden()
        assert page.get_by_role("button", name="Log af").first.is_hidden()
        menu_button = page.get_by_role("button", name="Menu")
        assert menu_button.is_visible()
        menu_button.click()
        drawer = page.locator(".mobile-drawer")
        drawer.wait_for(state="visible")
        assert _menu_labels(page, ".navigation-menu-mobile") == expected
        for label in expected:
            assert drawer.get_by_role("link", name=label, exact=True).is_visible()
        assert drawer.get_by_role("button", name="Log af").is_visible()
        assert_accessible(page)
        screenshot(page, f"nav-{username}-{width}-menu-open")
        page.get_by_role("button", name="Luk").click()
        drawer.wait_for(state="hidden")
    else:
        assert page.get_by_role("button", name="Menu").is_hidden()
        nav = page.locator("nav.navigation-menu")
        assert _menu_labels(page, "nav.navigation-menu") == expected
        shown = nav.locator(".mainmenu > li:not(.more-option) > a").filter(visible=True)
        in_line = [t.strip() for t in shown.all_inner_texts()]
        overflow = expected[len(in_line) :]
        assert in_line == expected[: len(in_line)]
        assert len(in_line) >= min(7, len(expected))
        assert nav.get_by_role("button", name="Mere").is_visible() == bool(overflow)
        if overflow:  # the design system moves what does not fit into "Mere", in order
            nav.get_by_role("button", name="Mere").click()
            more = nav.locator(".overflow-list")
            assert [t.strip() for t in more.locator("a").all_inner_texts()] == overflow
            for label in overflow:
                assert more.get_by_role("link", name=label, exact=True).is_visible()
            assert_accessible(page)
            screenshot(page, f"nav-{username}-{width}-more-open")
            nav.get_by_role("button", name="Mere").click()
        assert page.get_by_role("button", name="Log af").first.is_visible()
    has_search = username not in ("ali", "kim")
    assert page.get_by_role("search", name="Find en person eller sag").count() == has_search
    assert_accessible(page)
    screenshot(page, f"nav-{username}-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_caseworker_reaches_a_named_persons_case_in_three_actions(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    case: SpellCase = case_of(world)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, live_server.url, "sara", PASSWORD)
    # 1: search for the name from the header on any page.
    page.get_by_label("Find person eller sag").fill("Mette Jensen")
    page.get_by_label("Find person eller sag").press("Enter")
    # 2: the person.
    page.get_by_role("link", name="Mette Jensen").click()
    assert page.get_by_role("heading", name="Sygedagpengesager").is_visible()
    screenshot(page, f"person-overview-{width}")
    # 3: the case.
    page.get_by_role("link", name=f"Sag {case.spell.spell_id}").click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("Mette Jensen")
    assert_accessible(page)
    screenshot(page, f"case-after-three-actions-{width}")


def test_the_case_number_finds_the_person(page: Any, live_server: Any, world: World) -> None:
    case: SpellCase = case_of(world)
    log_in(page, live_server.url, "sara", PASSWORD)
    page.get_by_label("Find person eller sag").fill(case.spell.spell_id[-5:])
    page.get_by_label("Find person eller sag").press("Enter")
    assert page.get_by_role("link", name="Mette Jensen").is_visible()
    assert page.get_by_role("link", name="Ahmed Ali").count() == 0
