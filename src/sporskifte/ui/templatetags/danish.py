"""Template filters in the one Danish format (`lib.danish`): `{% load danish %}`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django import template

from sporskifte.lib import danish

register = template.Library()


@register.filter
def long_date(value: date | None) -> str:
    """date(2026, 2, 1) -> '1. februar 2026'; None -> '–'."""
    return danish.dato(value) if value else danish.DASH


@register.filter
def percent(share: float | None) -> str:
    """0.384 -> '38 %'; None -> '–' (whole percentages on pages)."""
    return danish.DASH if share is None else f"{round(100 * share)} %"


@register.filter
def weeks(value: float | None) -> str:
    """12.46 -> '12,5 uger'; None -> '–'."""
    return danish.DASH if value is None else danish.weeks(value)


@register.filter
def number(value: float | None, decimals: int = 0) -> str:
    """12345 -> '12.345'."""
    return danish.DASH if value is None else danish.number(value, int(decimals))


@register.filter
def kr(value: float | None) -> str:
    """15500 -> '15.500 kr.'."""
    return danish.DASH if value is None else danish.kr(value)


@register.filter
def yes_no(value: bool | None) -> str:
    return danish.yes_no(value)


@register.filter
def get_item(mapping: Mapping[str, Any], key: str) -> Any:
    return mapping.get(key, key)
