"""The user guide's screenshots (docs/brugervejledning.md) are taken here, from the real pages:
a caseworker's day (worklist, search, person page, case page, alerts, letter preview) and the
team leader's view. With GUIDE_IMAGES=1 (`scripts/guide-screenshots.sh`) they are written to
docs/images/; otherwise to test-output/. Every "Hjælp" link leads to a heading in the guide."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from sporskifte.web.context import HELP_ANCHORS
from sporskifte.web.help import slug
from tests.browser.conftest import OUTPUT, assert_accessible, log_in, menu_link
from tests.conftest import PASSWORD, World
from tests.sickness.conftest import case_of
from tests.transition.conftest import build_phaseout

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "brugervejledning.md"
IMAGES = GUIDE.parent / "images" if os.environ.get("GUIDE_IMAGES") == "1" else OUTPUT


def _shot(page: Any, name: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(IMAGES / f"guide-{name}.png"), full_page=False)


def test_every_help_link_leads_to_a_part_of_the_guide() -> None:
    headings = {slug(h) for h in re.findall(r"^#+ (.+)$", GUIDE.read_text(encoding="utf-8"), re.M)}
    assert set(HELP_ANCHORS.values()) <= headings
    images = re.findall(r"!\[[^\]]*\]\(images/([^)]+)\)", GUIDE.read_text(encoding="utf-8"))
    assert images, "the guide shows screenshots"
    for name in images:
        assert (GUIDE.parent / "images" / name).is_file(), name


def test_the_guides_screenshots_of_a_working_day(page: Any, live_server: Any, world: World) -> None:
    case = case_of(world)
    build_phaseout(world)
    base = live_server.url
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "sara", PASSWORD)
    _shot(page, "forside")
    menu_link(page, "Arbejdsliste").click()
    _shot(page, "arbejdsliste")
    page.get_by_label("Find person eller sag").fill("Mette")
    page.get_by_label("Find person eller sag").press("Enter")
    _shot(page, "soegning")
    page.get_by_role("link", name="Mette Jensen").click()
    _shot(page, "personside")
    page.get_by_role("link", name=f"Sag {case.spell.spell_id}").click()
    assert_accessible(page)
    _shot(page, "sagen")
    page.get_by_role("link", name="Hjælp", exact=True).first.click()
    page.wait_for_url(re.compile(r"/hjaelp/#sagen$"))
    assert page.locator("#sagen").is_visible()
    assert_accessible(page)
    page.goto(f"{base}/advarsler/")
    _shot(page, "advarsler")
    page.goto(f"{base}/overgang/")
    page.get_by_role("link", name="Mette Jensen").first.click()
    page.get_by_role("link", name="Se udkast til brev om forløbets afslutning").click()
    _shot(page, "brevudkast")
    page.set_viewport_size({"width": 360, "height": 740})
    page.get_by_role("button", name="Menu").click()
    page.locator(".mobile-drawer").wait_for(state="visible")
    _shot(page, "mobilmenu")
    page.get_by_role("button", name="Luk").click()
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, base, "tina", PASSWORD)
    menu_link(page, "Teamoverblik").click()
    _shot(page, "teamoverblik")
