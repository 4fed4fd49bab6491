"""A team leader opens the phase-out overview and filters to persons ending within 6 months
with no next step; a caseworker decides the next step for one and generates the letter; the
flag clears; the PDF opens and holds the person's end date. axe-core checks each page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from pypdf import PdfReader

from sporskifte.citizens.models import Course
from sporskifte.transition.facts import assess_one
from sporskifte.transition.models import Letter
from tests.browser.conftest import assert_accessible, log_in, menu_link, screenshot
from tests.conftest import PASSWORD, World
from tests.transition.conftest import Phaseout, build_phaseout, frozen_today

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phaseout(world: World) -> Iterator[Phaseout]:
    with frozen_today():
        yield build_phaseout(world)


def test_a_team_leader_finds_who_needs_a_plan_and_a_caseworker_makes_one(
    page: Any, live_server: Any, phaseout: Phaseout
) -> None:
    base = live_server.url
    log_in(page, base, "tina", PASSWORD)
    menu_link(page, "Overgang").click()
    page.wait_for_selector("#courses-table")
    assert page.get_by_role("img", name="Søjlediagram").first.is_visible()
    assert_accessible(page)
    screenshot(page, "transition-01-overview")

    page.get_by_label("Slutter inden for (måneder)").fill("6")
    page.get_by_label("Kun uden besluttet næste skridt").check()
    page.get_by_role("button", name="Filtrér").click()
    rows = page.locator("#courses-table tbody tr")
    assert rows.count() == 1
    assert "Mette Jensen" in rows.first.inner_text()
    assert "Slutter snart uden næste skridt" in rows.first.inner_text()
    rows.first.get_by_text("Nej").click()  # open the pre-check's reasons
    assert rows.first.get_by_text("Lov om aktiv socialpolitik § 14").first.is_visible()
    assert_accessible(page)
    screenshot(page, "transition-02-filtered")

    page.get_by_role("link", name="Prognose: bestand og personer uden ydelse").click()
    page.wait_for_selector("#forecast-table")
    assert_accessible(page)
    screenshot(page, "transition-03-forecast")

    page.goto(f"{base}/overgang/brevkoersel/")
    assert_accessible(page)
    page.get_by_role("button", name="Log af").click()

    log_in(page, base, "sara", PASSWORD)
    page.goto(f"{base}/overgang/?within=6&no_next_step=on")
    page.get_by_role("link", name="Mette Jensen").click()
    assert page.locator("#end-date").inner_text().startswith("31. marts 2027")
    assert page.get_by_text("Slutter snart uden næste skridt").is_visible()
    assert_accessible(page)
    screenshot(page, "transition-04-course")

    page.get_by_label("Næste skridt", exact=True).select_option("selvforsoergende")
    page.get_by_label("Besluttet den").fill("2026-11-23")
    page.get_by_label("Begrundelse").fill("Ægtefællen forsørger; aftalt indsats.")
    page.get_by_role("button", name="Gem næste skridt").click()
    page.wait_for_selector("#no-flags")
    assert page.locator("#next-step").inner_text().startswith("Indsats som selvforsørgende")
    assert_accessible(page)
    screenshot(page, "transition-05-decided")

    page.get_by_role("link", name="Se udkast til brev om forløbets afslutning").click()
    preview = page.get_by_role("region", name="Brevets tekst")
    assert preview.get_by_text("Dit ressourceforløb slutter den 31. marts 2027").first.is_visible()
    assert Letter.objects.filter(course=phaseout.soon).count() == 0
    assert_accessible(page)
    screenshot(page, "transition-06a-letter-preview")
    page.get_by_role("button", name="Dan brevet og gem det på sagen").click()
    page.wait_for_selector("text=Brevet er dannet")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Hent PDF").first.click()
    pdf = download_info.value.path()
    with open(pdf, "rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "slutter den 31. marts 2027" in text
    assert "Indsats som selvforsørgende" in text
    assert_accessible(page)
    screenshot(page, "transition-06-letter")

    page.goto(f"{base}/overgang/person/{phaseout.jonas.pk}/bevilg/")
    page.get_by_label("Ordning").select_option("ressourceforloeb")
    page.get_by_label("Visitationsdato").fill("2026-02-01")
    page.get_by_label("Startdato").fill("2026-03-01")
    page.get_by_label("Planlagt slutdato").fill("2027-02-28")
    page.get_by_role("button", name="Bevilg forløb").click()
    assert page.locator("#refusal").get_by_text("Lov nr. 1750").is_visible()
    assert_accessible(page)
    screenshot(page, "transition-07-grant-refused")

    page.goto(f"{base}/overgang/?within=6&no_next_step=on")
    assert page.locator("#courses-table").get_by_text("Mette Jensen").count() == 0
    in_force = assess_one(Course.objects.get(pk=phaseout.soon.pk)).facts
    assert in_force.next_step == "selvforsoergende"
    assert Letter.objects.filter(course=phaseout.soon).count() == 1
