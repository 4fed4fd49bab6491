"""The law as the screening sees it: the horizon and the exemption, asked of `sporskifte.rules`.

The screening never decides the exemption itself; it asks `rules.sickness.exemption` for every
spell, as of the date the screening is made (`on`), and keeps the Danish reasons. Identical
facts are asked once (a batch of 40,000 spells has a few thousand distinct fact sets).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sporskifte.rules.answers import Answer
from sporskifte.rules.params import load_params
from sporskifte.rules.sickness import SpellFacts, exemption


def horizon_weeks(on: date) -> int:
    """The half-year horizon in force on `on` (26 weeks): the screened outcome's cut-off."""
    return int(load_params().at(on)["sickness.horizon_weeks"].value)


def _weeks(value: object) -> int | None:
    return None if pd.isna(value) else int(value)  # type: ignore[call-overload]


def exemptions(spells: pd.DataFrame, on: date) -> list[Answer[bool]]:
    """The exemption answer (value and Danish reasons) for each spell, in row order."""
    keys = pd.DataFrame(
        {
            "onset": pd.to_datetime(spells["onset_date"]).dt.date,
            "status": spells["employment_status"].astype("string"),
            "own": spells.get("expected_return_weeks", pd.Series(pd.NA, index=spells.index)),
            "employer": spells.get(
                "employer_expected_return_weeks", pd.Series(pd.NA, index=spells.index)
            ),
        }
    ).astype(object)
    codes = keys.groupby(list(keys.columns), sort=False, dropna=False).ngroup().to_numpy()
    _, first = np.unique(codes, return_index=True)  # one row per distinct fact set
    onset, status, own, employer = (keys[c].to_numpy()[first] for c in keys.columns)
    distinct = [
        exemption(
            SpellFacts(
                onset_date=o,
                employment_status=str(st),  # type: ignore[arg-type]
                expected_return_weeks=_weeks(ow),
                employer_expected_return_weeks=_weeks(em),
            ),
            on,
        )
        for o, st, ow, em in zip(onset, status, own, employer, strict=True)
    ]
    return [distinct[c] for c in codes]


def exempt_mask(answers: list[Answer[bool]]) -> np.ndarray:
    """Boolean array of the answers' values."""
    return np.fromiter((a.value for a in answers), dtype=bool, count=len(answers))
