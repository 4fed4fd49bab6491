"""The audit log: every view and change is logged, rows are append-only and survive deletion."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from sporskifte.audit.context import request_context
from sporskifte.audit.log import log
from sporskifte.audit.logging import mask_cpr_in_text
from sporskifte.audit.models import AppendOnlyError, LogEntry
from tests.conftest import World


def test_viewing_a_person_writes_one_entry_with_actor_object_and_request_id(world: World) -> None:
    client = Client()
    client.force_login(world.caseworker)
    response = client.get(reverse("person-detail", args=[world.person_nord.pk]))
    entry = LogEntry.objects.get(action="person.view")
    assert entry.actor == world.caseworker
    assert entry.actor_team == "Team Nord"
    assert entry.object_type == "citizens.person"
    assert entry.object_id == str(world.person_nord.pk)
    assert entry.object_label == "Mette Jensen (010190-xxxx)"
    assert entry.request_id == response["X-Request-ID"]


def test_a_refused_view_is_not_logged_as_a_view(world: World) -> None:
    client = Client()
    client.force_login(world.caseworker)
    client.get(reverse("person-detail", args=[world.person_syd.pk]))
    assert not LogEntry.objects.filter(action="person.view").exists()


def test_entries_cannot_be_changed_or_deleted_through_the_orm(world: World) -> None:
    entry = log("person.view", actor=world.caseworker, obj=world.person_nord)
    entry.action = "something.else"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AppendOnlyError):
        LogEntry.objects.all().delete()


def test_the_database_itself_refuses_an_update(world: World) -> None:
    entry = log("person.view", actor=world.caseworker, obj=world.person_nord)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_logentry SET action = 'x' WHERE id = %s", [entry.pk])
    assert LogEntry.objects.get(pk=entry.pk).action == "person.view"


def test_entries_survive_deletion_of_the_user_and_the_object(world: World) -> None:
    log("person.view", actor=world.caseworker, obj=world.person_nord)
    world.person_nord.delete()
    world.caseworker.delete()
    entry = LogEntry.objects.get(action="person.view")
    assert entry.actor_label == "sara"
    assert entry.object_label == "Mette Jensen (010190-xxxx)"


def test_everything_in_one_request_context_shares_its_id(world: World) -> None:
    with request_context() as request_id:
        first = log("person.view", actor=world.caseworker, obj=world.person_nord)
        second = log("person.reveal_cpr", actor=world.caseworker, obj=world.person_nord)
    assert first.request_id == second.request_id == request_id


def test_cpr_numbers_never_reach_a_label_or_a_log_line() -> None:
    assert mask_cpr_in_text("søgte 010190-1234 og 0101901234") == "søgte 010190-xxxx og 010190-xxxx"


def test_the_audit_browser_filters_by_user_and_action(world: World) -> None:
    log("person.view", actor=world.caseworker, obj=world.person_nord)
    log("person.reveal_cpr", actor=world.caseworker, obj=world.person_nord)
    log("person.view", actor=world.team_leader, obj=world.person_nord)
    client = Client()
    client.force_login(world.admin)
    page = client.get(reverse("audit-log"), {"actor": "sara", "action": "person.view"})
    assert page.context["page"].paginator.count == 1
    assert "Så personside" in page.content.decode()


def test_the_audit_browser_rejects_a_reversed_date_range(world: World) -> None:
    client = Client()
    client.force_login(world.admin)
    page = client.get(reverse("audit-log"), {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert "Til-datoen skal ligge efter fra-datoen." in page.content.decode()


def test_the_audit_browser_pages_fifty_entries_at_a_time_keeping_the_filters(world: World) -> None:
    for _ in range(60):
        log("person.view", actor=world.caseworker, obj=world.person_nord)
    client = Client()
    client.force_login(world.admin)
    first = client.get(reverse("audit-log"), {"action": "person.view"}).content.decode()
    assert "Side 1 af 2" in first
    assert "?action=person.view&amp;side=2" in first
    second = client.get(reverse("audit-log"), {"action": "person.view", "side": 2})
    assert len(second.context["rows"]) == 10
    assert "Side 2 af 2" in second.content.decode()
