"""Danish formats for dates, numbers, amounts and percentages: one helper for pages, letters,
CSV files and the command line (no Django, nothing of ours)."""

from __future__ import annotations

import math
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
MONTHS_SHORT = (
    "jan.", "feb.", "mar.", "apr.", "maj", "jun.",
    "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
)  # fmt: skip
"""Short month names where space is tight (chart axes): 'nov. 2026'."""
DASH = "–"
D3_FORMAT = {
    "decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " kr."],
    "percent": " %", "minus": "−",
}  # fmt: skip
"""The same format for chart axes (d3-format, used by Vega-Lite): '1.234', '12,5', '50 %'."""


def dato(d: date) -> str:
    """date(2026, 2, 1) -> '1. februar 2026' (the one date format users read)."""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def dato_tid(moment: datetime, seconds: bool = False) -> str:
    """datetime(2026, 2, 1, 9, 5) -> '1. februar 2026 kl. 09.05' (local time: the caller
    converts an aware moment first); with seconds -> '... kl. 09.05.30'."""
    clock = f"{moment:%H.%M.%S}" if seconds else f"{moment:%H.%M}"
    return f"{dato(moment)} kl. {clock}"


def clock(moment: time | datetime) -> str:
    """time(9, 5) -> '09.05' (the Danish clock: hours and minutes with a period)."""
    return f"{moment:%H.%M}"


def short_date(d: date) -> str:
    """date(2026, 2, 1) -> '01-02-2026': the day-month-year a Danish spreadsheet reads as a
    date (CSV downloads); pages, letters and the command line use `dato`."""
    return f"{d:%d-%m-%Y}"


def month(d: date) -> str:
    """date(2026, 2, 1) -> 'februar 2026'."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def month_label(label: str) -> str:
    """A stored month key 'YYYY-MM' as people read it: '2026-02' -> 'februar 2026'; any other
    text (a group name) unchanged."""
    if len(label) == 7 and label[4] == "-" and label[:4].isdigit() and label[5:].isdigit():
        month_number = int(label[5:])
        if 1 <= month_number <= 12:
            return f"{MONTHS[month_number - 1]} {label[:4]}"
    return label


def days_until(d: date, today: date) -> str:
    """The exact distance from today in words: 'i dag', 'i morgen', 'om 2 dage', 'om 3 uger'
    (whole weeks only), 'om 5 måneder' (from 60 days), 'for 4 dage siden'."""
    delta = (d - today).days
    if delta == 0:
        return "i dag"
    if delta == 1:
        return "i morgen"
    if delta == -1:
        return "i går"
    if delta < 0:
        return f"for {-delta} dage siden"
    if delta < 14 or (delta < 60 and delta % 7):
        return f"om {delta} dage"
    if delta < 60:
        return f"om {delta // 7} uger"
    months = (d.year - today.year) * 12 + d.month - today.month - (d.day < today.day)
    return f"om {months} måned" if months == 1 else f"om {months} måneder"


def _rounded(value: float, decimals: int) -> Decimal:
    """Rounded half away from zero, as people round (12.5 -> 13, 0.125 at 2 -> 0.13), from the
    shortest decimal text of the float (2.675 is '2.675', not 2.67499...)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def number(value: float, decimals: int = 0) -> str:
    """12345.6 -> '12.346'; with decimals=1 -> '12.345,6' (point groups thousands); halves
    round away from zero (12.5 -> '13')."""
    if not math.isfinite(value):
        return "–"
    text = f"{_rounded(value, decimals):,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0.04 at one decimal is '0,0', not '-0,0'
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def signed(value: float, decimals: int = 0) -> str:
    """A difference with its sign: 0.0123, 3 -> '+0,012'; -0.5, 1 -> '-0,5'; 0 -> '0'."""
    text = number(value, decimals)
    return text if text.startswith("-") or not value else f"+{text}"


def kr(amount: float) -> str:
    """15500 -> '15.500 kr.' (whole kroner)."""
    return f"{number(round(amount))} kr."


def pct(share: float, decimals: int | None = None) -> str:
    """0.75 -> '75 %'; one decimal when needed (0.125 -> '12,5 %'); with `decimals` exactly
    that many (0.3841, 0 -> '38 %'; 0.686, 1 -> '68,6 %')."""
    if not math.isfinite(share):
        return DASH
    if decimals is not None:
        return f"{number(share * 100, decimals)} %"
    text = number(share * 100, 1)
    return f"{text.removesuffix(',0')} %"


def points(delta: float) -> str:
    """A difference of shares in percentage points: 0.153 -> '+15 procentpoint',
    -0.04 -> '−4 procentpoint' (a true minus sign)."""
    value = int(_rounded(delta * 100, 0))
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{abs(value)} procentpoint"


def hours(value: float, decimals: int = 0) -> str:
    """37 -> '37 timer'; 1 -> '1 time'; 2.5, 1 -> '2,5 timer'."""
    text = number(value, decimals)
    return f"{text} time" if text == "1" else f"{text} timer"


def seconds(value: float) -> str:
    """A duration: 12.34 -> '12,3 s'."""
    return f"{number(value, 1)} s"


def point_distance(delta: float) -> str:
    """A tolerance or distance in percentage points, without sign: 0.05 -> '5 procentpoint'."""
    return f"{number(abs(delta) * 100)} procentpoint"


def weeks(value: float) -> str:
    """12.46 -> '12,5 uger'; 1 -> '1,0 uge'."""
    text = number(value, 1)
    return f"{text} uge" if text == "1,0" else f"{text} uger"


def yes_no(value: bool | None) -> str:
    """True -> 'Ja', False -> 'Nej', None -> 'Ikke oplyst'."""
    if value is None:
        return "Ikke oplyst"
    return "Ja" if value else "Nej"


def cell(value: object) -> str:
    """One value as a cell of a CSV download in the Danish spreadsheet dialect: a date
    'dd-mm-yyyy', a decimal number with a comma and no thousands separator (0.1234 ->
    '0,1234'), a whole number as is, yes/no as 'Ja'/'Nej', nothing as an empty cell.
    Text is returned unchanged (the CSV writer makes it safe)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        return f"{short_date(value)} {clock(value)}"
    if isinstance(value, date):
        return short_date(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value == value else ""
    return str(value)
