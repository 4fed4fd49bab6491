"""Screening of sickness-benefit spells: who will still be sick-listed at 26 weeks, and why.

Public API (plain Python, no Django):

- `load_model(dir) -> ScreeningModel`; `ScreeningModel.screen(df) -> list[Screening]`,
  `ScreeningModel.screen_frame(df) -> DataFrame`;
- `rules_only_screen(df)` / `rules_only_frame(df)`: the law and the stated expectations only;
- `train(df, out_dir, TrainConfig(...))`, `evaluate(model_dir, df)`, `train_demo_model(dir)`;
- `tracks.TrackPolicy`, `tracks.fit_thresholds(p_long, capacity)`.

Heavy libraries (interpret, lightgbm) are imported only when a model is fitted or loaded.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from sporskifte.screening.explain import Contribution
from sporskifte.screening.service import (
    MODE_MODEL,
    MODE_RULES_ONLY,
    Screening,
    ScreeningModel,
    load_model,
    rules_only_frame,
    rules_only_screen,
)
from sporskifte.screening.tracks import Capacity, TrackPolicy, fit_thresholds
from sporskifte.screening.training import TrainConfig, evaluate, train

DEMO_ROWS = 30_000
COPENHAGEN_WEEKLY_INFLOW = 40_000 / 52  # about 40,000 new spells a year (the brief)


def train_demo_model(
    out_dir: str | Path,
    seed: int = 0,
    *,
    rows: int = DEMO_ROWS,
    spells: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Train the demo model on a synthetic Copenhagen (subsampled: seconds on 2 cores).

    With `spells` (e.g. the demo database's own synthetic history) a deterministic sample of
    `rows` of them is used; otherwise `rows` spells are generated for `seed`.
    Returns the model metadata; `load_model(out_dir)` then screens with it.
    """
    if spells is None:
        from sporskifte.synth.spells import generate_spells

        spells = generate_spells(seed=seed, n=rows)
    elif len(spells) > rows:
        spells = spells.sample(n=rows, random_state=seed).sort_values("onset_date")
    config = TrainConfig(seed=seed, outer_bags=4, n_boot=50, weekly_inflow=COPENHAGEN_WEEKLY_INFLOW)
    return train(spells, out_dir, config)


__all__ = [
    "MODE_MODEL",
    "MODE_RULES_ONLY",
    "Capacity",
    "Contribution",
    "Screening",
    "ScreeningModel",
    "TrackPolicy",
    "TrainConfig",
    "evaluate",
    "fit_thresholds",
    "load_model",
    "rules_only_frame",
    "rules_only_screen",
    "train",
    "train_demo_model",
]
