"""The citizen's form behind NemLog-in: the CPR number comes from the login (the local test
identity provider, end to end), never from a typed field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from sporskifte.audit.models import LogEntry
from sporskifte.sickness.models import SpellCase
from tests.accounts.saml_flow import local_idp, saml_login
from tests.conftest import World
from tests.sickness.test_workflow_pages import FORM

pytestmark = pytest.mark.django_db


@pytest.fixture
def nemlogin(routes: World, tmp_path: Path, settings: Any) -> Any:
    settings.CITIZEN_FORM_PUBLIC = False
    with local_idp(tmp_path, settings) as idp:
        yield idp


def test_without_login_the_form_sends_the_citizen_to_nemlog_in(client: Any, nemlogin: Any) -> None:
    response = client.get(reverse("sickness-form"))
    assert response.status_code == 302
    assert response["Location"].startswith("/saml2/login/?idp=")
    assert "next=%2Fanmeld%2F" in response["Location"]


@pytest.mark.parametrize("typed_cpr", [None, "010190-1234"])
def test_a_citizen_applies_with_the_cpr_number_from_the_login(
    client: Any, nemlogin: Any, routes: World, typed_cpr: str | None
) -> None:
    landed = saml_login(client, nemlogin, "citizen", "borger2", reverse("sickness-form"))
    assert landed["Location"] == reverse("sickness-form")
    page = client.get(reverse("sickness-form")).content.decode()
    assert 'name="cpr"' not in page
    assert "150285-xxxx (fra dit login)" in page
    assert 'value="Jonas Testborger"' in page  # the name comes from the login too

    answers = {k: v for k, v in FORM.items() if k != "cpr"} | {"name": "Jonas Testborger"}
    if typed_cpr:  # a CPR number slipped into the post is ignored
        answers["cpr"] = typed_cpr
    response = client.post(reverse("sickness-form"), answers)
    assert response.status_code == 302
    case = SpellCase.objects.select_related("person").get()
    assert case.person.cpr == "1502851235"  # from the assertion, never the form
    assert case.person.pk == routes.person_syd.pk  # the registered person: attached
    opened = LogEntry.objects.get(action="spell.open")
    assert opened.actor_label.startswith("borger-")
    assert "1502851235" not in opened.actor_label


def test_a_citizen_has_no_other_rights(client: Any, nemlogin: Any, routes: World) -> None:
    saml_login(client, nemlogin, "citizen", "borger1", "/")
    assert client.get(reverse("worklist")).status_code == 403
    assert client.get(reverse("person-detail", args=[routes.person_nord.pk])).status_code in (
        403, 404,
    )  # fmt: skip


def test_where_the_form_is_open_it_still_offers_nemlog_in(
    client: Any, nemlogin: Any, settings: Any
) -> None:
    settings.CITIZEN_FORM_PUBLIC = True  # the demo: typed CPR or the test identity provider
    page = client.get(reverse("sickness-form")).content.decode()
    assert 'id="mitid-login"' in page
    assert 'name="cpr"' in page
