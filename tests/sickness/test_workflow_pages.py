"""The workflow's pages through the test client: the citizen's and the employer's forms (DKFDS
error pattern), the worklist (filters, sorting, pages, a fixed number of queries), the case
page, review and contacts, the case file for an access request, alerts and the team view."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sporskifte.accounts.identity import CITIZEN_CPR_SESSION_KEY
from sporskifte.audit.actions import system
from sporskifte.sickness import law
from sporskifte.sickness.models import ContactDue, Review, SpellCase, Track
from tests.conftest import World, client_for, make_person
from tests.sickness.conftest import CITIZEN_FORM, submit

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
FORM = CITIZEN_FORM


def today_case(**changes: Any) -> SpellCase:
    return submit(on=TODAY, onset_date=TODAY - timedelta(days=10), **changes)


def assert_no_inline_style_or_script(html: str) -> None:
    assert "style=" not in html
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None


# --------------------------------------------------------------------------- public forms


def test_the_citizen_form_with_a_verified_login_creates_and_screens_a_case(routes: World) -> None:
    client = Client()
    session = client.session
    session[CITIZEN_CPR_SESSION_KEY] = "0101901234"
    session.save()
    response = client.post(reverse("sickness-form"), {**FORM, "cpr": ""})
    case = SpellCase.objects.get()
    assert response["Location"] == reverse("sickness-receipt", args=[case.receipt_token])
    assert case.current_screening is not None
    receipt = Client().get(response["Location"]).content.decode()
    assert case.spell.spell_id in receipt
    assert reverse("employer-form", args=[case.employer_token]) in receipt
    assert "Tværfaglig" not in receipt  # the screening is for the caseworker, not the receipt


def test_the_citizen_form_shows_errors_in_the_dkfds_pattern(routes: World) -> None:
    response = Client().post(reverse("sickness-form"), {**FORM, "cpr": "12", "work_related": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="alert alert-error error-summary"' in html
    assert 'href="#id_cpr"' in html
    assert 'href="#id_work_related_0"' in html
    assert "Svar på, om sygdommen skyldes dit arbejde." in html
    assert 'aria-invalid="true"' in html
    assert not SpellCase.objects.exists()
    assert_no_inline_style_or_script(html)


def test_an_employed_citizen_must_name_the_employer(routes: World) -> None:
    data = {**FORM, "employer_name": "", "employer_size": ""}
    html = Client().post(reverse("sickness-form"), data).content.decode()
    assert "Skriv navnet på din arbejdsgiver." in html
    assert "Vælg, hvor mange der er ansat." in html


def test_the_employer_states_the_expected_absence_through_their_link(routes: World) -> None:
    case = today_case(expected_return_weeks=6)
    url = reverse("employer-form", args=[case.employer_token])
    assert Client().get(url).status_code == 200
    assert Client().post(url, {"expected_return_weeks": "200"}).status_code == 400
    assert Client().post(url, {"expected_return_weeks": "8"}).status_code == 200
    case.refresh_from_db()
    assert case.spell.employer_expected_return_weeks == 8
    assert case.track == Track.NONE
    assert Client().get(reverse("employer-form", args=["ukendt"])).status_code == 404


# --------------------------------------------------------------------------- worklist


def test_the_worklist_shows_new_screenings_awaiting_review(routes: World) -> None:
    today_case()
    html = client_for(routes.caseworker).get(reverse("worklist")).content.decode()
    assert "Mette Jensen" in html
    assert "010190-xxxx" in html
    assert "010190-1234" not in html
    assert "Afventer vurdering" in html
    assert_no_inline_style_or_script(html)


def test_the_worklist_filters_by_status_track_and_district(routes: World) -> None:
    today_case()
    make_person("0202901235", "Anders And", "Bispebjerg", routes.nord)
    case = today_case(cpr="0202901235", expected_return_weeks=4)
    client = client_for(routes.caseworker)
    by_track = client.get(reverse("worklist"), {"track": Track.LIGHT}).content.decode()
    assert "Anders And" in by_track
    assert "Mette Jensen" not in by_track
    by_district = client.get(reverse("worklist"), {"district": "Nørrebro"}).content.decode()
    assert "Mette Jensen" in by_district
    assert "Anders And" not in by_district
    Review.objects.filter(screening__case=case).update(state=Review.State.CONFIRMED)
    awaiting = client.get(reverse("worklist"), {"status": "awaiting"}).content.decode()
    assert "Mette Jensen" in awaiting
    assert "Anders And" not in awaiting


def test_the_worklist_shows_only_the_users_team(routes: World) -> None:
    today_case()
    html = client_for(routes.caseworker_syd).get(reverse("worklist")).content.decode()
    assert "Mette Jensen" not in html


def _many_cases(world: World, n: int) -> None:
    for i in range(n):
        cpr = f"{(i % 28) + 1:02d}0{(i // 28) + 1}8{i % 10}123{i % 10}"
        make_person(cpr, f"Person {i:02d}", "Nørrebro", world.nord)
        today_case(cpr=cpr)


def test_the_worklist_is_paginated(routes: World) -> None:
    _many_cases(routes, 27)
    client = client_for(routes.caseworker)
    first = client.get(reverse("worklist")).content.decode()
    assert "Side 1 af 2" in first
    second = client.get(reverse("worklist"), {"side": 2}).content.decode()
    assert second.count('href="/sager/') == 2


def test_the_worklist_takes_the_same_number_of_queries_for_few_and_many_cases(
    routes: World, django_assert_num_queries: Any
) -> None:
    _many_cases(routes, 3)
    client = client_for(routes.caseworker)
    client.get(reverse("worklist"))  # warm the session and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("worklist"), {"sort": "risk"})
    _many_cases_offset(routes, 20)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("worklist"), {"sort": "risk"})


def _many_cases_offset(world: World, n: int) -> None:
    for i in range(n):
        cpr = f"{(i % 28) + 1:02d}1{(i // 28) + 1}7{i % 10}456{i % 10}"
        make_person(cpr, f"Anden {i:02d}", "Nørrebro", world.nord)
        today_case(cpr=cpr)


# --------------------------------------------------------------------------- case page


def test_the_case_page_shows_the_person_masked_the_timeline_and_the_proposal(
    routes: World,
) -> None:
    case = today_case()
    html = client_for(routes.caseworker).get(reverse("case-detail", args=[case.pk])).content
    page = html.decode()
    assert "010190-xxxx" in page
    assert "010190-1234" not in page
    for text in (
        "Lovens tidslinje",
        "22-ugers-grænsen nås",
        "26-ugers-mærket",
        "Første opfølgningssamtale senest",
        "Sygedagpengeloven § 24, stk. 1",
        "Sygedagpengeloven § 24, stk. 3",
        "Foreslået spor: Tværfaglig indsats",
        "Kun regler og svar",
    ):
        assert text in page
    assert_no_inline_style_or_script(page)


def test_overriding_on_the_case_page_requires_a_reason(routes: World) -> None:
    case = today_case()
    client = client_for(routes.caseworker)
    data = {
        "decision": "override",
        "track": Track.LIGHT,
        "reason": "",
        "screening": case.current_screening_id,
    }
    response = client.post(reverse("case-review", args=[case.pk]), data)
    assert response.status_code == 400
    assert "Skriv en begrundelse for at vælge et andet spor." in response.content.decode()
    data["reason"] = "Arbejdsgiveren har allerede en plan"
    response = client.post(reverse("case-review", args=[case.pk]), data)
    assert response.status_code == 302
    review = Review.objects.get()
    assert review.state == Review.State.OVERRIDDEN
    assert review.reason == "Arbejdsgiveren har allerede en plan"


def test_a_conversation_is_recorded_and_a_date_moved_from_the_case_page(routes: World) -> None:
    case = today_case()
    client = client_for(routes.caseworker)
    response = client.post(
        reverse("case-contact", args=[case.pk]),
        {"kind": "phone", "held_on": TODAY.isoformat(), "note": "Telefonsamtale"},
    )
    assert response.status_code == 302
    assert ContactDue.objects.filter(status=ContactDue.Status.DONE, legal=True).exists()
    due = ContactDue.objects.filter(status=ContactDue.Status.PLANNED).first()
    assert due is not None
    url = reverse("contact-move", args=[case.pk, due.pk])
    assert client.get(url).status_code == 200
    new_date = (due.due + timedelta(days=2)).isoformat()
    assert client.post(url, {"new_date": new_date, "reason": ""}).status_code == 400
    assert client.post(url, {"new_date": new_date, "reason": "Ferie"}).status_code == 302
    due.refresh_from_db()
    assert due.move_reason == "Ferie"


def test_the_case_file_for_an_access_request_holds_inputs_decision_and_reasons(
    routes: World,
) -> None:
    case = today_case()
    client = client_for(routes.caseworker)
    data = {
        "decision": "override",
        "track": Track.LIGHT,
        "reason": "Kendt forløb",
        "screening": case.current_screening_id,
    }
    assert client.post(reverse("case-review", args=[case.pk]), data).status_code == 302
    page = client.get(reverse("case-file", args=[case.pk])).content.decode()
    for text in (
        "Aktindsigt",
        "Egen forventning om 30 ugers fravær",
        "Kendt forløb",
        "Andet spor valgt",
        "26-ugers-reglen",
        "art. 22",
        "expected_return_weeks",
    ):
        assert text in page


def test_the_alerts_page_names_the_rule_of_each_alert(routes: World) -> None:
    case = today_case(employment_status="unemployed")
    from sporskifte.sickness import batch

    # A ledig's first 30 days do not count: the limit is day 30 + 155; warn 4 weeks ahead.
    batch.refresh_alerts(system("test"), on=case.spell.onset_date + timedelta(days=170))
    html = client_for(routes.caseworker).get(reverse("alerts")).content.decode()
    assert law.ALERT_LABELS[law.LIMIT_NEAR] in html
    assert "Sygedagpengeloven § 24, stk. 1" in html


def test_the_team_view_shows_the_override_rate_by_caseworker_and_track(routes: World) -> None:
    case = today_case()
    client_for(routes.caseworker).post(
        reverse("case-review", args=[case.pk]),
        {
            "decision": "override",
            "track": Track.LIGHT,
            "reason": "Kendt",
            "screening": case.current_screening_id,
        },
    )
    html = client_for(routes.team_leader).get(reverse("team-overview")).content.decode()
    by_user = html[html.index('id="override-by-user"') : html.index('id="override-by-track"')]
    assert "Sara" in by_user
    assert "100 %" in by_user
    assert "Tværfaglig indsats" in html[html.index('id="override-by-track"') :]
    assert "400 timer om ugen" in html
    assert_no_inline_style_or_script(html)


def test_filtering_the_worklist_with_htmx_returns_only_the_table(routes: World) -> None:
    today_case()
    client = client_for(routes.caseworker)
    response = client.get(reverse("worklist"), {"status": "awaiting"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert "Mette Jensen" in html
    assert 'id="worklist-count"' in html


def test_the_daily_alert_check_runs_as_a_management_command(routes: World) -> None:
    from io import StringIO

    from django.core.management import call_command

    case = today_case(employment_status="unemployed")
    on = case.spell.onset_date + timedelta(days=150)
    out = StringIO()
    call_command("refresh_alerts", "--on", on.isoformat(), stdout=out)
    assert "1 raised" in out.getvalue()
