"""The employer's part in a browser: the employer opens the link, sees the employee named as
the citizen allowed, reads the duties with dates and fills in a return-to-work plan; the
company consultant finds the small workplace and records a call; the caseworker sees the plan
and the citizen's choice on the case page. axe-core on every page, at a phone's, a split
screen's and a laptop's width."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from sporskifte.accounts.models import Role
from sporskifte.citizens.models import TeamDistrict
from sporskifte.sickness.models import WorkplaceContact
from tests.browser.conftest import assert_accessible, log_in, menu_link, screenshot
from tests.conftest import PASSWORD, World, make_user
from tests.sickness.conftest import submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (360, 800, 1366)


def employer_fills_a_plan(page: Any, base: str, token: str) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/arbejdsgiver/{token}/plan/")
        # The citizen allowed the full name (a choice on the application).
        assert page.get_by_role("heading", name="Plan for Mette Jensens tilbagevenden").is_visible()
        assert page.get_by_text("Sygedagpengeloven § 7 a").is_visible()
        assert_accessible(page)
        screenshot(page, f"40-employer-plan-{width}")
    page.get_by_role("button", name="Send planen").click()
    page.locator(".error-summary").get_by_role(
        "link", name="Skriv navnet på en kontaktperson."
    ).wait_for()
    assert_accessible(page)
    page.get_by_label("Uge 1: timer").fill("10")
    page.get_by_label("Uge 2: opgaver").fill("Kasse og lettere opgaver")
    page.get_by_label("Kontaktperson på arbejdspladsen").fill("Lone Bager")
    page.get_by_label("Virksomhedens CVR-nummer (frivilligt)").fill("13585628")
    page.get_by_role("button", name="Send planen").click()
    page.get_by_text("Tak, vi har modtaget planen").wait_for()
    assert_accessible(page)
    screenshot(page, "41-employer-plan-received")


def consultant_finds_the_workplace(page: Any, base: str) -> None:
    log_in(page, base, "kaj", PASSWORD)
    menu_link(page, "Arbejdspladser").click()
    row = page.locator("tbody tr", has_text="Bageriet ApS")
    assert "høj risiko" in row.inner_text() or "plan" in row.inner_text()
    assert "Sygemeldte: Mette Jensen" in row.inner_text()
    assert_accessible(page)
    screenshot(page, "42-consultant-workplaces")
    row.get_by_label("Notat (frivilligt)").fill("Ringet til Lone; tilbudt støtte.")
    row.get_by_role("button", name="Gem kontakt").click()
    page.locator("tbody tr", has_text="Bageriet ApS").wait_for()
    assert WorkplaceContact.objects.filter(note__startswith="Ringet til Lone").exists()
    page.get_by_role("button", name="Log af").click()


def caseworker_sees_the_plan(page: Any, base: str, case_id: int) -> None:
    log_in(page, base, "sara", PASSWORD)
    page.goto(f"{base}/sager/{case_id}/")
    page.get_by_role("button", name="Arbejdsgiverens plan og nye oplysninger").click()
    page.locator("#arbejdsgiverplan").wait_for()
    assert page.get_by_text("Kontaktperson: Lone Bager").is_visible()
    assert page.get_by_role("cell", name="Kasse og lettere opgaver").is_visible()
    page.get_by_role("button", name="Personen og sygeforløbet").click()
    shown = page.locator("#employee-name-shown").inner_text()
    assert shown == "Mette Jensen (fulde navn, borgerens valg)"
    assert_accessible(page)
    screenshot(page, "43-case-with-employer-plan")


def test_an_employer_plans_a_return_the_consultant_follows_up_and_the_caseworker_sees_it(
    page: Any, live_server: Any, world: World
) -> None:
    TeamDistrict.objects.create(district="Nørrebro", team=world.nord)
    make_user("kaj", Role.COMPANY_CONSULTANT, world.nord)
    onset = timezone.localdate() - timedelta(days=40)
    case = submit(
        on=timezone.localdate(), onset_date=onset, employer_name="Bageriet ApS",
        employer_size="1-9", expected_return_weeks=30, employee_name_shown="full_name",
    )  # fmt: skip
    base = live_server.url
    employer_fills_a_plan(page, base, case.employer_token)
    page.set_viewport_size({"width": 1366, "height": 900})
    consultant_finds_the_workplace(page, base)
    caseworker_sees_the_plan(page, base, case.pk)
