"""CLI group `sporskifte model` (train, evaluate) and the top-level `sporskifte screen`.

Input files are read and validated through `sporskifte.registers`: a bad file prints the whole
validation report and exits with code 2, and nothing is trained or scored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from sporskifte.cli.output import make_console
from sporskifte.lib import danish
from sporskifte.lib.csvsafe import safe_frame

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

app = typer.Typer(no_args_is_help=True, help="Train and evaluate the screening model.")
console = make_console()

SpellsOpt = Annotated[
    Path, typer.Option("--spells", help="Spells file (CSV or Parquet, sickness_spells contract)")
]
ModelOpt = Annotated[Path, typer.Option("--model", help="Model directory written by `train`")]
Lang = Annotated[str, typer.Option("--lang", help="Language of validation reports: da or en")]
TruthOpt = Annotated[
    bool,
    typer.Option(
        "--truth",
        help="Synthetic data only: also measure the distance to the true P(long | inputs) "
        "that the generator implies (sporskifte.synth.oracle)",
    ),
]
HoursOpt = Annotated[
    str,
    typer.Option("--hours-per-person", help="Caseworker hours per person in tracks 1,2,3"),
]


def _read_spells(path: Path, lang: str) -> pd.DataFrame:
    from sporskifte.registers import read_table

    if not path.is_file():
        console.print(f"[red]No such file: {path}[/red]")
        raise typer.Exit(code=2)
    result = read_table(path, "sickness_spells", lang=lang)
    if not result.ok or result.frame is None:
        console.print(result.to_text(lang), markup=False, highlight=False)
        console.print("[red]The file was rejected; nothing was done.[/red]")
        raise typer.Exit(code=2)
    return result.frame


def _hours(text: str) -> tuple[float, float, float]:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 3:
        raise typer.BadParameter(
            "give three numbers, e.g. 0.25,2,12", param_hint="--hours-per-person"
        )
    return values


@contextmanager
def _progress() -> Iterator[Callable[[str], None]]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=False) as bar:
        task = bar.add_task("Starter", total=None)
        yield lambda text: bar.update(task, description=text)


def _input_error(exc: Exception) -> typer.Exit:
    console.print(f"[red]{exc}[/red]", highlight=False)
    return typer.Exit(code=2)


@app.command("train")
def train(
    spells: SpellsOpt,
    out: Annotated[Path, typer.Option("--out", help="Directory to write the model into")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed")] = 0,
    holdout_share: Annotated[
        float, typer.Option("--holdout-share", help="Latest share of spells held out")
    ] = 0.2,
    caseworker_hours: Annotated[
        float, typer.Option("--caseworker-hours", help="Caseworker hours a week for screening")
    ] = 1500.0,
    weekly_inflow: Annotated[
        float | None, typer.Option("--weekly-inflow", help="New spells a week (default: data)")
    ] = None,
    hours_per_person: HoursOpt = "0.25,2,12",
    max_rows: Annotated[
        int,
        typer.Option("--max-rows", min=1, help="Row cap: above it, train on a stratified sample"),
    ] = 2_000_000,
    register_features: Annotated[
        Path | None,
        typer.Option(
            "--register-features",
            help="History features from `sporskifte register features` (DuckDB or Spark)",
        ),
    ] = None,
    n_boot: Annotated[int, typer.Option("--n-boot", help="Bootstrap rounds (fairness)")] = 100,
    thresholds_by_age: Annotated[
        bool,
        typer.Option(
            "--thresholds-by-age",
            help="Track-3 thresholds by age band that equalise the false-short rate "
            "(off by default; costs caseworker hours, see the report)",
        ),
    ] = False,
    max_pairs: Annotated[
        int,
        typer.Option(
            "--max-pairs",
            help="Pair terms the glass box may consider (0: none); the held-out "
            "period decides how many are kept",
        ),
    ] = 30,
    truth: TruthOpt = False,
    lang: Lang = "en",
) -> None:
    """Train the glass-box model, challenger and baseline; write report and model card."""
    from sporskifte.screening import TrainConfig
    from sporskifte.screening import train as run_train
    from sporskifte.screening.features import InputError
    from sporskifte.screening.register_inputs import DEFAULT_ROW_CAP
    from sporskifte.screening.store import sha256_file

    frame = _read_spells(spells, lang)
    manifest = None
    if register_features is not None:
        frame, manifest = _with_register(frame, register_features)
    config = TrainConfig(
        seed=seed,
        holdout_share=holdout_share,
        caseworker_hours_per_week=caseworker_hours,
        weekly_inflow=weekly_inflow,
        hours_per_person=_hours(hours_per_person),
        max_rows=max_rows or DEFAULT_ROW_CAP,
        n_boot=n_boot,
        register_features=manifest,
        thresholds_by_age=thresholds_by_age,
        max_pairs=max_pairs,
        pair_grid=tuple(sorted({k for k in (0, 5, 10, 15, 20, 30) if k < max_pairs} | {max_pairs})),
    )
    try:
        with _progress() as step:
            metadata = run_train(
                frame, out, config, data_sha256=sha256_file(spells), progress=step,
                truth=_oracle() if truth else None,
            )  # fmt: skip
    except (InputError, ValueError) as exc:
        raise _input_error(exc) from None
    evaluation = metadata["evaluation"]
    _print_metrics(evaluation["metrics"], f"Model {metadata['version']}")
    pairs = metadata["pairs"]
    console.print(
        f"Pair terms: {pairs['chosen']} of {pairs['candidates']} kept (held-out log loss)"
        + "".join(f"\n  {name}" for name in pairs["pairs"])
    )
    _print_extras(evaluation["young_false_short"], evaluation["truth"])
    console.print(f"Model, report and model card written to {out}")


def _with_register(frame: pd.DataFrame, path: Path) -> tuple[pd.DataFrame, dict[str, Any]]:
    from sporskifte.screening.features import InputError
    from sporskifte.screening.register_inputs import (
        join_register_features,
        load_register_features,
    )

    try:
        features, manifest = load_register_features(path)
        joined = join_register_features(frame, features)
    except InputError as exc:
        raise _input_error(exc) from None
    console.print(
        f"History from the register ({manifest.get('engine', '?')}): "
        f"{danish.number(len(features))} spells"
    )
    return joined, manifest


@app.command("evaluate")
def evaluate(
    model: ModelOpt,
    spells: SpellsOpt,
    out: Annotated[
        Path | None, typer.Option("--out", help="Report directory (default: MODEL/evaluation)")
    ] = None,
    all_rows: Annotated[
        bool, typer.Option("--all-rows", help="Also evaluate spells from the training period")
    ] = False,
    n_boot: Annotated[int, typer.Option("--n-boot", help="Bootstrap rounds (fairness)")] = 100,
    truth: TruthOpt = False,
    lang: Lang = "en",
) -> None:
    """Evaluate a trained model on a later period: metrics, calibration, tracks, fairness."""
    from sporskifte.screening.features import InputError
    from sporskifte.screening.store import ModelIntegrityError, UnsafeModelError
    from sporskifte.screening.training import evaluate as run_evaluate

    frame = _read_spells(spells, lang)
    try:
        with _progress() as step:
            p_true = None
            if truth:
                step("Beregner den sande sandsynlighed (syntetiske data)")
                p_true = _oracle()(frame)
            result = run_evaluate(
                model, frame, out, all_rows=all_rows, n_boot=n_boot, progress=step,
                truth=p_true,
            )  # fmt: skip
    except (ModelIntegrityError, UnsafeModelError) as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(code=3) from None
    except (InputError, ValueError) as exc:
        raise _input_error(exc) from None
    _print_metrics(result.metrics, f"Evaluation {result.period[0]} - {result.period[1]}")
    flagged = result.fairness[result.fairness["flagged"]]
    console.print(f"Fairness: {len(flagged)} group/metric combinations flagged")
    _print_extras(result.young_false_short, result.truth)
    console.print(f"Report written to {out or model / 'evaluation'}")


def _oracle() -> Callable[[pd.DataFrame], np.ndarray]:
    from sporskifte.synth.oracle import true_p_long

    return true_p_long


def _interval(values: list[float]) -> str:
    if not values:
        return "[-]"
    return f"[{danish.number(values[0], 3)}; {danish.number(values[1], 3)}]"


def _print_extras(young: dict[str, Any], truth: dict[str, dict[str, float]]) -> None:
    from sporskifte.screening.results import TRUTH_TARGETS, truth_verdict

    if young:
        console.print(
            f"False-short rate, under 30: {danish.number(young['under_30'], 3)} "
            f"{_interval(young['under_30_ci'])}; overall {danish.number(young['overall'], 3)} "
            f"{_interval(young['overall_ci'])}; difference {danish.signed(young['difference'], 3)} "
            f"{_interval(young['difference_ci'])} (95 % bootstrap)"
        )
    if not truth:
        return
    table = Table(title="Distance to the true P(long | inputs) (synthetic data)")
    for column in ("model", "AUC", "AUC p*", "AUC ratio", "mean |p - p*|", "mean p - p*", "met"):
        table.add_column(column, justify="right")
    for role, values in truth.items():
        verdict = truth_verdict(values)
        table.add_row(
            role, *(danish.number(values[k], 4)
                    for k in ("auc", "auc_truth", "auc_ratio", "mean_abs_error")),
            danish.signed(values["calibration_in_the_large"], 4),
            "yes" if all(verdict.values()) else "no",
        )  # fmt: skip
    console.print(table)
    console.print(
        f"Targets: AUC ratio >= {TRUTH_TARGETS['auc_ratio']}, mean |p - p*| <= "
        f"{TRUTH_TARGETS['mean_abs_error']}, |mean p - p*| <= "
        f"{TRUTH_TARGETS['calibration_in_the_large']}"
    )


def _print_metrics(metrics: dict[str, dict[str, float]], title: str) -> None:
    table = Table(title=title)
    names = ("auc", "brier", "ece", "calibration_in_the_large", "uno_c")
    table.add_column("model")
    for name in names:
        table.add_column(name, justify="right")
    for role, values in metrics.items():
        cells = ["-" if values.get(n) is None else danish.number(values[n], 4) for n in names]
        table.add_row(role, *cells)
    console.print(table)


def screen(
    spells: SpellsOpt,
    out: Annotated[Path, typer.Option("--out", help="Scores file to write (CSV)")],
    model: Annotated[
        Path | None,
        typer.Option("--model", help="Model directory; without it: rules-and-answers-only mode"),
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Screening date (YYYY-MM-DD), default today")
    ] = None,
    caseworker_hours: Annotated[
        float | None,
        typer.Option("--caseworker-hours", help="Refit the track threshold to this capacity"),
    ] = None,
    weekly_inflow: Annotated[
        float | None,
        typer.Option(
            "--weekly-inflow", help="New spells a week (default: the number of spells in the file)"
        ),
    ] = None,
    hours_per_person: HoursOpt = "0.25,2,12",
    lang: Lang = "en",
) -> None:
    """Screen spells: p_long, median weeks, track and the top factors in Danish, one row each."""
    from sporskifte.screening.features import InputError
    from sporskifte.screening.store import ModelIntegrityError, UnsafeModelError

    day = _date(on)
    frame = _read_spells(spells, lang)
    try:
        scores, mode = _scores(frame, model, day, caseworker_hours, weekly_inflow, hours_per_person)
    except (ModelIntegrityError, UnsafeModelError) as exc:
        console.print(f"[red]{exc}[/red]", highlight=False)
        raise typer.Exit(code=3) from None
    except InputError as exc:
        raise _input_error(exc) from None
    out.parent.mkdir(parents=True, exist_ok=True)
    safe_frame(scores).to_csv(out, index=False, float_format="%.4f")
    counts = scores["track"].value_counts().to_dict()
    console.print(f"Mode: {mode}. {len(scores)} spells screened on {day}; tracks: {counts}")
    console.print(f"Flagged for human review: {int(scores['flag_high_risk_exempt'].sum())}")
    console.print(f"Scores written to {out}")


def _date(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter("use YYYY-MM-DD", param_hint="--on") from None


def _scores(
    frame: pd.DataFrame,
    model: Path | None,
    day: date,
    caseworker_hours: float | None,
    weekly_inflow: float | None,
    hours_per_person: str,
) -> tuple[pd.DataFrame, str]:
    from sporskifte.rules.sickness import exempt_mask, exemptions
    from sporskifte.screening import Capacity, fit_thresholds, load_model, rules_only_frame
    from sporskifte.screening.service import MODE_LABELS, MODE_MODEL, MODE_RULES_ONLY

    if model is None:
        return rules_only_frame(frame, day), MODE_LABELS[MODE_RULES_ONLY]
    screening = load_model(model)
    if caseworker_hours is not None:
        capacity = Capacity(caseworker_hours, weekly_inflow or len(frame), _hours(hours_per_person))
        exempt = exempt_mask(exemptions(frame, day))
        policy = fit_thresholds(screening.p_long(frame), capacity, exempt)
        console.print(
            f"Track-3 threshold {danish.number(policy.threshold, 3)}; expected "
            f"{danish.number(policy.expected_hours_per_week or 0.0)} of "
            f"{danish.number(caseworker_hours)} hours a week"
            + ("" if policy.fits else " [red](does not fit even without track 3)[/red]")
        )
        screening = screening.with_policy(policy)
    return screening.screen_frame(frame, day), MODE_LABELS[MODE_MODEL]
