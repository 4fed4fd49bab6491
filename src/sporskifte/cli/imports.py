"""CLI group `sporskifte import`: load register files into the database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sporskifte.cli.output import make_console

if TYPE_CHECKING:
    from sporskifte.citizens.imports import ImportSummary

app = typer.Typer(no_args_is_help=True, help="Import register files (validated, all or nothing).")
console = make_console()

FileArg = Annotated[Path, typer.Argument(help="CSV or Parquet file", show_default=False)]
Lang = Annotated[str, typer.Option("--lang", help="Language of the report: da or en")]


@app.command("spells")
def import_spells(file: FileArg, lang: Lang = "en") -> None:
    """Import sickness-benefit spells (`sickness_spells` contract)."""
    _run({"sickness_spells": file}, lang)


@app.command("courses")
def import_courses(
    file: FileArg,
    households: Annotated[Path, typer.Option("--households", help="The households file")],
    lang: Lang = "en",
) -> None:
    """Import courses with the households file (`courses` and `households` contracts)."""
    _run({"courses": file, "households": households}, lang)


def _run(files: dict[str, Path], lang: str) -> None:
    from sporskifte.cli.django_env import setup_django

    setup_django()
    from sporskifte.audit.actions import operator
    from sporskifte.audit.context import request_context
    from sporskifte.citizens.imports import ImportBusy, ImportRejected, import_files

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as bar, request_context():

        def factory(table: str, total: int) -> Callable[[int], None]:
            task = bar.add_task(f"Writing {table}", total=total)
            return lambda n: bar.advance(task, n)

        try:
            summaries = import_files(operator(), files, lang=lang, progress=factory)
        except ImportRejected as rejected:
            bar.stop()
            for table, result in rejected.results.items():
                console.print(f"[bold]{table}[/bold] ({files[table]}):")
                console.print(result.to_text(lang), markup=False, highlight=False)
            console.print("[red]Nothing was imported.[/red]")
            raise typer.Exit(code=2) from None
        except ImportBusy as busy:
            bar.stop()
            console.print(f"[red]{busy}[/red]")
            raise typer.Exit(code=3) from None
    _print_summary(summaries)


def _print_summary(summaries: list[ImportSummary]) -> None:
    table = Table(title="Import summary")
    for column in ("table", "rows", "created", "updated", "unchanged"):
        table.add_column(column, justify="left" if column == "table" else "right")
    for s in summaries:
        table.add_row(s.table, str(s.rows), str(s.created), str(s.updated), str(s.unchanged))
    console.print(table)
    for s in summaries:
        for warning in s.warnings:
            console.print(f"[yellow]warning[/yellow] {s.table}: {warning}", highlight=False)
