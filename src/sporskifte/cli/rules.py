"""CLI group `sporskifte rules`: the parameters in force and one situation explained."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

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
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


@app.command()
def show(
    on: Annotated[str | None, typer.Option("--date", help="ISO date; default today")] = None,
    prefix: Annotated[str, typer.Option(help="Only keys starting with this")] = "",
    as_json: Annotated[bool, typer.Option("--as-json", help="Print JSON instead")] = False,
) -> None:
    """Print the parameters in force on a date, with legal sources and provisional marks."""
    from rich.console import Console
    from rich.table import Table

    from sporskifte.rules.params import ParamFileError, load_params

    d = _parse_date(on)
    try:
        params = load_params().at(d)
    except ParamFileError as exc:
        raise _fail(str(exc)) from None
    items = [p for k, p in sorted(params.items()) if k.startswith(prefix)]
    if as_json:
        rows = [
            {"key": p.key, "value": _format_value(p.value), "valid_from": p.valid_from.isoformat(),
             "valid_to": p.valid_to.isoformat() if p.valid_to else None, "rule": p.rule,
             "source": p.source, "provisional": p.provisional}
            for p in items
        ]  # fmt: skip
        typer.echo(json.dumps({"date": d.isoformat(), "params": rows}, ensure_ascii=False))
        return
    table = Table(title=f"Parametre i kraft {d.isoformat()}", show_lines=False)
    for col in ("Parameter", "Værdi", "Fra", "Til", "Regel", "Kilde", "Foreløbig"):
        table.add_column(col, overflow="fold")
    for p in items:
        table.add_row(
            p.key, _format_value(p.value), p.valid_from.isoformat(),
            p.valid_to.isoformat() if p.valid_to else "", p.rule, p.source,
            "[bold yellow]FORELØBIG[/]" if p.provisional else "",
        )  # fmt: skip
    console = Console()
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
    as_json: Annotated[bool, typer.Option("--as-json", help="Print JSON instead")] = False,
) -> None:
    """Answer one situation: result and Danish reasons with the rules they rest on."""
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
    from rich.console import Console
    from rich.table import Table

    console = Console()
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
