"""Screening benchmark: train on 120,000 spells (< 5 min), screen 40,000 with explanations (< 5 s).

Prints the held-out metrics of the three models, the fairness flags, the training wall time and
the screening time with its ratio to the bare model's own `predict_proba` on the same rows.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

TRAIN_ROWS = 120_000
SCREEN_ROWS = 40_000
TRAIN_BUDGET_S = 300.0
SCREEN_BUDGET_S = 5.0
ON = date(2026, 9, 1)


def _verdict(seconds: float, budget: float) -> str:
    return "ok" if seconds < budget else f"OVER BUDGET ({budget:.0f} s)"


def _train(folder: Path) -> dict:  # type: ignore[type-arg]
    from sporskifte.screening import TrainConfig, train
    from sporskifte.synth.spells import generate_spells

    spells = generate_spells(seed=1, n=TRAIN_ROWS)
    started = time.perf_counter()
    metadata = train(spells, folder, TrainConfig(seed=1, on=ON))
    seconds = time.perf_counter() - started
    print(
        f"train {TRAIN_ROWS:,} spells (3 models + report + card): {seconds:.1f} s "
        f"{_verdict(seconds, TRAIN_BUDGET_S)}"
    )
    return metadata


def _print_metrics(metadata: dict) -> None:  # type: ignore[type-arg]
    evaluation = metadata["evaluation"]
    print(
        f"held-out period {evaluation['period'][0]} .. {evaluation['period'][1]} "
        f"({evaluation['n_spells']:,} spells)"
    )
    for role, m in evaluation["metrics"].items():
        print(
            f"  {role:<10} AUC {m['auc']:.4f}  Brier {m['brier']:.4f}  ECE {m['ece']:.4f}  "
            f"Uno C {m['uno_c']:.4f}"
        )
    gap = evaluation["auc_gap_challenger_minus_glassbox"]
    verdict = "within" if gap <= 0.01 else "OUTSIDE"
    print(f"  AUC gap challenger - glassbox: {gap:+.4f} ({verdict} 0.01)")
    for flag in evaluation["fairness_flags"]:
        print(
            f"  fairness flag: {flag['attribute']}={flag['group']} {flag['metric']} "
            f"{flag['value']:.3f} vs reference {flag['reference']:.3f} (n={flag['n']})"
        )
    policy = evaluation["policy"]
    print(
        f"  track-3 threshold {policy['threshold']:.3f}; {policy['hours_per_week']:.0f} h/week; "
        f"long spells reaching tracks 2-3: {policy['long_reaching_tracks_2_3']:.1%}"
    )


def _screen(folder: Path) -> None:
    from sporskifte.screening import load_model
    from sporskifte.synth.spells import generate_spells

    spells = generate_spells(seed=2, n=SCREEN_ROWS).drop(
        columns=["duration_weeks", "ended", "end_reason"]
    )
    model = load_model(folder)
    model.screen_frame(spells.head(100), on=ON)  # warm-up (imports, caches)
    started = time.perf_counter()
    scores = model.screen_frame(spells, on=ON)
    screen_s = time.perf_counter() - started
    started = time.perf_counter()
    model.classifier.predict_proba(spells)
    bare_s = time.perf_counter() - started
    print(
        f"screen {len(scores):,} spells with explanations: {screen_s:.2f} s "
        f"{_verdict(screen_s, SCREEN_BUDGET_S)}; bare predict_proba {bare_s:.3f} s; "
        f"ratio {screen_s / bare_s:.1f}x"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "model"
        metadata = _train(folder)
        _print_metrics(metadata)
        _screen(folder)


if __name__ == "__main__":
    main()
