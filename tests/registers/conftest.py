"""Small valid tables from the synthetic Copenhagen."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from sporskifte.synth.courses import generate_courses
from sporskifte.synth.spells import generate_spells

EXTRACT = date(2025, 12, 31)


@pytest.fixture(scope="session")
def spells() -> pd.DataFrame:
    """40 valid spells, with outcomes."""
    return generate_spells(seed=11, n=40, extract_date=EXTRACT)


@pytest.fixture(scope="session")
def courses_and_households() -> tuple[pd.DataFrame, pd.DataFrame]:
    courses, households = generate_courses(seed=11, extract_date=EXTRACT)
    return courses.head(60).reset_index(drop=True), households.head(60).reset_index(drop=True)
