"""Calendar arithmetic as the law and the municipality count it (no Django, nothing of ours)."""

from __future__ import annotations

import calendar
import functools
from collections.abc import Iterator
from datetime import date


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@functools.lru_cache(maxsize=65536)
def add_months(d: date, months: int) -> date:
    """`d` moved `months` calendar months (negative: back), the day clamped to the month's
    length: add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, days_in_month(y, m + 1)))


def minus_months(d: date, months: int) -> date:
    """`d` moved back `months` calendar months, the day clamped to the month's length."""
    return add_months(d, -months)


def month_start(d: date, months_back: int = 0) -> date:
    """The first day of `d`'s month, or of the month `months_back` months before it."""
    return add_months(d.replace(day=1), -months_back)


def end_of_month(d: date) -> date:
    """The last day of `d`'s month."""
    return date(d.year, d.month, days_in_month(d.year, d.month))


def months_left(on: date, end: date) -> int:
    """Whole calendar months from `on` until `end` (0 when `end` is within a month or past)."""
    months = (end.year - on.year) * 12 + end.month - on.month
    if months > 0 and add_months(on, months) > end:
        months -= 1
    return max(months, 0)


def iter_months(first: date, last: date) -> Iterator[date]:
    """The first day of each month from `first`'s month through `last`'s month."""
    current = month_start(first)
    while current <= last:
        yield current
        current = add_months(current, 1)
