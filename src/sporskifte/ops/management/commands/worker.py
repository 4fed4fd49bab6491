"""`manage.py worker`: the app's own scheduler for the nightly jobs (see docs/operations.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sporskifte.ops.jobs import job_named, jobs, run
from sporskifte.ops.models import JobRun
from sporskifte.ops.worker import serve


class Command(BaseCommand):
    help = "Run the scheduled jobs (alerts, transition flags, monitoring, retention) when due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run what is due, then exit")
        parser.add_argument("--poll", type=float, default=30.0, help="seconds between checks")
        parser.add_argument(
            "--run", metavar="JOB", help="run one job now (for its latest slot), then exit"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["run"]:
            self._run_now(options["run"])
            return
        for job in jobs():
            self.stdout.write(f"  {job.name:<18} daily at {job.at:%H:%M}  {job.label}")
        made = serve(poll=options["poll"], once=options["once"], report=self._report)
        self.stdout.write(f"Worker stopped after {made} runs.")

    def _run_now(self, name: str) -> None:
        from django.core.management.base import CommandError
        from django.utils import timezone

        try:
            job = job_named(name)
        except KeyError:
            known = ", ".join(j.name for j in jobs())
            raise CommandError(f"Unknown job {name!r}; known jobs: {known}") from None
        # A manual run stands for "now", so it never takes a scheduled slot from the worker.
        record = run(job, timezone.now().replace(microsecond=0))
        if record is not None:
            self._report(record)
            if record.outcome != JobRun.Outcome.SUCCEEDED:
                raise CommandError(f"{name} failed: {record.summary}")

    def _report(self, record: JobRun) -> None:
        self.stdout.write(f"{record.job}: {record.outcome} ({record.summary})")
