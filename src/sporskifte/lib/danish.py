"""Danish formats for dates, numbers, amounts and percentages: one helper for pages, letters,
CSV files and the command line (no Django, nothing of ours)."""

from __future__ import annotations

from datetime import date

MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip
DASH = "–"


def dato(d: date) -> str:
    """date(2026, 2, 1) -> '1. februar 2026' (the one date format users read)."""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def number(value: float, decimals: int = 0) -> str:
    """12345.6 -> '12.346'; with decimals=1 -> '12.345,6' (point groups thousands)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def kr(amount: float) -> str:
    """15500 -> '15.500 kr.' (whole kroner)."""
    return f"{number(round(amount))} kr."


def pct(share: float) -> str:
    """0.75 -> '75 %'; one decimal when needed (0.125 -> '12,5 %')."""
    value = round(share * 100, 1)
    return f"{value:g} %".replace(".", ",")


def weeks(value: float) -> str:
    """12.46 -> '12,5 uger'; 1 -> '1,0 uge'."""
    text = number(value, 1)
    return f"{text} uge" if text == "1,0" else f"{text} uger"


def yes_no(value: bool | None) -> str:
    """True -> 'Ja', False -> 'Nej', None -> 'Ikke oplyst'."""
    if value is None:
        return "Ikke oplyst"
    return "Ja" if value else "Nej"
