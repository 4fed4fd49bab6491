"""Personal responses: never cached, never in a cookie, every read and every refusal in the
audit log; hostile ids and file names bounded."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sporskifte.accounts.tokens import create_token
from sporskifte.audit.actions import system
from sporskifte.audit.models import LogEntry
from sporskifte.transition import actions
from tests.conftest import client_for
from tests.sickness.conftest import case_of
from tests.transition.conftest import Phaseout, make_course

TWENTY_DIGITS = 10**19 + 7


def test_every_personal_page_and_file_says_no_store_private(phaseout: Phaseout) -> None:
    world = phaseout.world
    case = case_of(world)
    letter = actions.generate_letter(system("test"), phaseout.soon.pk)
    client = client_for(world.caseworker)
    urls = [
        reverse("person-detail", args=[world.person_nord.pk]),
        reverse("case-detail", args=[case.pk]),
        reverse("case-file", args=[case.pk]),
        reverse("transition-course", args=[phaseout.soon.pk]),
        reverse("transition-letter-download", args=[letter.pk]),
        reverse("transition-grant", args=[world.person_nord.pk]),
        reverse("transition-overview"),
        reverse("alerts"),
        reverse("worklist"),
        reverse("held-applications"),
        reverse("sickness-receipt", args=[case.receipt_token]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store, private", url
    token = create_token(world.caseworker, "test")
    api = Client().get(f"/api/persons/{world.person_nord.pk}", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.status_code == 200
    assert api["Cache-Control"] == "no-store, private"


def test_revealing_a_cpr_number_puts_it_in_no_cookie(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.caseworker)
    person = phaseout.world.person_nord
    response = client.post(reverse("person-reveal-cpr", args=[person.pk]), {"reason": "Brev"})
    assert "010190-1234" in response.content.decode() or "0101901234" in response.content.decode()
    for morsel in response.cookies.values():
        assert "0101901234" not in morsel.value
        assert "010190-1234" not in morsel.value
    assert "messages" not in response.cookies
    follow = client.get(reverse("person-detail", args=[person.pk]))
    assert all("0101901234" not in m.value for m in follow.cookies.values())


@pytest.mark.parametrize(
    ("name", "url", "action"),
    [
        ("grant", lambda p: reverse("transition-grant", args=[p.world.person_nord.pk]),
         "transition.grant_view"),
        ("overview", lambda p: reverse("transition-overview"), "transition.overview"),
        ("alerts", lambda p: reverse("alerts"), "alerts.view"),
        ("course", lambda p: reverse("transition-course", args=[p.soon.pk]),
         "transition.course_view"),
        ("person", lambda p: reverse("person-detail", args=[p.world.person_nord.pk]),
         "person.view"),
    ],
)  # fmt: skip
def test_each_personal_read_is_in_the_audit_log(
    phaseout: Phaseout, name: str, url: Any, action: str
) -> None:
    user = phaseout.world.caseworker
    assert client_for(user).get(url(phaseout)).status_code == 200
    assert LogEntry.objects.filter(action=action, actor=user).exists(), name


def test_the_api_course_search_is_in_the_audit_log(phaseout: Phaseout) -> None:
    token = create_token(phaseout.world.caseworker, "test")
    response = Client().post(
        "/api/transition/courses/search",
        {"within_months": 6},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    entry = LogEntry.objects.get(action="api.course_search")
    assert entry.actor == phaseout.world.caseworker


def test_refused_attempts_on_another_teams_objects_are_in_the_audit_log(
    phaseout: Phaseout,
) -> None:
    world = phaseout.world
    client = client_for(world.caseworker_syd)
    refused = [
        reverse("person-detail", args=[world.person_nord.pk]),
        reverse("transition-course", args=[phaseout.soon.pk]),
        reverse("transition-grant", args=[world.person_nord.pk]),
        reverse("case-detail", args=[case_of(world).pk]),
    ]
    for url in refused:
        assert client.get(url).status_code == 404, url
    entries = LogEntry.objects.filter(action="access.refused", actor=world.caseworker_syd)
    assert sorted(e.object_label for e in entries) == sorted(refused)
    token = create_token(world.caseworker_syd, "test")
    api = Client().get(
        f"/api/transition/courses/{phaseout.soon.pk}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert api.status_code == 404
    assert entries.all().count() == len(refused) + 1
    forbidden = client_for(world.analyst).get(reverse("person-detail", args=[world.person_nord.pk]))
    assert forbidden.status_code == 403
    assert LogEntry.objects.filter(action="access.refused", actor=world.analyst).exists()


def test_a_twenty_digit_id_is_not_found_not_a_server_error(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.admin)
    for url in (
        f"/sager/{TWENTY_DIGITS}/",
        f"/personer/{TWENTY_DIGITS}/",
        f"/overgang/forloeb/{TWENTY_DIGITS}/",
    ):
        assert client.get(url).status_code == 404, url
    token = create_token(phaseout.world.admin, "test")
    api = Client().get(
        f"/api/transition/courses/{TWENTY_DIGITS}", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert api.status_code == 404


def test_the_letters_download_name_is_sanitised(phaseout: Phaseout) -> None:
    hostile = make_course('C"; filename=x.exe\r\n/../../etc', phaseout.world.person_nord)
    letter = actions.generate_letter(system("test"), hostile.pk)
    response = client_for(phaseout.world.caseworker).get(
        reverse("transition-letter-download", args=[letter.pk])
    )
    header = response["Content-Disposition"]
    name = header.split('filename="', 1)[1].rstrip('"')
    assert name.startswith("brev-C_filename_x.exe_")
    assert name.endswith(".pdf")
    assert all(ch.isalnum() or ch in "._-" for ch in name), name
