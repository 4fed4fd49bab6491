"""ISO weeks as the weekly register writes them: the integer `YYYYWW` (e.g. 202453).

A week's *number* (`week_no`) is its position on one line: weeks since the ISO week holding
1970-01-05 (a Monday), so that subtraction counts weeks across year ends (2020-W53 → 2021-W01
is one week). The same arithmetic is written in SQL in `register_features.sql`; a test checks
that both agree with Python's own calendar.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

FIRST_MONDAY = date(1970, 1, 5)
"""Week number 0 starts on this Monday."""


def week_no(iso_week: int) -> int:
    """The week number of `YYYYWW`; ValueError for a week that does not exist."""
    year, week = divmod(int(iso_week), 100)
    monday = date.fromisocalendar(year, week, 1)
    return (monday - FIRST_MONDAY).days // 7


def iso_week_of(day: date) -> int:
    """The `YYYYWW` of the ISO week holding `day`."""
    year, week, _ = day.isocalendar()
    return year * 100 + week


def iso_week_from_no(number: int) -> int:
    """The `YYYYWW` of week number `number` (inverse of `week_no`)."""
    return iso_week_of(FIRST_MONDAY + timedelta(weeks=int(number)))


def week_no_of_date(day: date) -> int:
    """The week number of the ISO week holding `day`."""
    return (day - FIRST_MONDAY).days // 7


def exists(iso_week: int) -> bool:
    """True when `YYYYWW` names a real ISO week (week 53 only in long years)."""
    try:
        week_no(iso_week)
    except ValueError:
        return False
    return True


def week_numbers(iso_weeks: pd.Series) -> pd.Series:
    """Vectorised `week_no` (missing where the week does not exist or the cell is empty)."""
    distinct = pd.unique(iso_weeks.dropna().astype("int64"))
    lookup = {int(w): week_no(int(w)) for w in distinct if exists(int(w))}
    mapped = iso_weeks.map(lambda w: lookup.get(int(w)), na_action="ignore")
    return mapped.astype("Int64")


def iso_weeks_from_numbers(numbers: np.ndarray) -> np.ndarray:
    """Vectorised `iso_week_from_no` for an array of week numbers."""
    distinct, inverse = np.unique(numbers, return_inverse=True)
    table = np.array([iso_week_from_no(int(n)) for n in distinct], dtype=np.int64)
    return table[inverse]


def long_years(first: int, last: int) -> list[int]:
    """Years from `first` to `last` that have an ISO week 53."""
    return [y for y in range(first, last + 1) if date(y, 12, 28).isocalendar()[1] == 53]
