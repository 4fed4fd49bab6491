"""One citizen across schemes in the browser: sygedagpenge to the limit, jobafklaringsforløb,
the 2027 move into the sick-listed target group; the timeline, the gaps and the hand-over to
the social administration show it. axe-core checks each page; screenshots at three widths."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import pytest
import time_machine
from pytest_django.live_server_helper import LiveServer

from sporskifte.accounts.models import Organisation, Role, Team
from sporskifte.audit.actions import system
from sporskifte.citizens.actions import check_gaps
from sporskifte.citizens.models import Alert, SicknessSpell
from tests.browser.conftest import assert_accessible, log_in, screenshot
from tests.citizens.test_journey import make_jaf, make_spell
from tests.conftest import PASSWORD, World, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def clock_server(production: Any, transactional_db: None) -> Iterator[LiveServer]:
    """Django's threaded test server in this process: the walk travels in time over months,
    and only a server in the test's own process shares the travelled clock (the production
    server used by the other walks runs in its own process, on the real date). Static files
    come as in production, from the files the production server collected, via WhiteNoise."""
    server = LiveServer("localhost", start=False)
    server.thread.static_handler = lambda app: app  # WhiteNoise in the middleware serves them
    server.start()
    yield server
    server.stop()


def on(day: date) -> time_machine.travel:
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=UTC), tick=True)


def kinds(page: Any) -> list[str]:
    return page.locator("#timeline-table tbody tr").evaluate_all(
        "rows => rows.map(r => r.dataset.kind)"
    )


def gaps(page: Any) -> list[str]:
    return page.locator("#gap-list li").evaluate_all("items => items.map(i => i.dataset.code)")


def test_a_person_moves_from_sygedagpenge_to_jaf_to_the_2027_target_group(
    page: Any, clock_server: LiveServer, world: World
) -> None:
    base, person = clock_server.url, world.person_nord
    bif = Organisation.objects.create(name="Beskæftigelses- og Integrationsforvaltningen",
                                      short_name="BIF")  # fmt: skip
    sof = Organisation.objects.create(name="Socialforvaltningen", short_name="SOF")
    Team.objects.filter(pk__in=[world.nord.pk, world.syd.pk]).update(organisation=bif)
    social = Team.objects.create(name="Team Ressourceforløb (SOF)", organisation=sof)
    make_user("sanne", Role.CASEWORKER, social)
    url = f"{base}/personer/{person.pk}/"
    spell = make_spell(person, "S-1", date(2025, 11, 3))

    with on(date(2026, 5, 20)):  # past the limit, nothing decided
        log_in(page, base, "sara", PASSWORD)
        page.goto(url)
        assert kinds(page) == ["sygedagpenge"]
        assert "gap_limit" in gaps(page)
        assert page.locator("#gap-list").get_by_text("Sygedagpengeloven").first.is_visible()
        assert_accessible(page)
        screenshot(page, "one-citizen-1-limit")

    SicknessSpell.objects.filter(pk=spell.pk).update(
        ended=True, duration_weeks=29.0, end_reason="other_benefit"
    )
    make_jaf(person)
    with on(date(2026, 12, 31)):  # in jobafklaringsforløb, the eve of the move
        page.context.clear_cookies()  # months later: a new session
        log_in(page, base, "sara", PASSWORD)
        page.goto(url)
        assert kinds(page) == ["sygedagpenge", "jobafklaringsforloeb", "sygedagpengeindsats"]
        assert gaps(page) == []

    with on(date(2027, 1, 4)):  # moved into the sick-listed target group, no follow-up
        assert check_gaps(system("natlig kørsel")) == (1, 0)
        page.context.clear_cookies()
        log_in(page, base, "sara", PASSWORD)
        assert Alert.objects.get(cleared_at__isnull=True).code == "gap_jaf_2027"
        page.goto(url)
        assert gaps(page) == ["gap_jaf_2027"]
        assert page.get_by_text("foreløbig regel").first.is_visible()
        for width in (360, 800, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(url)
            assert_accessible(page)
            screenshot(page, f"one-citizen-2-moved-{width}")

        # A share first, withdrawn again after a confirmation.
        page.get_by_label("Til team").select_option(label=f"{social.name} ({sof.name})")
        page.get_by_label("Del sagen (modtageren kan se den)").check()
        page.get_by_role("button", name="Overdrag eller del").click()
        page.get_by_role("link", name=f"Træk delingen tilbage fra {social.name}").click()
        page.get_by_role("heading", name="Træk delingen tilbage?").wait_for()
        assert_accessible(page)
        screenshot(page, "one-citizen-3a-withdraw-share")
        page.get_by_role("button", name="Ja, træk delingen tilbage").click()
        page.get_by_text(f"Deling til {social.name} er trukket tilbage.").wait_for()
        assert page.locator("#share-list").get_by_text("trukket tilbage").is_visible()

        page.get_by_label("Til team").select_option(label=f"{social.name} ({sof.name})")
        page.get_by_label("Besked til modtageren").fill("Ressourceforløb i Socialforvaltningen")
        page.get_by_role("button", name="Overdrag eller del").click()
        assert page.get_by_text("afventer modtagelse").is_visible()
        assert page.get_by_text("Skrivebeskyttet visning").is_visible()  # sender: read-only
        assert_accessible(page)
        screenshot(page, "one-citizen-3-handed-over")

        page.get_by_role("button", name="Log af").first.click()
        log_in(page, base, "sanne", PASSWORD)
        page.goto(url)
        assert gaps(page) == ["gap_jaf_2027"]  # the receiving team sees it at once
        page.get_by_role("button", name="Modtag sagen").click()
        assert page.get_by_text("modtaget").first.is_visible()
        assert_accessible(page)
        screenshot(page, "one-citizen-4-accepted")

        page.get_by_role("button", name="Log af").first.click()
        log_in(page, base, "sara", PASSWORD)
        response = page.goto(url)
        assert response.status == 404  # the sender's read-only view ended on acceptance
