"""Small vectorised sampling helpers shared by the generators."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


def choice(rng: np.random.Generator, mix: Mapping[Any, float], size: int) -> np.ndarray:
    """Codes 0..k-1 into `list(mix)`, drawn with the (normalised) weights of `mix`."""
    p = np.array(list(mix.values()), dtype=float)
    return rng.choice(len(p), size=size, p=p / p.sum())


def choice_rows(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One category per row of an (n, k) probability matrix (rows need not sum to 1)."""
    cum = np.cumsum(probs, axis=1)
    draw = rng.random(len(probs)) * cum[:, -1]
    return (cum < draw[:, None]).sum(axis=1)


def codes_of(values: Sequence[str], names: Sequence[str]) -> np.ndarray:
    """Codes of `names` within `values` (a lookup table for categories)."""
    index = {v: i for i, v in enumerate(values)}
    return np.array([index[n] for n in names])


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic function."""
    return 1.0 / (1.0 + np.exp(-x))


def logit(p: float) -> float:
    """Inverse of `sigmoid`."""
    return float(np.log(p / (1.0 - p)))
