"""Calendar arithmetic shared by the rules, the phase-out and the dashboards."""

from __future__ import annotations

from datetime import date

import pytest

from sporskifte.lib import dates

ON = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 23), 6, date(2027, 5, 23)),
        (date(2026, 11, 23), -12, date(2025, 11, 23)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_adding_months_clamps_the_day_to_the_month(
    start: date, months: int, expected: date
) -> None:
    assert dates.add_months(start, months) == expected


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (date(2026, 11, 23), 0),
        (date(2026, 12, 22), 0),
        (date(2026, 12, 23), 1),
        (date(2027, 5, 22), 5),
        (date(2027, 5, 23), 6),
        (date(2026, 1, 1), 0),
    ],
)
def test_months_left_counts_whole_calendar_months(end: date, expected: int) -> None:
    assert dates.months_left(ON, end) == expected


@pytest.mark.parametrize(
    ("day", "back", "expected"),
    [
        (date(2026, 11, 23), 0, date(2026, 11, 1)),
        (date(2026, 1, 31), 1, date(2025, 12, 1)),
        (date(2026, 3, 15), 36, date(2023, 3, 1)),
    ],
)
def test_month_start_counts_back_whole_months(day: date, back: int, expected: date) -> None:
    assert dates.month_start(day, back) == expected


def test_end_of_month_knows_leap_years() -> None:
    assert dates.end_of_month(date(2024, 2, 3)) == date(2024, 2, 29)
    assert dates.end_of_month(date(2100, 2, 3)) == date(2100, 2, 28)
    assert dates.minus_months(date(2026, 3, 31), 1) == date(2026, 2, 28)


def test_iter_months_runs_through_the_last_month() -> None:
    months = list(dates.iter_months(date(2026, 11, 23), date(2027, 2, 1)))
    assert months == [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1), date(2027, 2, 1)]
