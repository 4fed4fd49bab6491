"""Danish formatting for the screening workflow's templates."""

from __future__ import annotations

from datetime import date

from django import template

from sporskifte.casework.models import Track
from sporskifte.rules._text import dato as _dato

register = template.Library()
_TRACKS = dict(Track.choices)


@register.filter
def percent(share: float | None) -> str:
    """0.384 -> '38 %'; None -> '–'."""
    if share is None:
        return "–"
    return f"{round(100 * share)} %"


@register.filter
def weeks(value: float | None) -> str:
    """12.46 -> '12,5 uger'."""
    if value is None:
        return "–"
    text = f"{value:.1f}".replace(".", ",")
    return f"{text} uge" if text == "1,0" else f"{text} uger"


@register.filter
def track_label(value: str | None) -> str:
    return _TRACKS.get(value or "", value or "–")


@register.filter
def long_date(value: date | None) -> str:
    """date(2026, 2, 1) -> '1. februar 2026'."""
    return _dato(value) if value else "–"


@register.filter
def yes_no(value: bool | None) -> str:
    if value is None:
        return "Ikke oplyst"
    return "Ja" if value else "Nej"


_EMPLOYMENT = {
    "employed": "Ansat",
    "unemployed": "Ledig",
    "self_employed": "Selvstændig",
    "flexjob": "I fleksjob",
    "other": "Andet",
}


@register.filter
def employment_label(value: str | None) -> str:
    return _EMPLOYMENT.get(value or "", value or "–")


@register.filter
def get_item(mapping: dict[str, str], key: str) -> str:
    return mapping.get(key, key)
