"""`sporskifte worker`: the scheduled jobs (the same as `manage.py worker`)."""

from __future__ import annotations

import typer


def worker(
    once: bool = typer.Option(False, "--once", help="run what is due, then exit"),
    poll: float = typer.Option(30.0, help="seconds between checks"),
    run: str = typer.Option("", help="run one job now, then exit"),
) -> None:
    """Run the alert refresh, transition checks, monitoring and retention when due."""
    from sporskifte.cli.django_env import setup_django

    setup_django()
    from django.core.management import call_command

    args = ["--poll", str(poll)] + (["--once"] if once else []) + (["--run", run] if run else [])
    call_command("worker", *args)
