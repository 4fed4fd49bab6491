"""Template filters in the one Danish format (`lib.danish`): `{% load danish %}`."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

from django import template
from django.utils import timezone

from sporskifte.lib import danish

register = template.Library()


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


@register.filter
def long_date(value: date | None) -> str:
    """date(2026, 2, 1) -> '1. februar 2026' (a moment: its local date); None -> '–'."""
    if not value:
        return danish.DASH
    return danish.dato(_local(value).date() if isinstance(value, datetime) else value)


@register.filter
def long_datetime(value: datetime | None, seconds: str = "") -> str:
    """A moment in local time: '1. februar 2026 kl. 09.05'; `|long_datetime:"s"` adds
    seconds; None -> '–'."""
    return danish.dato_tid(_local(value), seconds=bool(seconds)) if value else danish.DASH


@register.filter
def clock(value: time | datetime | None) -> str:
    """A time of day (a moment: in local time): '09.05'; None -> '–'."""
    if value is None:
        return danish.DASH
    return danish.clock(_local(value) if isinstance(value, datetime) else value)


@register.filter
def iso_date(value: date | None) -> str:
    """The machine date for a form field's value or a link: '2026-02-01'; None -> ''. Never
    for text people read."""
    if not value:
        return ""
    return (_local(value).date() if isinstance(value, datetime) else value).isoformat()


@register.filter
def plain(value: int | None) -> str:
    """A whole number without a thousands separator: a year (2026), an identifier; None ->
    '–'."""
    return danish.DASH if value is None else str(int(value))


@register.filter
def hours(value: float | None, decimals: int = 0) -> str:
    """37 -> '37 timer'; `|hours:1` -> '2,5 timer'; None -> '–'."""
    return danish.DASH if value is None else danish.hours(value, int(decimals))


@register.filter
def month_year(value: date | str | None) -> str:
    """date(2026, 2, 1) or a month key '2026-02' -> 'februar 2026'; other text unchanged;
    None -> '–'."""
    if isinstance(value, str):
        return danish.month_label(value)
    return danish.month(value) if value else danish.DASH


@register.filter
def days_until(value: date | None, today: date) -> str:
    """The distance from `today` in words: 'om 2 dage', 'i dag'; None -> '–'."""
    return danish.days_until(value, today) if value else danish.DASH


@register.filter
def percent(share: float | None, decimals: int = 0) -> str:
    """0.384 -> '38 %'; `|percent:1` -> '38,4 %'; None -> '–'."""
    return danish.DASH if share is None else danish.pct(share, int(decimals))


@register.filter
def points(delta: float | None) -> str:
    """0.153 -> '+15 procentpoint'; None -> '–'."""
    return danish.DASH if delta is None else danish.points(delta)


@register.filter
def point_distance(delta: float | None) -> str:
    """0.05 -> '5 procentpoint' (a distance, no sign); None -> '–'."""
    return danish.DASH if delta is None else danish.point_distance(delta)


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
