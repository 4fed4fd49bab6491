"""The scheduled jobs that come with the app, their daily times, and whether one is late.

Each job runs once per scheduled slot (a local time each day). A run is a `JobRun` row made
before the work starts; the unique (job, slot) constraint means two workers never run the
same slot, and a worker that was down catches up on the latest missed slot when it returns.
"""

from __future__ import annotations

import logging
import socket
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from sporskifte.audit.context import request_context
from sporskifte.ops import tasks
from sporskifte.ops.models import JobRun

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    at: time
    task: Callable[[], tasks.TaskResult]
    purpose: str


# Default daily times (local, Europe/Copenhagen): after a typical night's register import.
# `JOB_SCHEDULE` overrides them (e.g. "refresh_alerts=05:00,retention=03:30").
DEFAULT_JOBS: tuple[Job, ...] = (
    Job(
        "refresh_alerts",
        "Advarsler om sygedagpengesager",
        time(2, 30),
        tasks.refresh_alerts,
        "Deadlines move with the calendar: open and clear the sickness-benefit alerts.",
    ),
    Job(
        "transition_check",
        "Overgangsadvarsler for forløb",
        time(2, 45),
        tasks.transition_check,
        "Re-check the course phase-out flags (ends within N months without a next step, ...).",
    ),
    Job(
        "gaps_check",
        "Huller mellem ordninger",
        time(2, 50),
        tasks.gaps_check,
        "Find the gaps between schemes in every person's history and keep them as alerts.",
    ),
    Job(
        "monitoring",
        "Opgørelser og modelovervågning",
        time(3, 0),
        tasks.monitoring,
        "Recompute the follow-up's stored figures: outcomes and model monitoring.",
    ),
    Job(
        "retention",
        "Sletning efter opbevaringsfrister",
        time(4, 0),
        tasks.retention,
        "Delete what has passed its retention period (a dry-run report unless enabled).",
    ),
)


def parse_schedule(raw: str) -> dict[str, time]:
    """``name=HH:MM,...`` → {name: time}; an unknown job or a bad time is an error."""
    known = {job.name for job in DEFAULT_JOBS}
    schedule: dict[str, time] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        name, _, at = item.partition("=")
        name = name.strip()
        if name not in known:
            raise ValueError(f"JOB_SCHEDULE: unknown job {name!r} (known: {sorted(known)})")
        try:
            schedule[name] = time.fromisoformat(at.strip())
        except ValueError:
            raise ValueError(f"JOB_SCHEDULE: {name} needs a time as HH:MM, not {at!r}") from None
    return schedule


def jobs() -> list[Job]:
    """The jobs with their times as configured."""
    overrides = parse_schedule(settings.JOB_SCHEDULE)
    return [
        Job(job.name, job.label, overrides.get(job.name, job.at), job.task, job.purpose)
        for job in DEFAULT_JOBS
    ]


def job_named(name: str) -> Job:
    for job in jobs():
        if job.name == name:
            return job
    raise KeyError(name)


def latest_slot(job: Job, now: datetime) -> datetime:
    """The most recent scheduled time at or before `now` (aware, in the local time zone)."""
    local = timezone.localtime(now)
    today = timezone.make_aware(datetime.combine(local.date(), job.at))
    if today <= local:
        return today
    return timezone.make_aware(datetime.combine(local.date() - timedelta(days=1), job.at))


def due_slot(job: Job, now: datetime) -> datetime | None:
    """The slot to run now, or None when the latest slot has a run already."""
    slot = latest_slot(job, now)
    if JobRun.objects.filter(job=job.name, slot=slot).exists():
        return None
    return slot


def run(job: Job, slot: datetime) -> JobRun | None:
    """Run `job` for `slot` and record the outcome. None when another worker has the slot."""
    try:
        with transaction.atomic():
            record = JobRun.objects.create(
                job=job.name,
                slot=slot,
                started_at=timezone.now(),
                host=socket.gethostname()[:100],
            )
    except IntegrityError:
        return None
    with request_context():
        try:
            summary, detail = job.task()
        except Exception as exc:  # a failed job is recorded, and the worker goes on
            logger.exception("Job %s failed", job.name)
            record.outcome = JobRun.Outcome.FAILED
            record.summary = f"{type(exc).__name__}: {exc}"[:255]
            record.detail = {"traceback": traceback.format_exc()[-4000:]}
        else:
            logger.info("Job %s: %s", job.name, summary)
            record.outcome = JobRun.Outcome.SUCCEEDED
            record.summary = summary[:255]
            record.detail = detail
    record.finished_at = timezone.now()
    record.save(update_fields=["outcome", "summary", "detail", "finished_at"])
    return record


def run_due(now: datetime | None = None) -> list[JobRun]:
    """Run every job whose latest slot has no run yet; returns the runs made."""
    made = []
    for job in jobs():
        slot = due_slot(job, now or timezone.now())
        if slot is not None:
            record = run(job, slot)
            if record is not None:
                made.append(record)
    return made


@dataclass(frozen=True)
class JobStatus:
    job: Job
    expected: datetime
    last_success: JobRun | None
    last_run: JobRun | None

    @property
    def late(self) -> bool:
        """No successful run for the latest slot that is more than the grace period old."""
        return self.last_success is None or self.last_success.slot < self.expected


def status(now: datetime | None = None) -> list[JobStatus]:
    """For each job: the slot that should be done by now, its last success and last run."""
    now = now or timezone.now()
    grace = timedelta(minutes=settings.JOB_GRACE_MINUTES)
    result = []
    for job in jobs():
        runs = JobRun.objects.filter(job=job.name)
        result.append(
            JobStatus(
                job=job,
                expected=latest_slot(job, now - grace),
                last_success=runs.filter(outcome=JobRun.Outcome.SUCCEEDED)
                .order_by("-slot")
                .first(),
                last_run=runs.order_by("-started_at", "-id").first(),
            )
        )
    return result
