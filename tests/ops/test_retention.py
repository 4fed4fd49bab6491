"""Retention: dated periods with sources, a dry-run report, deletion only past the period and
only what an archival version covers, every deletion in the audit log."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from sporskifte.audit.log import log
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.models import SicknessSpell
from sporskifte.ops import retention
from sporskifte.sickness.models import Screening, SpellCase
from tests.conftest import World
from tests.sickness.conftest import case_of

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)
CPH = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def history(world: World) -> dict[str, Any]:
    """A case closed in 2019, an open case, and audit entries from 2019 and from now."""
    old, current = case_of(world, "nord"), case_of(world, "syd")
    SpellCase.objects.filter(pk=old.pk).update(closed_at=datetime(2019, 6, 1, tzinfo=CPH))
    with time_machine.travel(datetime(2019, 3, 1, 12, tzinfo=CPH), tick=False):
        for _ in range(3):
            log("person.view", actor=world.caseworker, obj=world.person_nord)
    log("person.view", actor=world.caseworker, obj=world.person_nord)
    return {"old": old.pk, "current": current.pk}


def test_every_period_is_dated_and_sourced_and_the_audit_log_keeps_six_months() -> None:
    for category in retention.categories():
        rule = retention.period(category, TODAY)
        assert rule.years >= 1
        assert rule.sources
        assert rule.valid_from <= TODAY
    assert retention.period("audit_log", TODAY).years * 12 >= 6
    too_short = {"audit_log": {"minimum_months": 6, "periods": [
        {"valid_from": date(2024, 8, 1), "years": 0, "sources": ["x"]}]}}  # fmt: skip
    with pytest.raises(retention.RetentionConfigError, match="below the legal minimum"):
        retention.period("audit_log", TODAY, too_short)
    unsourced = {"letter": {"periods": [{"valid_from": date(2019, 1, 1), "years": 5}]}}
    with pytest.raises(retention.RetentionConfigError, match="no source"):
        retention.period("letter", TODAY, unsourced)


def test_the_dry_run_reports_and_deletes_nothing(history: dict[str, Any], settings: Any) -> None:
    settings.RETENTION_ARCHIVED_THROUGH = date(2025, 12, 31)
    before = (SpellCase.objects.count(), LogEntry.objects.count())
    report = retention.apply_retention(dry_run=True, today=TODAY)
    found = {f.category: f for f in report.found}
    assert found["case_file"].ids == [str(history["old"])]
    assert found["case_file"].cutoff == date(2021, 11, 29)
    assert len(found["audit_log"].ids) == 3
    assert (SpellCase.objects.count(), LogEntry.objects.count()) == before
    assert report.summary().startswith("would delete 1 case_file, 0 letter, 3 audit_log")


def test_nothing_is_deleted_before_an_archival_version_covers_it(
    history: dict[str, Any], settings: Any
) -> None:
    settings.RETENTION_ARCHIVED_THROUGH = None
    report = retention.apply_retention(dry_run=False, today=TODAY)
    cases = next(f for f in report.found if f.category == "case_file")
    assert cases.ids == []
    assert cases.held_for_archive == 1
    assert SpellCase.objects.filter(pk=history["old"]).exists()


def test_deletion_removes_the_case_file_and_logs_each_deletion(
    history: dict[str, Any], settings: Any
) -> None:
    settings.RETENTION_ARCHIVED_THROUGH = date(2025, 12, 31)
    old = SpellCase.objects.get(pk=history["old"])
    spell_id = old.spell_id
    retention.apply_retention(dry_run=False, today=TODAY)

    assert not SpellCase.objects.filter(pk=history["old"]).exists()
    assert not SicknessSpell.objects.filter(pk=spell_id).exists()
    assert not Screening.objects.filter(case_id=history["old"]).exists()
    assert SpellCase.objects.filter(pk=history["current"]).exists()  # the open case stays

    deleted = LogEntry.objects.get(action="retention.delete", object_id=str(history["old"]))
    assert deleted.actor_label == str(retention.ACTOR) == "system (opbevaringsfrist)"
    assert deleted.detail["category"] == "case_file"
    assert deleted.detail["closed"] == "2019-06-01"
    # The audit log: the 2019 entries are gone, one entry says how many and which.
    assert not LogEntry.objects.filter(timestamp__year=2019).exists()
    summary = LogEntry.objects.get(action="retention.audit_log")
    assert summary.detail["deleted"] == 3
    assert summary.detail["cutoff"] == "2021-11-29"
    assert LogEntry.objects.filter(action="person.view").count() == 1  # today's stays


def test_the_database_refuses_to_delete_audit_entries_younger_than_six_months(
    history: dict[str, Any],
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger that enforces this is PostgreSQL's")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        retention.delete_audit_entries_before(timezone.now())
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        LogEntry.objects.filter(pk__gt=0)._raw_delete(connection.alias)


def test_the_retention_command_prints_the_dry_run_report(
    history: dict[str, Any], capsys: Any
) -> None:
    call_command("retention", "--on", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "DRY RUN (nothing deleted)" in out
    assert "audit_log" in out
    assert "held until archived" in out
