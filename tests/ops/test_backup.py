"""The restore drill: a backup restored into a scratch database holds every row of every
table and an audit log that still refuses changes, on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection

from sporskifte.audit.log import log
from sporskifte.audit.models import LogEntry
from sporskifte.ops.backup import backup, drill, fingerprint_live, manifest_path
from tests.conftest import World
from tests.sickness.conftest import case_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def filled(world: World) -> World:
    case_of(world, "nord")
    case_of(world, "syd")
    log("person.view", actor=world.caseworker, obj=world.person_nord,
        detail={"note": "æøå ✓"})  # fmt: skip
    return world


def test_a_restored_copy_holds_every_row_and_an_intact_audit_log(
    filled: World, tmp_path: Path
) -> None:
    live = fingerprint_live()
    made = backup(tmp_path / "sporskifte.backup")
    assert made.vendor == connection.vendor
    assert made.tables == live  # the manifest is the database as it was
    audit_rows = LogEntry.objects.count()
    assert audit_rows > 0
    assert made.tables["audit_logentry"][0] == audit_rows
    assert made.tables["sickness_spellcase"][0] == 2

    report = drill(made.path)
    assert report.mismatches == []
    assert report.restored == live
    assert report.audit_append_only
    assert report.ok


def test_the_drill_fails_when_the_copy_lacks_a_row(filled: World, tmp_path: Path) -> None:
    made = backup(tmp_path / "sporskifte.backup")
    if made.vendor == "sqlite":  # lose one audit entry from the copy itself
        copy = sqlite3.connect(made.path)
        copy.execute("DELETE FROM audit_logentry WHERE id = (SELECT MIN(id) FROM audit_logentry)")
        copy.commit()
        copy.close()
    else:  # the dump is binary: claim one more row than the copy holds
        manifest = json.loads(manifest_path(made.path).read_text())
        manifest["tables"]["audit_logentry"][0] += 1
        manifest_path(made.path).write_text(json.dumps(manifest))
    report = drill(made.path)
    assert report.mismatches == ["audit_logentry"]
    assert not report.ok


def test_the_backup_and_drill_commands(filled: World, tmp_path: Path, capsys: Any) -> None:
    target = tmp_path / "nightly" / "sporskifte.backup"
    call_command("backup", str(target))
    call_command("restore_drill", str(target))
    out = capsys.readouterr().out
    assert "Backed up" in out
    assert "Restore drill passed" in out
    assert "Audit log append-only in the copy: yes" in out
