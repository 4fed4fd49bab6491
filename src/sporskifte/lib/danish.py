"""Danish formats for dates, numbers, amounts and percentages: one helper for pages, letters,
CSV files and the command line (no Django, nothing of ours)."""

from __future__ import annotations

from datetime import date, datetime

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
DASH = "–"


def dato(d: date) -> str:
    """date(2026, 2, 1) -> '1. februar 2026' (the one date format users read)."""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def dato_tid(moment: datetime, seconds: bool = False) -> str:
    """datetime(2026, 2, 1, 9, 5) -> '1. februar 2026 kl. 09.05' (local time: the caller
    converts an aware moment first); with seconds -> '... kl. 09.05.30'."""
    clock = f"{moment:%H.%M.%S}" if seconds else f"{moment:%H.%M}"
    return f"{dato(moment)} kl. {clock}"


def month(d: date) -> str:
    """date(2026, 2, 1) -> 'februar 2026'."""
    return f"{MONTHS[d.month - 1]} {d.year}"


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


def number(value: float, decimals: int = 0) -> str:
    """12345.6 -> '12.346'; with decimals=1 -> '12.345,6' (point groups thousands)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def kr(amount: float) -> str:
    """15500 -> '15.500 kr.' (whole kroner)."""
    return f"{number(round(amount))} kr."


def pct(share: float, decimals: int | None = None) -> str:
    """0.75 -> '75 %'; one decimal when needed (0.125 -> '12,5 %'); with `decimals` exactly
    that many (0.3841, 0 -> '38 %'; 0.686, 1 -> '68,6 %')."""
    if decimals is not None:
        return f"{number(share * 100, decimals)} %"
    value = round(share * 100, 1)
    return f"{value:g} %".replace(".", ",")


def points(delta: float) -> str:
    """A difference of shares in percentage points: 0.153 -> '+15 procentpoint',
    -0.04 -> '−4 procentpoint' (a true minus sign)."""
    value = round(delta * 100)
    sign = "+" if value > 0 else ("−" if value < 0 else "±")
    return f"{sign}{abs(value)} procentpoint"


def weeks(value: float) -> str:
    """12.46 -> '12,5 uger'; 1 -> '1,0 uge'."""
    text = number(value, 1)
    return f"{text} uge" if text == "1,0" else f"{text} uger"


def yes_no(value: bool | None) -> str:
    """True -> 'Ja', False -> 'Nej', None -> 'Ikke oplyst'."""
    if value is None:
        return "Ikke oplyst"
    return "Ja" if value else "Nej"
