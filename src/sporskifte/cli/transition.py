"""CLI group `sporskifte transition`: the phase-out of resource, job clarification and
revalidation courses.

`report` and `forecast` work on the contract files alone (no database): validated first, a
bad file gets the validation report and exit code 2. `letters` and `check` work on the case
file in the database.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sporskifte.cli.output import make_console
from sporskifte.lib import danish
from sporskifte.lib.csvsafe import safe_cell

if TYPE_CHECKING:
    from sporskifte.transition.policy import CourseStatus

app = typer.Typer(no_args_is_help=True, help="Phase-out of resource and job clarification courses.")
console = make_console()

CoursesOpt = Annotated[Path, typer.Option("--courses", help="The courses file (CSV or Parquet)")]
HouseholdsOpt = Annotated[
    Path, typer.Option("--households", help="The households file (CSV or Parquet)")
]
OutOpt = Annotated[Path, typer.Option("--out", help="Where to write the CSV")]
Lang = Annotated[str, typer.Option("--lang", help="Language of a validation report: da or en")]


def _parse_date(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


DateOpt = Annotated[
    str | None, typer.Option("--date", help="Assess as of this date (YYYY-MM-DD); default today")
]
MonthsOpt = Annotated[
    int,
    typer.Option("--months", min=0, max=120,
                 help="Flag courses ending within this many months with no next step"),
]  # fmt: skip


def load_statuses(
    courses: Path, households: Path, on: date, months: int = 6, lang: str = "en"
) -> list[CourseStatus]:
    """Validate both files, then assess every course running on `on`. Exit 2 on a bad file."""
    from sporskifte.registers import read_table
    from sporskifte.transition import policy as planning

    results = {"courses": read_table(courses, "courses", lang=lang),
               "households": read_table(households, "households", lang=lang)}  # fmt: skip
    if not all(r.ok for r in results.values()):
        for table, result in results.items():
            if not result.ok:
                console.print(f"[bold]{table}[/bold] ({result.source}):")
                console.print(result.to_text(lang), markup=False, highlight=False)
        console.print("[red]Nothing was written.[/red]")
        raise typer.Exit(code=2)
    facts = planning.courses_from_frame(results["courses"].frame)
    households_by_person = planning.households_from_frame(results["households"].frame)
    policy = planning.FlagPolicy(warning_months=months)
    return planning.assess_running(facts, households_by_person, on, policy)


def write_csv(path: Path, columns: Sequence[str], rows: Sequence[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows({key: safe_cell(value) for key, value in row.items()} for row in rows)


def write_report(
    courses: Path, households: Path, on: date, out: Path, months: int = 6, lang: str = "en"
) -> list[CourseStatus]:
    """The whole report: validate the files, assess every running course, write the CSV."""
    from sporskifte.transition import policy as planning

    statuses = load_statuses(courses, households, on, months, lang)
    write_csv(out, planning.REPORT_COLUMNS, [planning.report_row(s) for s in statuses])
    return statuses


@app.command("report")
def report(
    courses: CoursesOpt,
    households: HouseholdsOpt,
    out: OutOpt,
    on: DateOpt = None,
    months: MonthsOpt = 6,
    lang: Lang = "en",
) -> None:
    """One row per running course: person_id, scheme, planned_end_date, months_left,
    kontanthjaelp_precheck, reasons and flags (pure Python on the files, no database)."""
    started = time.perf_counter()
    statuses = write_report(courses, households, _parse_date(on), out, months, lang)
    flagged = sum(1 for s in statuses if s.flags)
    console.print(
        f"Wrote {len(statuses)} running courses ({flagged} with flags) to {out} "
        f"in {danish.seconds(time.perf_counter() - started)}."
    )


@app.command("forecast")
def forecast(
    courses: CoursesOpt,
    households: HouseholdsOpt,
    out: OutOpt,
    on: DateOpt = None,
    level: Annotated[float, typer.Option("--level", min=0.5, max=0.99)] = 0.90,
) -> None:
    """Monthly stock of each scheme until the last course ends, and the expected number
    leaving without benefit with an exact Poisson-binomial interval (CSV)."""
    from sporskifte.transition import projection

    day = _parse_date(on)
    statuses = load_statuses(courses, households, day)
    fc = projection.forecast(statuses, day, level=level)
    write_csv(out, projection.FORECAST_COLUMNS, fc.csv_rows())
    console.print(
        f"{danish.number(len(statuses))} running courses; last month "
        f"{danish.month(fc.last_month)}. " if fc.last_month else "No running courses. ",
        f"Expected without benefit: {danish.number(fc.total.expected, 1)} "
        f"({danish.pct(fc.level, 0)} interval {fc.total.low}-{fc.total.high}). Wrote {out}.",
        sep="",
    )  # fmt: skip
    console.print(f"Method: {fc.method()}", style="dim", highlight=False)


def _month(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a month (YYYY-MM)") from None


@app.command("letters")
def letters(
    month: Annotated[str, typer.Option("--month", help="Letters for courses ending this month")],
    team: Annotated[str | None, typer.Option("--team", help="Only this team (by name)")] = None,
) -> None:
    """Write the letter (PDF, stored on the case file) to everyone whose running course ends
    in MONTH, with a progress bar."""
    first = _month(month)
    from sporskifte.cli.django_env import setup_django

    setup_django()
    from sporskifte.audit.actions import operator
    from sporskifte.audit.context import request_context
    from sporskifte.transition import actions

    actor = operator()
    with request_context():
        batch = actions.start_letter_batch(actor, first, _team(team))
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())  # fmt: skip
        skipped: list[str] = []
        with Progress(*columns, console=console) as bar:
            task = bar.add_task(f"Letters for {month}", total=batch.total)
            while not batch.is_finished:
                step = actions.run_letter_batch(
                    actor, batch.pk, size=10, progress=lambda n: bar.advance(task, n)
                )
                batch, skipped = step.batch, skipped + step.skipped
    made = batch.total - len(skipped)
    console.print(f"{made} letters written and stored on the case files (batch {batch.pk}).")
    for line in skipped:
        console.print(f"[yellow]skipped[/yellow] {line}", highlight=False)


def _team(name: str | None) -> Any:
    if name is None:
        return None
    from sporskifte.accounts.models import Team

    try:
        return Team.objects.get(name=name)
    except Team.DoesNotExist:
        known = ", ".join(Team.objects.values_list("name", flat=True))
        raise typer.BadParameter(f"no team named {name!r}; teams: {known}") from None


@app.command("check")
def check() -> None:
    """Re-check every course's risk flags and raise or clear their alerts (run nightly)."""
    from sporskifte.cli.django_env import setup_django

    setup_django()
    from sporskifte.audit.actions import operator
    from sporskifte.audit.context import request_context
    from sporskifte.transition import actions

    with request_context():
        result = actions.recheck_flags(operator())
    console.print(f"Alerts raised: {result.raised}, cleared: {result.cleared}.")
