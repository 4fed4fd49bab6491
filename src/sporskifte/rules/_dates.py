"""Calendar helpers for the rules (month arithmetic as the law counts it)."""

from __future__ import annotations

import functools
from datetime import date

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


@functools.lru_cache(maxsize=65536)
def minus_months(d: date, months: int) -> date:
    """`d` moved back `months` calendar months, the day clamped to the month's length."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, min(d.day, _month_days(y, m + 1)))


def end_of_month(d: date) -> date:
    """The last day of `d`'s month."""
    return date(d.year, d.month, _month_days(d.year, d.month))
