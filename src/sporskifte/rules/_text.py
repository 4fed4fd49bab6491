"""Danish formatting for reason texts (kept here so rules import nothing outside the package)."""

from __future__ import annotations

from datetime import date

_MONTHS = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def kr(amount: float) -> str:
    """15500 -> '15.500 kr.' (Danish thousands separator, whole kroner)."""
    return f"{round(amount):,} kr.".replace(",", ".")


def dato(d: date) -> str:
    """date(2026, 2, 1) -> '1. februar 2026'."""
    return f"{d.day}. {_MONTHS[d.month - 1]} {d.year}"


def pct(share: float) -> str:
    """0.75 -> '75 %'; one decimal when needed."""
    value = round(share * 100, 1)
    return f"{value:g} %".replace(".", ",")
