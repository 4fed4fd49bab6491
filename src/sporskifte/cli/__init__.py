"""The `sporskifte` command: one Typer app with a sub-command group per area.

Each group lives in its own module and imports heavy libraries (pandas, models, Django)
inside its commands, so `sporskifte --help` stays fast.
"""

from __future__ import annotations

import typer

from sporskifte.cli import imports, model, register, rules, synth, transition, worker

app = typer.Typer(
    name="sporskifte",
    help="Sporskifte: screening and transition support for the employment administration.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
app.add_typer(rules.app, name="rules")
app.add_typer(imports.app, name="import")
app.add_typer(model.app, name="model")
app.add_typer(transition.app, name="transition")
app.add_typer(register.app, name="register")
app.command(name="synth")(synth.synth)
app.command(name="screen")(model.screen)
app.command(name="worker")(worker.worker)


def main() -> None:
    """Entry point of the console script. A database that is missing, not migrated or busy
    is a clear message, not a traceback."""
    try:
        app()
    except Exception as exc:
        from django.db import DatabaseError

        if not isinstance(exc, DatabaseError):
            raise
        from django.conf import settings

        name = settings.DATABASES["default"].get("NAME", "")
        typer.echo(
            f"Database error on {name}: {str(exc).splitlines()[0] if str(exc) else exc!r}. "
            "Is SPORSKIFTE_HOME / DATABASE_URL right, and has `manage.py migrate` run?",
            err=True,
        )
        raise SystemExit(4) from None
