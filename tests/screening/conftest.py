"""Shared fixtures: a small synthetic Copenhagen history and one model trained on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sporskifte.screening import TrainConfig, train
from sporskifte.screening.censoring import horizon_outcome, ipcw_weights
from sporskifte.synth.spells import generate_spells

ON = date(2026, 9, 1)  # the reform's 26-week exemption is in force (rules parameters)


@dataclass(frozen=True)
class Labelled:
    """Spells with a known 26-week outcome, their labels and IPCW weights."""

    spells: pd.DataFrame
    y: np.ndarray
    weight: np.ndarray


@pytest.fixture(scope="session")
def history() -> pd.DataFrame:
    return generate_spells(seed=5, n=6000)


@pytest.fixture(scope="session")
def labelled(history: pd.DataFrame) -> Labelled:
    long, known = horizon_outcome(history["duration_weeks"], history["ended"], 26)
    weight = ipcw_weights(history["duration_weeks"], history["ended"], 26)
    return Labelled(history[known].reset_index(drop=True), long[known].astype(int), weight[known])


@pytest.fixture(scope="session")
def model_dir(history: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("model")
    # Five pair terms always kept, so every test of the screened model covers pair factors.
    config = TrainConfig(seed=3, outer_bags=2, n_boot=10, on=ON, max_pairs=5, pair_grid=(5,))
    train(history, out, config)
    return out
