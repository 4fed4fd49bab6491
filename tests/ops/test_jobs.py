"""The scheduled jobs: each slot runs once and is recorded; a failure is recorded and the
others still run; the operations page warns when a job is late."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from sporskifte.audit.models import LogEntry
from sporskifte.ops import jobs
from sporskifte.ops.models import JobRun
from tests.conftest import World

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")
NIGHT = datetime(2026, 11, 20, 5, 0, tzinfo=CPH)  # after every job's default time


def test_each_job_runs_once_per_slot_and_is_recorded(world: World) -> None:
    made = jobs.run_due(NIGHT)
    assert sorted(r.job for r in made) == ["gaps_check", "monitoring", "refresh_alerts",
                                            "retention", "transition_check"]  # fmt: skip
    assert all(r.outcome == JobRun.Outcome.SUCCEEDED for r in made), [r.summary for r in made]
    assert {r.slot.astimezone(CPH).date() for r in made} == {NIGHT.date()}
    assert jobs.run_due(NIGHT + timedelta(hours=3)) == []  # same slots: nothing again
    assert len(jobs.run_due(NIGHT + timedelta(days=1))) == 5  # the next night
    # The alert and flag jobs act as the system and leave their audit trail.
    assert LogEntry.objects.filter(action="transition.recheck").exists()


def test_a_failing_job_is_recorded_and_the_worker_goes_on(world: World) -> None:
    def broken() -> Any:
        raise RuntimeError("register unavailable")

    job = jobs.Job("broken", "Fejlende job", time(1, 0), broken, "test")
    record = jobs.run(job, NIGHT)
    assert record is not None
    assert record.outcome == JobRun.Outcome.FAILED
    assert "register unavailable" in record.summary
    assert "Traceback" in record.detail["traceback"]
    assert jobs.run(job, NIGHT) is None  # the slot is taken: never twice


def test_the_latest_slot_is_the_last_scheduled_time_before_now() -> None:
    job = jobs.Job("x", "x", time(2, 30), lambda: ("", {}), "")
    assert jobs.latest_slot(job, NIGHT) == datetime(2026, 11, 20, 2, 30, tzinfo=CPH)
    early = datetime(2026, 11, 20, 1, 0, tzinfo=CPH)
    assert jobs.latest_slot(job, early) == datetime(2026, 11, 19, 2, 30, tzinfo=CPH)


def test_the_schedule_is_configurable_and_a_bad_entry_is_named() -> None:
    assert jobs.parse_schedule("retention=03:30, monitoring=01:00") == {
        "retention": time(3, 30), "monitoring": time(1, 0),
    }  # fmt: skip
    with pytest.raises(ValueError, match="unknown job 'backup'"):
        jobs.parse_schedule("backup=01:00")
    with pytest.raises(ValueError, match="HH:MM"):
        jobs.parse_schedule("retention=kl. 3")


def test_a_job_is_late_when_its_slot_passed_the_grace_without_success(
    world: World, settings: Any
) -> None:
    settings.JOB_GRACE_MINUTES = 60
    assert all(s.late for s in jobs.status(NIGHT))  # never run
    jobs.run_due(NIGHT)
    assert not any(s.late for s in jobs.status(NIGHT + timedelta(hours=12)))
    # The next night at 03:20: refresh_alerts (02:30) is 50 min old, within the grace.
    next_night = datetime(2026, 11, 21, 3, 20, tzinfo=CPH)
    late = {s.job.name for s in jobs.status(next_night) if s.late}
    assert late == set()
    late = {s.job.name for s in jobs.status(next_night + timedelta(hours=1))}
    assert {s.job.name for s in jobs.status(next_night + timedelta(hours=1)) if s.late} == {
        "refresh_alerts", "transition_check", "gaps_check", "monitoring",
    }  # fmt: skip
    assert late  # every job listed


def test_the_operations_page_shows_the_last_success_and_warns_when_late(
    client: Any, world: World
) -> None:
    jobs.run(jobs.job_named("refresh_alerts"), datetime(2026, 1, 1, 2, 30, tzinfo=CPH))
    client.force_login(world.admin)
    page = client.get(reverse("ops-jobs"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "job er forsinket" in text
    assert "Forsinket" in text
    assert "Advarsler om sygedagpenge" in text
    assert "1. januar 2026 kl. 02.30" in text


@pytest.mark.parametrize("who", ["caseworker", "team_leader", "analyst"])
def test_only_an_administrator_sees_the_operations_page(
    client: Any, world: World, who: str
) -> None:
    client.force_login(getattr(world, who))
    assert client.get(reverse("ops-jobs")).status_code == 403


def test_the_worker_command_runs_what_is_due_and_stops(world: World) -> None:
    out = StringIO()
    call_command("worker", "--once", stdout=out)
    text = out.getvalue()
    assert "refresh_alerts: succeeded" in text
    assert "Worker stopped after 5 runs" in text
    out = StringIO()
    call_command("worker", "--run", "monitoring", stdout=out)
    assert "monitoring: succeeded" in out.getvalue()


def test_the_sporskifte_worker_command_line(world: World) -> None:
    from typer.testing import CliRunner

    from sporskifte.cli import app

    result = CliRunner().invoke(app, ["worker", "--once"])
    assert result.exit_code == 0, result.output
    assert JobRun.objects.filter(outcome=JobRun.Outcome.SUCCEEDED).count() == 5
