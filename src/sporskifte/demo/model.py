"""The demo screening model: the screening pipeline trained on a synthetic Copenhagen.

Lives in the demo package (which may use both), not in `sporskifte.screening`, so the screening
package never imports the generator and the two pure packages stay independent.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from sporskifte.screening.training import DEMO_ROWS
from sporskifte.screening.training import train_demo_model as _train_on
from sporskifte.synth.spells import generate_spells


def train_demo_model(
    out_dir: str | Path,
    seed: int = 0,
    *,
    rows: int = DEMO_ROWS,
    spells: pd.DataFrame | None = None,
) -> dict[str, Any]:
    """Train the demo model on `spells`, or on `rows` spells generated for `seed`."""
    if spells is None:
        spells = generate_spells(seed=seed, n=rows)
    return _train_on(out_dir, seed, rows=rows, spells=spells)
