"""CLI group `sporskifte rules`: the parameters in force and one situation explained."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from sporskifte.cli.output import make_console
from sporskifte.lawbase.params import value_text
from sporskifte.lib import danish

app = typer.Typer(no_args_is_help=True, help="Reformens regler: parametre og forklaringer.")

KIND_HELP = "follow_up, limit_clock, means_test, referral, target_group or contact"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(code=2)


def _parse_date(text: str | None, what: str = "--date") -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail(f"{what} must be an ISO date (YYYY-MM-DD), got {text!r}") from None


def _read_json(source: str) -> Any:
    """JSON text, a path to a JSON file, or '-' for stdin."""
    stripped = source.strip()
    if stripped == "-":
        text, origin = sys.stdin.read(), "stdin"
    elif stripped.startswith(("{", "[")):
        text, origin = stripped, "--json"
    else:
        path = Path(stripped)
        if not path.is_file():
            raise _fail(f"--json is neither JSON text nor an existing file: {source!r}")
        text, origin = path.read_text(encoding="utf-8"), str(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise _fail(f"{origin} is not valid JSON: {exc.msg} (line {exc.lineno}, "
                    f"column {exc.colno})") from None  # fmt: skip


def _format_value(value: Any) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _is_terminal() -> bool:
    """True when stdout is an interactive terminal (then tables; otherwise a plain layout)."""
    return sys.stdout.isatty()


def _param_rows(items: list[Any]) -> list[dict[str, Any]]:
    return [
        {"key": p.key, "value": _format_value(p.value) if p.known else None,
         "unit": p.unit, "valid_from": p.valid_from.isoformat(),
         "valid_to": p.valid_to.isoformat() if p.valid_to else None, "rule": p.rule,
         "source": p.source, "kind": p.kind, "primary": p.primary,
         "provisional": p.provisional, "note": p.note}
        for p in items
    ]  # fmt: skip


def _plain_params(d: date, items: list[Any]) -> str:
    """One block per parameter, no columns: reads well in a pipe, a pager or an 80-column log."""
    lines = [f"Parametre i kraft {danish.dato(d)}", ""]
    for p in items:
        value = value_text(p)
        mark = "  FORELØBIG" if p.provisional else ""
        lines.append(f"{p.key} = {value}{mark}")
        start = danish.dato(p.valid_from)
        period = f"{start} – {danish.dato(p.valid_to)}" if p.valid_to else f"fra {start}"
        lines.append(f"  gælder: {period}")
        lines.append(f"  regel:  {p.rule} ({p.kind_label})")
        lines.append(f"  kilde:  {p.source}")
        if p.provisional and p.note:
            lines.append(f"  antagelse: {p.note}")
        lines.append("")
    n_prov = sum(p.provisional for p in items)
    lines.append(f"{len(items)} parametre, heraf {n_prov} foreløbige.")
    return "\n".join(lines)


@app.command()
def show(
    on: Annotated[str | None, typer.Option("--date", help="ISO date; default today")] = None,
    prefix: Annotated[str, typer.Option(help="Only keys starting with this")] = "",
    as_json: Annotated[
        bool,
        typer.Option(
            "--as-json",
            help="Print one JSON object (date, params with value, period, rule, source, kind, "
            "provisional, note) for scripts. Without it: a table in a terminal, a plain "
            "one-block-per-parameter layout when piped.",
        ),
    ] = False,
) -> None:
    """Print the parameters in force on a date, with legal sources, kinds and provisional marks."""
    from sporskifte.rules.params import ParamFileError, load_params

    d = _parse_date(on)
    try:
        params = load_params().at(d)
    except ParamFileError as exc:
        raise _fail(str(exc)) from None
    items = [p for k, p in sorted(params.items()) if k.startswith(prefix)]
    if as_json:
        payload = {"date": d.isoformat(), "params": _param_rows(items)}
        typer.echo(json.dumps(payload, ensure_ascii=False))
        return
    if not _is_terminal():
        typer.echo(_plain_params(d, items))
        return
    _table_params(d, items)


def _table_params(d: date, items: list[Any]) -> None:
    from rich.table import Table

    table = Table(title=f"Parametre i kraft {danish.dato(d)}", show_lines=False)
    for col in ("Parameter", "Værdi", "Fra", "Til", "Regel", "Kilde", "Foreløbig"):
        table.add_column(col, overflow="fold")
    for p in items:
        table.add_row(
            p.key, value_text(p) if p.known else "ukendt", danish.dato(p.valid_from),
            danish.dato(p.valid_to) if p.valid_to else "", f"{p.rule} ({p.kind_label})",
            p.source, "[bold yellow]FORELØBIG[/]" if p.provisional else "",
        )  # fmt: skip
    console = make_console()
    console.print(table)
    n_prov = sum(p.provisional for p in items)
    console.print(f"{len(items)} parametre, heraf {n_prov} foreløbige.")


@app.command()
def explain(
    kind: Annotated[str, typer.Option("--kind", help=KIND_HELP)],
    json_input: Annotated[
        str, typer.Option("--json", help="JSON object, a path to a JSON file, or '-' for stdin")
    ],
    on: Annotated[
        str | None, typer.Option("--date", help="ISO date; default the JSON 'date' or today")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--as-json", help="Print the answer as JSON (for scripts and pipes)")
    ] = False,
) -> None:
    """Answer one situation: result and Danish reasons with the rules they rest on.

    The JSON object has the fields of the kind's facts; unknown fields are errors. follow_up
    and limit_clock: onset_date, employment_status (employed, unemployed, self_employed,
    flexjob, other), expected_return_weeks, employer_expected_return_weeks,
    prior_benefit_periods ([[from, to], ...] earlier counted periods in the window),
    extension_ground, spell_end, pensioner, pension_age_reached, fast_track_request_date, ...
    means_test: civil_status (single, married, cohabiting), own_assets_dkk, spouse_assets_dkk,
    own_monthly_income_dkk, spouse_monthly_income_dkk, children_under_18, age,
    disregarded_assets ([{kind, amount_dkk, owner}], kinds bolig, arbejde_uddannelse, bil,
    kapitalpension, erhvervsevnetab), benefit_before_course, sygedagpenge_would_have_stopped.
    """
    from sporskifte.rules.explain import InputError
    from sporskifte.rules.explain import explain as run

    data = _read_json(json_input)
    if isinstance(data, dict) and "date" in data:
        embedded = data.pop("date")
        on = on or str(embedded)
    d = _parse_date(on)
    try:
        result = run(kind, data, d)
    except InputError as exc:
        raise _fail(str(exc)) from None
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    _print_result(result)


def _print_result(result: dict[str, Any]) -> None:
    if not _is_terminal():
        typer.echo(_plain_result(result))
        return
    from rich.table import Table

    console = make_console()
    mark = " [bold yellow](FORELØBIG)[/]" if result["provisional"] else ""
    console.print(f"[bold]{result['kind']}[/] pr. {result['date']}{mark}")
    body = result["result"]
    if isinstance(body, dict):
        for key, value in body.items():
            console.print(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    else:
        console.print(f"  Resultat: [bold]{body}[/]")
    table = Table(title="Begrundelse")
    for col in ("Begrundelse", "Regel", "Kilde", "Foreløbig"):
        table.add_column(col, overflow="fold")
    for r in result["reasons"]:
        table.add_row(r["text"], r["rule"], r["source"], "FORELØBIG" if r["provisional"] else "")
    console.print(table)


def _plain_result(result: dict[str, Any]) -> str:
    mark = " (FORELØBIG)" if result["provisional"] else ""
    lines = [f"{result['kind']} pr. {result['date']}{mark}"]
    body = result["result"]
    if isinstance(body, dict):
        lines += [f"  {k}: {json.dumps(v, ensure_ascii=False)}" for k, v in body.items()]
    else:
        lines.append(f"  Resultat: {body}")
    lines += ["", "Begrundelse:"]
    for r in result["reasons"]:
        flag = " FORELØBIG" if r["provisional"] else ""
        lines.append(f"- {r['text']}")
        lines.append(f"  {r['rule']} ({r.get('kind') or 'kommunal politik'}){flag}")
        if r["source"]:
            lines.append(f"  {r['source']}")
    return "\n".join(lines)
