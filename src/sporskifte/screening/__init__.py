"""Screening of sickness-benefit spells: who will still be sick-listed at 26 weeks, and why.

Public API (plain Python, no Django):

- `load_model(dir) -> ScreeningModel`; `ScreeningModel.screen(df) -> list[Screening]`,
  `ScreeningModel.screen_frame(df) -> DataFrame`;
- `rules_only_screen(df)` / `rules_only_frame(df)`: the law and the stated expectations only;
- `train(df, out_dir, TrainConfig(...))`; `training.evaluate(model_dir, df)` (the package
  attribute `evaluate` is the metrics module `screening/evaluate.py`, as Python binds a
  submodule's name on its parent);
- `tracks.TrackPolicy`, `tracks.fit_thresholds(p_long, capacity)`.

The names are loaded on first use (PEP 562), so importing this package, or a light module in
it such as `tracks`, loads neither scikit-learn nor the model libraries. The package imports
`sporskifte.rules`, never `sporskifte.synth`: the demo model trained on synthetic data lives in
`sporskifte.demo.model`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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
    from sporskifte.screening.training import TrainConfig, train, train_demo_model

_WHERE = {
    "Contribution": "explain",
    "MODE_MODEL": "service",
    "MODE_RULES_ONLY": "service",
    "Screening": "service",
    "ScreeningModel": "service",
    "load_model": "service",
    "rules_only_frame": "service",
    "rules_only_screen": "service",
    "Capacity": "tracks",
    "TrackPolicy": "tracks",
    "fit_thresholds": "tracks",
    "TrainConfig": "training",
    "train": "training",
    "train_demo_model": "training",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    globals()[name] = value
    return value


__all__ = [
    "MODE_MODEL",
    "MODE_RULES_ONLY",
    "Capacity",
    "Contribution",
    "Screening",
    "ScreeningModel",
    "TrackPolicy",
    "TrainConfig",
    "fit_thresholds",
    "load_model",
    "rules_only_frame",
    "rules_only_screen",
    "train",
    "train_demo_model",
]
