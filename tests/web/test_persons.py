"""The person register: CPR masked everywhere unless explicitly revealed, which is logged."""

from __future__ import annotations

from django.urls import reverse

from sporskifte.audit.models import LogEntry
from tests.conftest import World, client_for


def test_the_cpr_number_is_masked_in_lists_and_on_the_page(world: World) -> None:
    client = client_for(world.caseworker)
    listing = client.get(reverse("person-search"), {"q": "Mette"}).content.decode()
    page = client.get(reverse("person-detail", args=[world.person_nord.pk])).content.decode()
    for html in (listing, page):
        assert "010190-xxxx" in html
        assert "1234" not in html.replace("0123456789", "")


def test_revealing_the_cpr_number_shows_it_and_is_logged(world: World) -> None:
    client = client_for(world.caseworker)
    response = client.post(
        reverse("person-reveal-cpr", args=[world.person_nord.pk]), HTTP_HX_REQUEST="true"
    )
    assert "010190-1234" in response.content.decode()
    entry = LogEntry.objects.get(action="person.reveal_cpr")
    assert entry.actor_label == "sara"
    assert entry.object_id == str(world.person_nord.pk)
    assert "1234" not in entry.object_label


def test_revealing_needs_a_post(world: World) -> None:
    response = client_for(world.caseworker).get(
        reverse("person-reveal-cpr", args=[world.person_nord.pk])
    )
    assert response.status_code == 405
    assert not LogEntry.objects.filter(action="person.reveal_cpr").exists()


def test_a_team_leader_changes_a_person_and_the_change_is_logged_with_the_difference(
    world: World,
) -> None:
    client = client_for(world.team_leader)
    response = client.post(
        reverse("person-edit", args=[world.person_nord.pk]),
        {"name": "Mette Jensen Holm", "district": "Bispebjerg", "team": world.nord.pk},
    )
    assert response.status_code == 302
    world.person_nord.refresh_from_db()
    assert world.person_nord.district == "Bispebjerg"
    entry = LogEntry.objects.get(action="person.update")
    assert entry.detail["changes"]["district"] == ["Nørrebro", "Bispebjerg"]
    assert entry.detail["changes"]["name"] == ["Mette Jensen", "Mette Jensen Holm"]


def test_an_invalid_edit_shows_the_error_summary_and_changes_nothing(world: World) -> None:
    response = client_for(world.team_leader).post(
        reverse("person-edit", args=[world.person_nord.pk]),
        {"name": "", "district": "Nørrebro", "team": world.nord.pk},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in html
    assert "Skriv personens navn." in html
    assert 'aria-invalid="true"' in html
    world.person_nord.refresh_from_db()
    assert world.person_nord.name == "Mette Jensen"
    assert not LogEntry.objects.filter(action="person.update").exists()


def test_the_home_page_tells_only_the_analyst_that_they_see_pseudonymised_data(
    world: World,
) -> None:
    note = "Som analytiker ser du kun pseudonymiserede data"
    assert note in client_for(world.analyst).get("/").content.decode()
    for user in (world.admin, world.caseworker, world.team_leader):
        assert note not in client_for(user).get("/").content.decode()
