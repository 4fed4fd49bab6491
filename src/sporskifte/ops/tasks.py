"""What each scheduled job does: thin calls into the rooms that own the work.

Each task returns a one-line summary (English, for the log and the operations page) and a
detail dictionary (counts only: never personal data).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from sporskifte.audit.actions import system

SYSTEM = system("planlagt job")

TaskResult = tuple[str, dict[str, Any]]


def refresh_alerts() -> TaskResult:
    from sporskifte.sickness.batch import refresh_alerts as refresh

    raised, cleared = refresh(SYSTEM, None)
    return f"{raised} raised, {cleared} cleared", {"raised": raised, "cleared": cleared}


def transition_check() -> TaskResult:
    from sporskifte.transition.actions import recheck_flags

    result = recheck_flags(SYSTEM)
    summary = f"{result.raised} raised, {result.cleared} cleared"
    return summary, {"raised": result.raised, "cleared": result.cleared}


def gaps_check() -> TaskResult:
    from sporskifte.citizens.actions import check_gaps

    raised, cleared = check_gaps(SYSTEM)
    return f"{raised} raised, {cleared} cleared", {"raised": raised, "cleared": cleared}


def monitoring() -> TaskResult:
    """The follow-up's stored aggregates (outcomes, model monitoring), recomputed nightly."""
    from sporskifte.followup.actions import refresh_aggregates

    names = list(refresh_aggregates(SYSTEM))
    return f"stored: {', '.join(names)}", {"stored": names}


def retention() -> TaskResult:
    from sporskifte.ops.retention import apply_retention

    report = apply_retention(dry_run=not settings.RETENTION_DELETE)
    return report.summary(), report.as_detail()
