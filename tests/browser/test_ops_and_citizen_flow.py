"""In Chromium, against the production server: the administrator's operations page, and a
citizen who logs in with (test) MitID and applies without typing a CPR number. Each page is
checked by axe-core and shot at 360, 800 and 1366 px."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from sporskifte.ops import jobs
from sporskifte.sickness.models import SpellCase
from tests.browser.conftest import assert_accessible, log_in, menu_link, screenshot
from tests.browser.test_screening_flow import _choose
from tests.conftest import PASSWORD, World
from tests.sickness.conftest import routes  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (360, 800, 1366)


def _shots(page: Any, name: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        screenshot(page, f"{name}-{width}")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_administrator_sees_the_jobs_and_a_late_one(
    page: Any, live_server: Any, world: World
) -> None:
    jobs.run(jobs.job_named("monitoring"), datetime(2026, 1, 5, 3, 0, tzinfo=ZoneInfo("UTC")))
    base = live_server.url
    log_in(page, base, "anne", PASSWORD)
    menu_link(page, "Drift").click()
    page.wait_for_url(f"{base}/drift/jobs/")
    assert page.get_by_role("heading", name="Planlagte job").is_visible()
    assert page.get_by_text("5 job er forsinket").is_visible()
    warning = page.get_by_role("alert").inner_text()
    assert (
        "Opgørelser og modelovervågning (monitoring): ingen gennemført kørsel siden 5. januar 2026"
        in warning
    )
    _shots(page, "ops-jobs")


def test_a_citizen_applies_after_logging_in_with_mitid(
    page: Any,
    live_server: Any,
    routes: World,  # noqa: F811 - the fixture
) -> None:
    base = live_server.url
    page.goto(f"{base}/anmeld/")
    page.get_by_role("link", name="Log ind med MitID").click()
    page.get_by_role("button", name="Jonas Testborger").click()
    page.wait_for_url(f"{base}/anmeld/")
    assert "CPR-nummer: 150285-xxxx (fra dit login)." in page.locator("#verified-cpr").inner_text()
    assert page.locator("input[name=cpr]").count() == 0
    _shots(page, "citizen-form-mitid")

    page.get_by_label("Bydel, hvor du bor").select_option("Amager Vest")
    page.get_by_label("Første sygedag").fill((timezone.localdate() - timedelta(days=5)).isoformat())
    _choose(page, "Hvad var din situation, da du blev syg?", "Ansat hos en arbejdsgiver")
    page.get_by_label("Arbejdsgiverens navn").fill("Bageriet ApS")
    _choose(page, "Hvor mange er ansat på din arbejdsplads?", "10-49 ansatte")
    _choose(page, "Er du delvist sygemeldt?", "Nej")
    page.get_by_label("Hvor mange uger regner du med at være syg i alt?").fill("8")
    _choose(page, "Hvordan vil du beskrive dit helbred lige nu?", "Godt")
    _choose(page, "Skyldes sygdommen dit arbejde?", "Nej")
    _choose(page, "Vil du gerne lave en plan for at vende tilbage sammen med din arbejdsgiver?",
            "Ja")  # fmt: skip
    _choose(page, "Ønsker du tidlig opfølgning fra kommunen?", "Nej")
    page.get_by_role("button", name="Send anmeldelsen").click()
    page.get_by_text("Vi har modtaget din anmeldelse").wait_for()
    case = SpellCase.objects.select_related("person").get()
    assert case.person.pk == routes.person_syd.pk  # CPR from the login: the registered person
