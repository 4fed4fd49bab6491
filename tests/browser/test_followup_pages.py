"""Every follow-up page and the team view at 360, 800 and 1366 px, with stored figures, a
cohort screened at application and a late-screened backlog; axe-core checks each page."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from sporskifte.audit.actions import system
from sporskifte.followup.actions import refresh_aggregates
from tests.browser.conftest import (
    assert_accessible,
    assert_no_sideways_scroll,
    log_in,
    screenshot,
)
from tests.conftest import PASSWORD, World
from tests.followup.conftest import bulk_screened, spells

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "outcomes": ("/opfoelgning/", "#outcomes-table"),
    "monitoring": ("/opfoelgning/overvaagning/", "#stages-table"),
    "planner": ("/opfoelgning/planlaegning/", "#workload-table"),
    "summary": ("/opfoelgning/resume/", "#key-figures"),
    "team": ("/team/", "#backlog-table"),
}


def _data(world: World) -> None:
    today = date.today()
    history = [(2, True, "work"), (5, True, "other_benefit"), (9, True, "work"),
               (14, True, "education"), (30, True, "work"), (60, True, "other")]  # fmt: skip
    spells(*(history * 20), onset_date=today - timedelta(weeks=80))
    onset = today - timedelta(weeks=40)
    rows = [
        (p, 40.0 if k % 5 < long else 6.0, not k % 5 < long)
        for p, long in ((0.2, 1), (0.4, 2), (0.6, 3), (0.8, 4))
        for k in range(30)
    ]
    for sex in ("F", "M"):
        bulk_screened(world.person_nord, rows, onset=onset,
                      screened_on=onset + timedelta(days=5), sex=sex)  # fmt: skip
    begun = today - timedelta(weeks=3)
    bulk_screened(world.person_nord, [(0.3, 3.0, False)] * 30, onset=begun,
                  screened_on=begun + timedelta(days=2))  # fmt: skip
    bulk_screened(world.person_nord, [(0.3, 40.0, False)] * 300, onset=onset,
                  screened_on=today, via="register", trigger="register")  # fmt: skip
    refresh_aggregates(system("test"))


def test_every_follow_up_page_reads_well_at_three_widths(
    page: Any, live_server: Any, world: World
) -> None:
    _data(world)
    log_in(page, live_server.url, "tina", PASSWORD)
    for width in (360, 800, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        for name, (url, selector) in PAGES.items():
            page.goto(live_server.url + url)
            page.wait_for_selector(selector)
            title = page.title()
            assert 0 < len(title) < 80, title
            assert_accessible(page)
            assert_no_sideways_scroll(page)
            screenshot(page, f"followup-page-{name}-{width}")
    page.goto(live_server.url + "/opfoelgning/overvaagning/")
    assert page.locator("#monitoring-ok").is_visible()
    assert "opgjort pr." in page.locator("#computed-at").inner_text()
