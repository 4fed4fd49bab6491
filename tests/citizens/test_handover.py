"""Two administrations: a case handed over or shared, read-only for the other side."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from sporskifte.accounts.models import Organisation, Role, Team
from sporskifte.accounts.permissions import Perm, get_person_for_user, persons_visible_to
from sporskifte.audit.actions import ActionRefused, StateConflict
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.actions import accept_handover, hand_over, withdraw_share
from sporskifte.citizens.models import CaseShare
from tests.conftest import World, make_user


@pytest.fixture
def social(world: World) -> Team:
    bif = Organisation.objects.create(
        name="Beskæftigelses- og Integrationsforvaltningen", short_name="BIF"
    )
    sof = Organisation.objects.create(name="Socialforvaltningen", short_name="SOF")
    Team.objects.filter(pk__in=[world.nord.pk, world.syd.pk]).update(organisation=bif)
    team = Team.objects.create(name="Team Ressourceforløb (SOF)", organisation=sof)
    make_user("sanne", Role.CASEWORKER, team)
    world.caseworker.refresh_from_db()
    return team


def test_a_hand_over_moves_the_case_at_once_and_leaves_the_sender_read_only(
    world: World, social: Team
) -> None:
    sanne = social.members.get()
    person = world.person_nord
    share = hand_over(world.caseworker, person.pk, to_team=social, kind="handover", note="RF")
    person.refresh_from_db()
    assert person.team == social
    assert person in persons_visible_to(sanne)  # the receiver sees it at once
    assert get_person_for_user(sanne, person.pk, Perm.CASE_HANDOVER) == person
    assert get_person_for_user(world.caseworker, person.pk) == person  # read-only view
    with pytest.raises(Http404):
        get_person_for_user(world.caseworker, person.pk, Perm.CASE_HANDOVER)
    entry = LogEntry.objects.get(action="person.handover")
    assert entry.actor == world.caseworker
    assert entry.detail["to_team"] == social.name
    accept_handover(sanne, share.pk)
    with pytest.raises(Http404):
        get_person_for_user(world.caseworker, person.pk)  # the view ends on acceptance
    assert LogEntry.objects.filter(action="person.handover_accept", actor=sanne).exists()


def test_a_share_gives_the_other_administration_a_read_only_view(
    world: World, social: Team
) -> None:
    sanne = social.members.get()
    person = world.person_nord
    hand_over(world.caseworker, person.pk, to_team=social, kind="share")
    person.refresh_from_db()
    assert person.team == world.nord
    assert get_person_for_user(sanne, person.pk) == person
    with pytest.raises(Http404):
        get_person_for_user(sanne, person.pk, Perm.PERSON_REVEAL_CPR)
    page = Client()
    page.force_login(sanne)
    html = page.get(f"/personer/{person.pk}/").content.decode()
    assert "Skrivebeskyttet visning" in html
    assert 'id="handover-form"' not in html


def test_only_another_administrations_team_may_receive_and_only_once(
    world: World, social: Team
) -> None:
    with pytest.raises(ActionRefused):
        hand_over(world.caseworker, world.person_nord.pk, to_team=world.syd, kind="handover")
    with pytest.raises(Http404):  # another team's person
        hand_over(world.caseworker, world.person_syd.pk, to_team=social, kind="handover")
    with pytest.raises(PermissionDenied):
        hand_over(world.analyst, world.person_nord.pk, to_team=social, kind="handover")
    hand_over(world.caseworker, world.person_nord.pk, to_team=social, kind="handover")
    assert CaseShare.objects.count() == 1
    with pytest.raises((StateConflict, Http404)):
        hand_over(world.caseworker, world.person_nord.pk, to_team=social, kind="handover")


def test_the_person_page_hands_over_and_the_receiver_accepts(world: World, social: Team) -> None:
    sara, sanne = Client(), Client()
    sara.force_login(world.caseworker)
    sanne.force_login(social.members.get())
    person = world.person_nord
    html = sara.get(f"/personer/{person.pk}/").content.decode()
    assert "Socialforvaltningen" in html
    response = sara.post(
        f"/personer/{person.pk}/overdrag/", {"to_team": social.pk, "kind": "handover"}
    )
    assert response.status_code == 302
    html = sanne.get(f"/personer/{person.pk}/").content.decode()
    assert 'id="accept-handover"' in html
    share = CaseShare.objects.get()
    assert sanne.post(f"/personer/overdragelser/{share.pk}/modtag/").status_code == 302
    assert sara.get(f"/personer/{person.pk}/").status_code == 404


def test_the_sender_withdraws_a_share_and_the_other_administration_no_longer_sees_the_person(
    world: World, social: Team
) -> None:
    sanne = social.members.get()
    person = world.person_nord
    share = hand_over(world.caseworker, person.pk, to_team=social, kind="share")
    accept_handover(sanne, share.pk)  # an accepted share may be withdrawn too
    withdrawn = withdraw_share(world.caseworker, share.pk)
    assert withdrawn.withdrawn_at is not None
    assert withdrawn.withdrawn_by == world.caseworker
    with pytest.raises(Http404):
        get_person_for_user(sanne, person.pk)
    assert person not in persons_visible_to(sanne)
    person.refresh_from_db()
    assert person.team == world.nord  # a share never moved the person
    entry = LogEntry.objects.get(action="person.share_withdraw")
    assert entry.actor == world.caseworker
    assert entry.object_id == str(person.pk)
    assert entry.detail == {"to_team": social.name, "share": share.pk}


def test_withdrawing_an_unaccepted_hand_over_returns_the_person_to_the_sender(
    world: World, social: Team
) -> None:
    sanne = social.members.get()
    person = world.person_nord
    share = hand_over(world.caseworker, person.pk, to_team=social, kind="handover")
    withdraw_share(world.caseworker, share.pk)
    person.refresh_from_db()
    assert person.team == world.nord
    assert get_person_for_user(world.caseworker, person.pk, Perm.CASE_HANDOVER) == person
    with pytest.raises(Http404):
        get_person_for_user(sanne, person.pk)
    with pytest.raises(Http404):  # nothing left to accept
        accept_handover(sanne, share.pk)
    assert LogEntry.objects.filter(action="person.handover_withdraw").count() == 1
    hand_over(world.caseworker, person.pk, to_team=social, kind="handover")  # may go again


def test_only_the_sending_team_withdraws_and_never_an_accepted_hand_over(
    world: World, social: Team
) -> None:
    sanne = social.members.get()
    share = hand_over(world.caseworker, world.person_nord.pk, to_team=social, kind="share")
    with pytest.raises(Http404):  # the receiving team
        withdraw_share(sanne, share.pk)
    with pytest.raises(Http404):  # another team of the same administration
        withdraw_share(world.caseworker_syd, share.pk)
    with pytest.raises(PermissionDenied):  # a role without hand-over rights
        withdraw_share(world.analyst, share.pk)
    withdraw_share(world.caseworker, share.pk)
    with pytest.raises(Http404):  # already withdrawn
        withdraw_share(world.caseworker, share.pk)
    handover = hand_over(world.caseworker, world.person_nord.pk, to_team=social, kind="handover")
    accept_handover(sanne, handover.pk)
    with pytest.raises(Http404):  # accepted: the case is the receiver's now
        withdraw_share(world.caseworker, handover.pk)
    assert world.person_nord in persons_visible_to(sanne)
    withdrawals = LogEntry.objects.filter(action__endswith="_withdraw")
    assert [e.action for e in withdrawals] == ["person.share_withdraw"]


def test_the_person_page_withdraws_after_a_confirmation_and_the_receiver_gets_404(
    world: World, social: Team
) -> None:
    sara, sanne = Client(), Client()
    sara.force_login(world.caseworker)
    sanne.force_login(social.members.get())
    person = world.person_nord
    sara.post(f"/personer/{person.pk}/overdrag/", {"to_team": social.pk, "kind": "share"})
    share = CaseShare.objects.get()
    assert sanne.get(f"/personer/{person.pk}/").status_code == 200
    assert "Træk delingen tilbage" not in sanne.get(f"/personer/{person.pk}/").content.decode()
    html = sara.get(f"/personer/{person.pk}/").content.decode()
    url = f"/personer/overdragelser/{share.pk}/traek-tilbage/"
    assert f'href="{url}"' in html
    confirm = sara.get(url).content.decode()
    assert "Træk delingen tilbage?" in confirm
    assert "kan ikke længere se Mette Jensen" in confirm
    assert not CaseShare.objects.filter(withdrawn_at__isnull=False).exists()  # GET asks only
    assert sanne.get(url).status_code == 404
    assert sanne.post(url).status_code == 404  # the receiver cannot withdraw
    response = sara.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/personer/{person.pk}/"
    page = sara.get(response["Location"]).content.decode()
    assert "Deling til Team Ressourceforløb (SOF) er trukket tilbage." in page
    assert "trukket tilbage" in page
    assert sanne.get(f"/personer/{person.pk}/").status_code == 404
    refused = LogEntry.objects.filter(action="access.refused", actor=social.members.get())
    assert refused.filter(object_label=f"/personer/{person.pk}/").exists()


def test_a_team_id_over_a_thousand_is_offered_as_a_plain_number(world: World) -> None:
    """Form values carry raw ids: "1617", never the Danish "1.617" a display would show."""
    bif = Organisation.objects.create(name="BIF", short_name="BIF")
    Team.objects.filter(pk__in=[world.nord.pk, world.syd.pk]).update(organisation=bif)
    sof = Organisation.objects.create(name="Socialforvaltningen", short_name="SOF")
    Team.objects.create(pk=1617, name="Team 1617 (SOF)", organisation=sof)
    world.caseworker.refresh_from_db()
    client = Client()
    client.force_login(world.caseworker)
    html = client.get(f"/personer/{world.person_nord.pk}/").content.decode()
    assert '<option value="1617">' in html
    response = client.post(
        f"/personer/{world.person_nord.pk}/overdrag/", {"to_team": "1617", "kind": "share"}
    )
    assert response.status_code == 302
    assert CaseShare.objects.get().to_team_id == 1617
