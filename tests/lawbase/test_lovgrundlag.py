"""The Lovgrundlag page: who may see it and sign off, what it shows, and the audit entry of a
sign-off; a sign-off lapses when the parameter period it was given for changes."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from sporskifte.accounts.models import Role, User
from sporskifte.audit.models import LogEntry
from sporskifte.lawbase import actions
from sporskifte.lawbase.models import Signoff
from sporskifte.lawbase.params import CURRENT, STALE, UNREVIEWED, fingerprint, rows, value_text
from sporskifte.rules.params import load_params
from tests.conftest import World, client_for, make_user

pytestmark = pytest.mark.django_db

DAY = "2026-07-01"
KEY = "sickness.limit_used_up_at_start"
START = date(2014, 7, 1)


@pytest.fixture
def jurist(world: World) -> User:
    return make_user("jurist", Role.LAWYER, None)


def page(user: User, day: str = DAY) -> str:
    response = client_for(user).get(reverse("lovgrundlag") + f"?dato={day}")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("who", "status"),
    [("caseworker", 403), ("analyst", 403), ("outsider", 403), ("team_leader", 200),
     ("admin", 200)],
)  # fmt: skip
def test_team_leaders_admins_and_jurists_may_read_the_page(
    world: World, who: str, status: int
) -> None:
    response = client_for(getattr(world, who)).get(reverse("lovgrundlag"))
    assert response.status_code == status


def test_anonymous_users_are_sent_to_the_login(world: World) -> None:
    response = Client().get(reverse("lovgrundlag"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_page_lists_every_parameter_in_force_with_source_kind_and_provisional_mark(
    world: World,
) -> None:
    html = page(world.team_leader)
    in_force = load_params().at(date(2026, 7, 1))
    for key in in_force:
        assert f'<code class="muted">{key}</code>' in html
    assert f"<strong>{len(in_force)}</strong> parametre i kraft" in html
    provisional = sum(p.provisional for p in in_force.values())
    assert f"<strong>{provisional}</strong> foreløbige" in html
    # the reform regime: provisional, with its Danish assumption, its source and its kind
    regime = in_force["sickness.follow_up_regime"]
    row = html.split('id="p-sicknessfollow_up_regime"')[1].split("</tr>")[0]
    assert "Foreløbig" in row
    assert "Antagelse: Ikrafttrædelsen af 26-ugers-reglen" in row
    assert f'href="{regime.source}"' in row
    assert "Lovforslag og bemærkninger" in row
    assert "primær kilde" in row
    # a rate that is not known is said to be unknown, never guessed
    assert "ukendt (ikke fundet i kilderne)" in html
    assert "Sekundær kilde" in html
    assert "Ikke gennemgået" in html


def test_the_date_chooses_the_rules_in_force(world: World) -> None:
    before = page(world.team_leader, "2025-06-30")
    after = page(world.team_leader, "2025-07-01")
    assert "10.000 kr." in before.split('id="p-means_testasset_limit_single_dkk"')[1][:600]
    assert "15.500 kr." in after.split('id="p-means_testasset_limit_single_dkk"')[1][:600]


def test_only_a_jurist_sees_the_sign_off_buttons(world: World, jurist: User) -> None:
    assert "Godkend</button>" not in page(world.team_leader)
    assert "Godkend</button>" in page(jurist)


def test_a_jurists_sign_off_is_stored_audited_and_shown(world: World, jurist: User) -> None:
    response = client_for(jurist).post(
        reverse("lovgrundlag-sign-off"),
        {"key": KEY, "valid_from": START.isoformat(), "comment": "Læst mod 15-15.", "dato": DAY},
    )
    assert response.status_code == 302
    signoff = Signoff.objects.get()
    assert (signoff.key, signoff.valid_from, signoff.signed_by) == (KEY, START, jurist)
    assert signoff.fingerprint == fingerprint(load_params().history(KEY)[0])
    entry = LogEntry.objects.get(action="law.signoff")
    assert entry.actor == jurist
    assert entry.object_id == str(signoff.pk)
    assert entry.detail["key"] == KEY
    assert entry.detail["valid_from"] == "2014-07-01"
    assert entry.detail["kind"] == "ankestyrelsen"
    assert entry.detail["comment"] == "Læst mod 15-15."
    row = (
        page(world.team_leader).split('id="p-sicknesslimit_used_up_at_start"')[1].split("</tr>")[0]
    )
    assert "Godkendt af Jurist" in row
    assert "Læst mod 15-15." in row


def test_a_team_leader_may_not_sign_off_and_nothing_is_written(world: World) -> None:
    response = client_for(world.team_leader).post(
        reverse("lovgrundlag-sign-off"), {"key": KEY, "valid_from": START.isoformat()}
    )
    assert response.status_code == 403
    assert not Signoff.objects.exists()
    assert not LogEntry.objects.filter(action="law.signoff").exists()


def test_a_hostile_date_never_reaches_the_redirect(jurist: User) -> None:
    response = client_for(jurist).post(
        reverse("lovgrundlag-sign-off"),
        {"key": KEY, "valid_from": START.isoformat(), "dato": "x\r\nSet-Cookie: a=b"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("lovgrundlag") + "#p-")


def test_signing_off_an_unknown_period_is_refused_in_danish_and_nothing_is_written(
    jurist: User,
) -> None:
    client = client_for(jurist)
    response = client.post(
        reverse("lovgrundlag-sign-off"), {"key": KEY, "valid_from": "2015-01-01"}, follow=True
    )
    assert "findes ikke" in response.content.decode()
    assert not Signoff.objects.exists()
    assert not LogEntry.objects.filter(action="law.signoff").exists()


def test_a_sign_off_lapses_when_the_period_changes(jurist: User) -> None:
    period = load_params().history(KEY)[0]
    actions.sign_off(jurist, KEY, START)
    (row,) = [r for r in rows(date(2026, 7, 1), Signoff.objects.all()) if r.param.key == KEY]
    assert row.status == CURRENT
    changed = dataclasses.replace(period, note="Ændret tekst.")
    assert fingerprint(changed) != fingerprint(period)
    Signoff.objects.update(fingerprint=fingerprint(changed))
    (row,) = [r for r in rows(date(2026, 7, 1), Signoff.objects.all()) if r.param.key == KEY]
    assert row.status == STALE
    other = [r for r in rows(date(2026, 7, 1), Signoff.objects.all()) if r.param.key != KEY]
    assert {r.status for r in other} == {UNREVIEWED}


def test_values_read_the_danish_way() -> None:
    at = load_params().at(date(2026, 7, 1))
    assert value_text(at["means_test.asset_limit_single_dkk"]) == "15.500 kr."
    assert value_text(at["contact.conversation_share_min"]) == "75 %"
    assert value_text(at["sickness.limit_weeks"]) == "22 uger"
    assert value_text(at["sickness.limit_used_up_at_start"]) == "ja"


def test_the_menu_links_to_the_page_for_team_leaders_not_caseworkers(world: World) -> None:
    link = f'href="{reverse("lovgrundlag")}"'
    assert link in client_for(world.team_leader).get(reverse("home")).content.decode()
    assert link not in client_for(world.caseworker).get(reverse("home")).content.decode()
