"""The screening workflow as new users meet it: a citizen reports sick on the form; the
caseworker finds the new screening on the worklist, opens the case, chooses another track with
a reason and records a conversation; the team leader sees the override in the audit log and
in the override rate. axe-core checks the form, the worklist and the case page."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from sporskifte.citizens.models import TeamDistrict
from sporskifte.sickness.models import Review
from tests.browser.conftest import (
    assert_accessible,
    assert_no_sideways_scroll,
    log_in,
    screenshot,
)
from tests.conftest import PASSWORD, World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NAME = "Karen Nielsen"


def _choose(page: Any, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_text(answer, exact=True).click()


def citizen_reports_sick(page: Any, base: str) -> None:
    page.goto(f"{base}/anmeld/")
    assert_accessible(page)
    screenshot(page, "10-citizen-form")
    page.get_by_role("button", name="Send anmeldelsen").click()
    summary = page.locator(".error-summary")
    assert summary.get_by_role("link", name="Skriv dit CPR-nummer.").is_visible()
    assert_accessible(page)
    screenshot(page, "11-citizen-form-errors")

    onset = timezone.localdate() - timedelta(days=10)
    page.get_by_label("CPR-nummer").fill("200285-1239")
    page.get_by_label("Dit fulde navn").fill(NAME)
    page.get_by_label("Bydel, hvor du bor").select_option("Nørrebro")
    page.get_by_label("Første sygedag").fill(onset.isoformat())
    _choose(page, "Hvad var din situation, da du blev syg?", "Ansat hos en arbejdsgiver")
    page.get_by_label("Arbejdsgiverens navn").fill("Bageriet ApS")
    _choose(page, "Hvor mange er ansat på din arbejdsplads?", "10-49 ansatte")
    _choose(page, "Er du delvist sygemeldt?", "Nej")
    page.get_by_label("Hvor mange uger regner du med at være syg i alt?").fill("30")
    _choose(page, "Hvordan vil du beskrive dit helbred lige nu?", "Dårligt")
    _choose(page, "Skyldes sygdommen dit arbejde?", "Nej")
    _choose(page, "Vil du gerne lave en plan for at vende tilbage sammen med din arbejdsgiver?",
            "Ja")  # fmt: skip
    _choose(page, "Ønsker du tidlig opfølgning fra kommunen?", "Nej")
    _choose(page, "Hvordan må din arbejdsgiver se dit navn?", "Kun initialer, fx „M. B. J.“")
    page.get_by_role("button", name="Send anmeldelsen").click()
    page.get_by_text("Vi har modtaget din anmeldelse").wait_for()
    assert_accessible(page)
    screenshot(page, "12-citizen-receipt")


def caseworker_matches_the_held_application(page: Any, base: str) -> None:
    """Without a login the application is held: the caseworker checks the identity first."""
    log_in(page, base, "sara", PASSWORD)
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Uden login", exact=True
    ).click()
    page.get_by_role("link", name=NAME).click()
    assert page.locator("#held-name-shown").inner_text() == "Kun initialer (borgerens valg)"
    assert_accessible(page)
    walked = page.viewport_size
    for width in (360, 800, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        assert_no_sideways_scroll(page)
        screenshot(page, f"12-held-application-{width}")
    page.set_viewport_size(walked)
    _choose(page, "Afgørelse", "Knyt til personen og åbn sagen")
    page.get_by_label("Hvordan er identiteten kontrolleret? / Begrundelse").fill(
        "Ringet op; borgeren bekræftede CPR-nummer og adresse."
    )
    page.get_by_role("button", name="Gem afgørelsen").click()
    page.wait_for_load_state()
    assert_accessible(page)
    screenshot(page, "12a-held-application-matched")


def caseworker_overrides_and_records_a_conversation(page: Any, base: str) -> None:
    page.get_by_role("navigation", name="Hovedmenu").get_by_role(
        "link", name="Arbejdsliste", exact=True
    ).click()
    row = page.locator("tbody tr", has_text=NAME)
    assert "Afventer vurdering" in row.inner_text()
    assert "200285-xxxx" in row.inner_text()
    assert_accessible(page)
    screenshot(page, "13-worklist")

    row.get_by_role("link", name=NAME).click()
    page.get_by_role("heading", name=f"Sygedagpengesag: {NAME}").wait_for()
    # The summary fits one screen and says the one thing to do now; the rest is folded.
    summary = page.locator(".case-summary")
    assert "Vurdér det foreslåede spor" in page.locator("#next-step").inner_text()
    assert summary.bounding_box()["height"] < 900
    assert summary.get_by_text("Tværfaglig indsats").is_visible()
    assert page.get_by_text("Foreslået spor: Tværfaglig indsats").is_visible()
    assert_accessible(page)
    screenshot(page, "14-case-page", full_page=False)
    page.get_by_role("button", name="Personen og sygeforløbet").click()
    assert page.locator("#cpr-value").inner_text() == "200285-xxxx"
    assert page.get_by_role("definition").filter(has_text="Dårligt").is_visible()
    shown = page.locator("#employee-name-shown").inner_text()
    assert shown == "K. N. (kun initialer, borgerens valg)"  # kept while the form was held
    page.get_by_role("button", name="Lovens tidslinje og varighedsgrænsen").click()
    assert page.get_by_role("cell", name="22-ugers-grænsen nås").is_visible()
    assert_accessible(page)
    screenshot(page, "14b-case-page-opened")

    _choose(page, "Din vurdering", "Vælg et andet spor")
    _choose(page, "Andet spor", "Let opfølgning")
    page.get_by_role("button", name="Gem vurdering").click()
    # The error is at the field and in the summary above the form, linked, and the page
    # lands at the form.
    form = page.locator("#review-form")
    summary_link = form.locator(".error-summary").get_by_role(
        "link", name="Skriv en begrundelse for at vælge et andet spor."
    )
    assert summary_link.is_visible()
    assert summary_link.get_attribute("href") == "#id_reason"
    assert form.locator(".form-error-message", has_text="Skriv en begrundelse").is_visible()
    assert page.evaluate("window.location.hash") == "#review-form"
    assert page.evaluate("document.querySelector('#review-form').getBoundingClientRect().top") < 400
    assert_accessible(page)
    screenshot(page, "15-case-override-needs-reason")

    _choose(page, "Din vurdering", "Vælg et andet spor")
    _choose(page, "Andet spor", "Let opfølgning")
    page.get_by_label("Begrundelse", exact=True).fill("Arbejdsgiveren har allerede en plan.")
    page.get_by_role("button", name="Gem vurdering").click()
    page.get_by_text("Vurderingen er gemt: andet spor valgt.").wait_for()

    page.get_by_label("Type").select_option("phone")
    page.get_by_label("Notat (frivilligt)").fill("Opfølgende telefonsamtale.")
    page.get_by_role("button", name="Registrér samtale").click()
    page.get_by_text("er registreret").wait_for()
    plan = page.locator("table", has_text="Lovens frist")
    assert "Gennemført" in plan.inner_text()
    assert_accessible(page)
    screenshot(page, "16-case-after-review-and-conversation")
    page.get_by_role("button", name="Log af").click()


def team_leader_sees_the_override(page: Any, base: str) -> None:
    log_in(page, base, "tina", PASSWORD)
    page.goto(f"{base}/revisionslog/")
    page.get_by_label("Bruger").fill("sara")
    page.get_by_role("button", name="Filtrér").click()
    texts = page.locator("tbody tr").all_inner_texts()
    assert any("Valgte et andet spor" in t and NAME in t for t in texts)
    assert any("Registrerede samtale" in t for t in texts)
    screenshot(page, "17-audit-log-override")

    page.goto(f"{base}/team/")
    by_user = page.locator("#override-by-user")
    assert by_user.get_by_role("row", name="Sara 1 1 100 %").is_visible()
    by_track = page.locator("#override-by-track")
    assert by_track.get_by_role("row", name="Tværfaglig indsats 1 1 100 %").is_visible()
    assert_accessible(page)
    screenshot(page, "18-team-overview")


def test_a_citizens_report_is_screened_reviewed_followed_up_and_overseen(
    page: Any, live_server: Any, world: World
) -> None:
    TeamDistrict.objects.create(district="Nørrebro", team=world.nord)
    base = live_server.url
    citizen_reports_sick(page, base)
    caseworker_matches_the_held_application(page, base)
    caseworker_overrides_and_records_a_conversation(page, base)
    team_leader_sees_the_override(page, base)
    review = Review.objects.get(screening__case__person__name=NAME)
    assert review.state == Review.State.OVERRIDDEN
    assert review.decided_by == world.caseworker
