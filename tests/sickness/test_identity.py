"""The citizen's form and identity: a typed CPR number never attaches to a person's file nor
shows registered data; the login's verified number does; without it the application is held
for a caseworker to match. Anonymous submissions are throttled per client and in all."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sporskifte.accounts.identity import CITIZEN_CPR_SESSION_KEY
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.models import Person
from sporskifte.sickness import throttle
from sporskifte.sickness.models import HeldApplication, SpellCase
from tests.conftest import World, client_for
from tests.sickness.conftest import CITIZEN_FORM

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
# Mette Jensen (Team Nord) is registered with 0101901234; someone else types her number.
FORM = {**CITIZEN_FORM, "name": "Eva Fremmed"}


def test_a_typed_cpr_number_is_held_never_attached_and_never_shows_registered_data(
    routes: World,
) -> None:
    persons = Person.objects.count()
    first = Client().post(reverse("sickness-form"), FORM)
    second = Client().post(reverse("sickness-form"), FORM)
    assert first.status_code == second.status_code == 302  # the same answer both times
    assert not SpellCase.objects.exists()
    assert Person.objects.count() == persons
    held = HeldApplication.objects.order_by("pk")
    assert [h.state for h in held] == ["waiting", "waiting"]
    assert held[0].team == routes.nord
    assert held[0].claimed_name == "Eva Fremmed"
    for response in (first, second):
        receipt = Client().get(response["Location"]).content.decode()
        assert "Eva Fremmed" in receipt  # what was typed
        assert "Mette Jensen" not in receipt  # never what is registered
        assert "allerede modtaget" not in receipt
        assert "bekræfter først, hvem du er" in receipt
    assert LogEntry.objects.filter(action="application.hold").count() == 2
    assert LogEntry.objects.filter(action="receipt.view").count() == 2


def test_a_login_with_a_verified_cpr_attaches_the_application_to_the_persons_file(
    routes: World,
) -> None:
    client = Client()
    session = client.session
    session[CITIZEN_CPR_SESSION_KEY] = "0101901234"
    session.save()
    page = client.get(reverse("sickness-form")).content.decode()
    assert 'name="cpr"' not in page
    assert "010190-xxxx" in page
    # a typed number is ignored when the login gave one
    response = client.post(reverse("sickness-form"), {**FORM, "cpr": "150285-1235"})
    case = SpellCase.objects.get()
    assert response["Location"] == reverse("sickness-receipt", args=[case.receipt_token])
    assert case.person == routes.person_nord
    assert not HeldApplication.objects.exists()


def test_a_caseworker_sees_held_applications_masked_and_matches_one_with_a_note(
    routes: World,
) -> None:
    Client().post(reverse("sickness-form"), FORM)
    held = HeldApplication.objects.get()
    client = client_for(routes.caseworker)
    listing = client.get(reverse("held-applications")).content.decode()
    assert "Eva Fremmed" in listing
    assert "010190-xxxx" in listing
    assert "1234" not in listing
    url = reverse("held-application", args=[held.pk])
    refused = client.post(url, {"decision": "match", "cpr": "010190-1234", "note": ""})
    assert refused.status_code == 400
    assert not SpellCase.objects.exists()
    done = client.post(
        url, {"decision": "match", "cpr": "010190-1234", "note": "Ringet op, bekræftet i CPR"}
    )
    case = SpellCase.objects.get()
    assert done["Location"] == reverse("case-detail", args=[case.pk])
    assert case.person == routes.person_nord
    held.refresh_from_db()
    assert held.state == "matched"
    assert held.case == case
    assert held.decided_by == routes.caseworker
    assert LogEntry.objects.filter(action="application.match", actor=routes.caseworker).exists()
    assert LogEntry.objects.filter(action="application.held_list").exists()
    again = client.post(url, {"decision": "reject", "note": "dublet"})
    assert again.status_code == 400  # already decided


def test_a_held_application_can_be_rejected_and_another_team_cannot_see_it(
    routes: World,
) -> None:
    Client().post(reverse("sickness-form"), FORM)
    held = HeldApplication.objects.get()
    url = reverse("held-application", args=[held.pk])
    assert client_for(routes.caseworker_syd).get(url).status_code == 404
    assert (
        "Eva Fremmed"
        not in client_for(routes.caseworker_syd).get(reverse("held-applications")).content.decode()
    )
    response = client_for(routes.caseworker).post(url, {"decision": "reject", "note": "Ukendt"})
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.state == "rejected"
    assert not SpellCase.objects.exists()
    assert LogEntry.objects.filter(action="application.reject").exists()


def test_anonymous_submissions_are_throttled_per_client_with_a_danish_message(
    routes: World, settings: Any
) -> None:
    settings.CITIZEN_FORM_MAX_PER_CLIENT_HOUR = 2
    client = Client(REMOTE_ADDR="192.0.2.10")
    statuses = [client.post(reverse("sickness-form"), FORM).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    third = client.post(reverse("sickness-form"), FORM)
    assert throttle.TOO_MANY_FROM_CLIENT in third.content.decode()
    assert HeldApplication.objects.count() == 2
    other = Client(REMOTE_ADDR="192.0.2.11").post(reverse("sickness-form"), FORM)
    assert other.status_code == 302
    assert LogEntry.objects.filter(action="application.throttled").count() == 2


def test_anonymous_submissions_are_throttled_in_all(routes: World, settings: Any) -> None:
    settings.CITIZEN_FORM_MAX_PER_HOUR = 3
    statuses = [
        Client(REMOTE_ADDR=f"192.0.2.{n}").post(reverse("sickness-form"), FORM).status_code
        for n in range(1, 6)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    page = Client(REMOTE_ADDR="192.0.2.99").post(reverse("sickness-form"), FORM)
    assert throttle.TOO_MANY_IN_ALL in page.content.decode()


def test_a_forwarded_address_counts_only_behind_the_proxy(routes: World, settings: Any) -> None:
    settings.CITIZEN_FORM_MAX_PER_CLIENT_HOUR = 1
    spoofed = {"REMOTE_ADDR": "10.0.0.1"}
    # not behind a proxy: a client cannot pick a fresh address with the header
    for n in range(2):
        Client(**spoofed, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").post(
            reverse("sickness-form"), FORM
        )
    assert HeldApplication.objects.count() == 1
    settings.BEHIND_PROXY = True
    for n in range(2):
        Client(**spoofed, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
            reverse("sickness-form"), FORM
        )
    assert HeldApplication.objects.count() == 3


def test_the_held_application_shows_and_keeps_how_the_employer_may_see_the_name(
    routes: World,
) -> None:
    Client().post(reverse("sickness-form"), {**FORM, "employee_name_shown": "initials"})
    held = HeldApplication.objects.get()
    client = client_for(routes.caseworker)
    url = reverse("held-application", args=[held.pk])
    page = client.get(url).content.decode()
    assert "Arbejdsgiveren må se borgeren som" in page
    assert "Kun initialer (borgerens valg)" in page
    client.post(url, {"decision": "match", "cpr": "010190-1234", "note": "Bekræftet i CPR"})
    assert SpellCase.objects.get().employee_name_shown == "initials"
