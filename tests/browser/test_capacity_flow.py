"""A team leader stores the team's capacity in the planner: a bad figure gets a Danish error at
the field, a good one refits the threshold for a cross-disciplinary effort, the worklist's
proposed tracks and the case page follow, and the audit log shows the change. Screenshots at
360, 800 and 1366 px; axe-core checks each page."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, log_in, menu_link, screenshot
from tests.conftest import PASSWORD, World
from tests.followup.conftest import screened_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RISKS = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75)


def _track_of(page: Any, risk: str) -> str:
    row = page.locator("tbody tr", has_text=risk)
    return str(row.locator("td").nth(3).inner_text())


def test_a_team_leader_sets_capacity_and_the_threshold_and_proposed_tracks_follow(
    page: Any, live_server: Any, world: World
) -> None:
    today = date.today()
    for k, p in enumerate(RISKS):  # Team Nord's inflow: 10 new spells in 12 weeks, screened
        screened_case(world.person_nord, p, on=today, onset_date=today - timedelta(weeks=k))
    base = live_server.url
    log_in(page, base, "tina", PASSWORD)
    menu_link(page, "Arbejdsliste").click()
    page.wait_for_selector("#worklist-count")
    assert "Let opfølgning" in _track_of(page, "75 %")

    menu_link(page, "Resultater").click()
    page.get_by_role("link", name="Kapacitet og budget").click()
    form = page.locator("#capacity-form")
    hours = form.get_by_label("Teamets sagsbehandlertimer til opfølgning pr. uge")
    hours.fill("0")
    form.get_by_role("button", name="Gem kapacitet").click()
    error = page.locator("#id_kap-caseworker_hours_per_week-error")
    assert "Skriv et antal timer over 0." in error.inner_text()
    assert page.get_by_role("alert").filter(has_text="Der er problemer").is_visible()
    assert_accessible(page)
    screenshot(page, "capacity-01-error")

    form = page.locator("#capacity-form")
    form.get_by_label("Teamets sagsbehandlertimer til opfølgning pr. uge").fill("5")
    form.get_by_label("Timer pr. borger: Tværfaglig indsats").fill("12")
    form.get_by_role("button", name="Gem kapacitet").click()
    page.wait_for_selector("#capacity-table")
    assert "Kapaciteten for Team Nord er gemt" in page.content()
    assert page.locator("#team-threshold").inner_text().startswith("55,0 %")
    assert page.get_by_role("img", name="Søjlediagram: tilgangen kræver").is_visible()
    assert "Tina" in page.locator("#capacity-history").inner_text()
    for width in (360, 800, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        screenshot(page, f"capacity-02-planner-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})

    menu_link(page, "Arbejdsliste").click()
    page.wait_for_selector("#worklist-count")
    assert "Tværfaglig indsats" in _track_of(page, "75 %")
    assert "Tværfaglig indsats" in _track_of(page, "60 %")
    assert "Let opfølgning" in _track_of(page, "55 %")
    assert_accessible(page)
    screenshot(page, "capacity-03-worklist")

    page.locator("tbody tr", has_text="75 %").get_by_role("link").first.click()
    page.wait_for_selector("#threshold-explained")
    assert "Teamets tærskel er nu 55,0 %" in page.locator("#threshold-explained").inner_text()
    assert page.get_by_text("mindst tærsklen på 55,0 %").first.is_visible()
    assert_accessible(page)
    screenshot(page, "capacity-04-case")

    menu_link(page, "Revisionslog").click()
    rows = page.locator("tbody tr").all_inner_texts()
    assert any("Satte teamets kapacitet" in t and "Kapacitet for Team Nord" in t for t in rows)
    assert_accessible(page)
    screenshot(page, "capacity-05-audit-log")
