"""A team leader opens the results, the monitoring and the planner; more capacity in the
planner moves the threshold for a cross-disciplinary effort down. axe-core checks each page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import assert_accessible, log_in, menu_link, screenshot
from tests.conftest import PASSWORD, World
from tests.followup.conftest import screened_case, spells

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _percent(page: Any) -> int:
    text = page.locator("#threshold").inner_text()
    found = re.match(r"(\d+)", text)
    assert found is not None, text
    return int(found.group(1))


def test_a_team_leader_sees_results_and_moves_the_thresholds_with_capacity(
    page: Any, live_server: Any, world: World
) -> None:
    today = date.today()
    spells((2, True, "work"), (5, True, "other_benefit"), (30, False, ""), onset_date=today)
    for i in range(20):
        screened_case(world.person_nord, 0.30 + i * 0.03, on=today, onset_date=today)
    base = live_server.url
    log_in(page, base, "tina", PASSWORD)
    menu_link(page, "Resultater").click()
    page.wait_for_selector("#outcomes-table")
    assert page.get_by_role("img", name="Overlevelseskurver").first.is_visible()
    assert_accessible(page)
    screenshot(page, "followup-01-outcomes")

    page.get_by_label("Opdel efter").select_option("district")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_selector("#outcomes-table")
    assert "Nørrebro" in page.locator("#outcomes-table").inner_text()

    page.get_by_role("link", name="Modelovervågning").click()
    page.wait_for_selector("#drift-table")
    assert_accessible(page)
    screenshot(page, "followup-02-monitoring")

    page.get_by_role("link", name="Kapacitet og budget").click()
    page.locator("#planner-form").get_by_label("Sagsbehandlertimer til opfølgning pr. uge").fill(
        "1"
    )
    page.get_by_role("button", name="Beregn").click()
    page.wait_for_selector("#threshold")
    tight = _percent(page)
    assert_accessible(page)
    screenshot(page, "followup-03-planner-tight")

    page.locator("#planner-form").get_by_label("Sagsbehandlertimer til opfølgning pr. uge").fill(
        "5"
    )
    page.get_by_role("button", name="Beregn").click()
    page.wait_for_selector("#threshold")
    assert _percent(page) < tight
    assert "Budgetnotat BI05" in page.content()
    assert_accessible(page)
    screenshot(page, "followup-04-planner-roomy")

    page.get_by_role("link", name="Ledelsesresumé").click()
    page.wait_for_selector("#key-figures")
    assert page.get_by_role("link", name="Hent resuméet som PDF").is_visible()
    assert_accessible(page)
    screenshot(page, "followup-05-summary")
