"""The worker loop: wake every `poll` seconds, run the jobs that are due, stop cleanly on
SIGTERM or SIGINT (the job in progress finishes first)."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections, connection

from sporskifte.ops.jobs import run_due
from sporskifte.ops.models import JobRun

logger = logging.getLogger(__name__)


def serve(
    poll: float = 30.0,
    once: bool = False,
    stop: threading.Event | None = None,
    report: Callable[[JobRun], None] | None = None,
) -> int:
    """Run due jobs until stopped; returns the number of runs made."""
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():

        def _stop(signum: int, frame: Any) -> None:
            logger.info("Worker: signal %s, stopping after the job in progress", signum)
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
    made = 0
    while True:
        if not connection.in_atomic_block:  # drop a connection the database has closed
            close_old_connections()
        for record in run_due():
            made += 1
            if report is not None:
                report(record)
        if once or stop.wait(poll):
            return made
