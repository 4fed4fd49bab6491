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


def _onset(value: object) -> date:
    return pd.Timestamp(value).date()  # type: ignore[arg-type]


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
    cache: dict[tuple[object, ...], Answer[bool]] = {}
    answers = []
    for row in keys.itertuples(index=False, name=None):
        answer = cache.get(row)
        if answer is None:
            facts = SpellFacts(
                onset_date=_onset(row[0]),
                employment_status=str(row[1]),  # type: ignore[arg-type]
                expected_return_weeks=_weeks(row[2]),
                employer_expected_return_weeks=_weeks(row[3]),
            )
            answer = cache[row] = exemption(facts, on)
        answers.append(answer)
    return answers


def exempt_mask(answers: list[Answer[bool]]) -> np.ndarray:
    """Boolean array of the answers' values."""
    return np.fromiter((a.value for a in answers), dtype=bool, count=len(answers))
