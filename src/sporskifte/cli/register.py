"""CLI group `sporskifte register`: the weekly register (DREAM style) and its features.

    sporskifte register validate PATH
    sporskifte register features --weeks PATH --spells PATH --engine duckdb|spark --out DIR
    sporskifte register synth --out DIR [--national-persons N --weeks W]

DuckDB is the default engine and needs nothing beyond the base install; Spark needs the
optional extra (`pip install 'sporskifte[spark]'`) and Java 17.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sporskifte.cli.output import make_console
from sporskifte.lib import danish

if TYPE_CHECKING:
    import pandas as pd

    from sporskifte.registers.report import ValidationResult

app = typer.Typer(no_args_is_help=True, help="The weekly register and its features.")
console = make_console()

Lang = Annotated[str, typer.Option("--lang", help="Language of validation reports: da or en")]
WeeksOpt = Annotated[
    Path,
    typer.Option("--weeks", help="Register: a CSV/Parquet file or a directory of Parquet files"),
]


REJECTED = {
    "en": "The file was rejected; nothing was computed.",
    "da": "Filen blev afvist; intet er beregnet.",
}


def _bar() -> Progress:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    return Progress(*columns, TimeElapsedColumn(), console=console)


def _print_rejected(rejected: list[ValidationResult], lang: str) -> None:
    for result in rejected:
        console.print(result.to_text(lang, limit=50), markup=False, highlight=False, soft_wrap=True)
    console.print(f"[red]{REJECTED[lang]}[/red]")


def _validate(weeks: Path, lang: str) -> int:
    from sporskifte.registers.register_check import check_register

    with _bar() as bar:
        task = bar.add_task("Validerer registret", total=None)
        rows, rejected = check_register(
            weeks,
            lang=lang,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    if rejected:
        _print_rejected(rejected, lang)
        raise typer.Exit(code=2)
    return rows


@app.command("validate")
def validate(
    path: Annotated[Path, typer.Argument(help="Register file or directory", show_default=False)],
    lang: Lang = "en",
) -> None:
    """Check a register against the `register_weeks` contract and print the report."""
    try:
        rows = _validate(path, lang)
    except FileNotFoundError as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(code=2) from None
    console.print(f"Accepted: {danish.number(rows)} person-weeks, no errors.")


def _read_spells(path: Path, lang: str) -> pd.DataFrame:
    from sporskifte.registers import read_table

    result = read_table(path, "sickness_spells", lang=lang)
    if not result.ok or result.frame is None:
        console.print(result.to_text(lang, limit=50), markup=False, highlight=False, soft_wrap=True)
        console.print(f"[red]{REJECTED[lang]}[/red]")
        raise typer.Exit(code=2)
    return result.frame


def spark_missing() -> str | None:
    """Why Spark cannot run here (in English), or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "Spark is not installed: pip install 'sporskifte[spark]' (or use --engine duckdb)"
    if shutil.which("java") is None:
        return "Spark needs Java 17: apt-get install openjdk-17-jre-headless"
    return None


@app.command("features")
def features(
    weeks: WeeksOpt,
    spells: Annotated[Path, typer.Option("--spells", help="Spells (sickness_spells contract)")],
    out: Annotated[Path, typer.Option("--out", help="Directory to write the features into")],
    engine: Annotated[str, typer.Option("--engine", help="duckdb (default) or spark")] = "duckdb",
    master: Annotated[
        str, typer.Option("--master", help="Spark master URL (spark only)")
    ] = "local[*]",
    check: Annotated[
        bool, typer.Option("--check/--no-check", help="Validate the register first")
    ] = True,
    lang: Lang = "en",
) -> None:
    """Register features of each spell as of its onset, on DuckDB or Spark."""
    from sporskifte.registers import register_features as rf
    from sporskifte.registers.messages import check_lang

    try:
        check_lang(lang)
    except ValueError:
        raise typer.BadParameter("use da or en", param_hint="--lang") from None

    if engine not in rf.ENGINES:
        raise typer.BadParameter("use duckdb or spark", param_hint="--engine")
    if engine == "spark" and (reason := spark_missing()):
        console.print(f"[red]{reason}[/red]", highlight=False)
        raise typer.Exit(code=2)
    for path, option in ((weeks, "--weeks"), (spells, "--spells")):
        if not path.exists():
            console.print(f"[red]No such file or directory ({option}): {path}[/red]")
            raise typer.Exit(code=2)
    if check:
        _validate(weeks, lang)
    frame = _read_spells(spells, lang)
    with console.status(f"Beregner registerfeatures med {engine}"):
        session = rf.spark_session(master) if engine == "spark" else None
        run = rf.compute(weeks, frame, out, engine=engine, spark=session)
    _print_summary(run, rf.read_features(out))


