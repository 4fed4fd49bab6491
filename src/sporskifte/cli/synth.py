"""CLI command `sporskifte synth`: write a synthetic Copenhagen, optionally with its calibration.

Heavy imports (pandas, the generators) happen inside the command so `sporskifte --help`
stays fast.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sporskifte.cli.output import make_console
from sporskifte.lib import danish

if TYPE_CHECKING:
    from rich.console import Console

    from sporskifte.synth import Copenhagen
    from sporskifte.synth.calibration import Row

FORMATS = ("csv", "parquet")


def synth(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the tables to.")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same files.")] = 1,
    fmt: Annotated[
        str, typer.Option("--format", help="csv (UTF-8, comma, ISO dates) or parquet.")
    ] = "csv",
    report: Annotated[
        bool, typer.Option("--report", help="Print the calibration table, write calibration.md.")
    ] = False,
    n: Annotated[
        int | None, typer.Option("--n", min=1, help="Number of spells (default 40,000 a year).")
    ] = None,
    extract_date: Annotated[
        str, typer.Option("--extract-date", help="Censoring date of the extract, YYYY-MM-DD.")
    ] = "2025-12-31",
) -> None:
    """Write synthetic sickness spells, courses and households in the contract formats."""
    if fmt not in FORMATS:
        raise typer.BadParameter("must be csv or parquet", param_hint="--format")
    extract = _parse_date(extract_date)
    console = make_console()
    world, paths, rows = _run(out, seed, fmt, n, extract, report)
    for name, path in paths.items():
        console.print(f"{name}: {path} ({danish.number(len(world.tables()[name]))} rows)")
    if rows is not None:
        _report(console, world, rows, out)


def _parse_date(text: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        message = f"{text!r} is not a date written YYYY-MM-DD"
        raise typer.BadParameter(message, param_hint="--extract-date") from None


def _run(
    out: Path, seed: int, fmt: str, n: int | None, extract: date, report: bool
) -> tuple[Copenhagen, dict[str, Path], list[Row] | None]:
    """Generate, write and (optionally) calibrate, behind one rich progress bar."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from sporskifte import synth as synthetic
    from sporskifte.synth.calibration import calibrate

    columns = (TextColumn("{task.description:<34}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns) as progress:
        task = progress.add_task("Generating sickness spells", total=5 + int(report))

        def advance(label: str) -> None:
            progress.update(task, advance=1, description=f"Done: {label}")

        world = synthetic.generate_copenhagen(seed, n=n, extract_date=extract, progress=advance)
        paths = synthetic.write(out, seed, fmt, world=world, progress=advance)
        rows = None
        if report:
            progress.update(task, description="Measuring the calibration")
            rows = calibrate(world.spells, world.courses, world.households, extract)
            advance("calibration")
    return world, paths, rows


def _report(console: Console, world: Copenhagen, rows: list[Row], out: Path) -> None:
    from rich.table import Table

    from sporskifte.synth.calibration import format_value, to_markdown

    table = Table(title="Calibration of the synthetic Copenhagen")
    for heading in ("target", "published / derived", "source", "generated", "band", "result"):
        table.add_column(heading)
    for row in rows:
        t = row.target
        band = f"{format_value(t.low, t.kind)} … {format_value(t.high, t.kind)}"
        result = "[green]pass[/green]" if row.passed else "[bold red]FAIL[/bold red]"
        table.add_row(t.label, t.value, t.source, row.shown(), band, result)
    console.print(table)
    path = out / "calibration.md"
    path.write_text(to_markdown(rows, seed=world.seed, extract_date=world.extract_date), "utf-8")
    passed = sum(row.passed for row in rows)
    console.print(f"{passed} of {len(rows)} targets within tolerance; written to {path}")