def _print_summary(run: object, frame: pd.DataFrame) -> None:
    from sporskifte.registers.register_features import FeatureRun

    assert isinstance(run, FeatureRun)
    table = Table(
        title=f"Register features ({run.engine}, {danish.number(run.rows)} spells, "
        f"{danish.seconds(run.seconds)})"
    )
    table.add_column("feature")
    table.add_column("mean / most common", justify="right")
    for column in ("prior_spells_3y", "prior_sick_weeks_3y", "benefit_weeks_3y"):
        table.add_row(column, danish.number(frame[column].mean(), 2))
    table.add_row("last_scheme", str(frame["last_scheme"].mode().iat[0]) if len(frame) else "-")
    table.add_row(
        "no history", f"{danish.number(int(frame['weeks_since_last_scheme'].isna().sum()))} spells"
    )
    console.print(table)
    console.print(f"Features written to {run.out}; manifest in {run.out.parent / 'manifest.json'}")


@app.command("synth")
def synth(
    out: Annotated[Path, typer.Option("--out", help="Directory to write into")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed")] = 1,
    n: Annotated[
        int | None, typer.Option("--n", min=1, help="Spells of the synthetic Copenhagen")
    ] = None,
    extract_date: Annotated[
        str, typer.Option("--extract-date", help="Censoring date, YYYY-MM-DD")
    ] = "2025-12-31",
    national_persons: Annotated[
        int | None,
        typer.Option("--national-persons", min=1, help="National-size register of N persons"),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=2, help="Weeks per person (national)")
    ] = 1_000,
) -> None:
    """Write a synthetic register: the synthetic Copenhagen's, or a national-size one."""
    from sporskifte.synth.io import write_table

    if national_persons:
        from sporskifte.synth.national import NationalPlan, write_national

        plan = NationalPlan(persons=national_persons, weeks=weeks, seed=seed)
        with console.status(f"Skriver {danish.number(plan.rows)} personuger"):
            summary, spells_path = write_national(out, plan)
        console.print(
            f"{danish.number(summary.rows)} person-weeks in {summary.files} files "
            f"under {summary.out}"
        )
        console.print(f"Spell onsets: {spells_path}")
        return
    from sporskifte.synth import generate_copenhagen
    from sporskifte.synth.register import write_copenhagen_register

    try:
        extract = date.fromisoformat(extract_date)
    except ValueError:
        raise typer.BadParameter("use YYYY-MM-DD", param_hint="--extract-date") from None
    with console.status("Genererer det syntetiske København og dets ugeregister"):
        world = generate_copenhagen(seed, n=n, extract_date=extract)
        write_table(world.spells.frame, out / "sickness_spells.parquet", "parquet")
        write_table(world.courses, out / "courses.parquet", "parquet")
        summary = write_copenhagen_register(
            out / "weeks", world.spells.frame, world.courses, seed=seed, extract_date=extract
        )
    console.print(
        f"{danish.number(summary.rows)} person-weeks of {danish.number(summary.persons)} "
        f"persons under {summary.out}; "
        f"spells and courses beside it in {out}"
    )
