"""Labels of the sickness-benefit case's vocabulary for its templates: `{% load sickness %}`
(the Danish formats of dates and numbers are in `{% load danish %}`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import timezone

from sporskifte.rules.vocabulary import EMPLOYMENT_STATUS_LABELS
from sporskifte.screening.tracks import TRACK_LABELS
from sporskifte.sickness import law
from sporskifte.sickness.models import EXTENSION_GROUND_CHOICES

register = template.Library()


@register.filter
def track_label(value: str | None) -> str:
    return TRACK_LABELS.get(value or "", value or "–")


@register.filter
def employment_label(value: str | None) -> str:
    return EMPLOYMENT_STATUS_LABELS.get(value or "", value or "–")


@register.filter
def extension_ground_label(value: str | None) -> str:
    """The § 27 ground's code as the law words it (with its number)."""
    return dict(EXTENSION_GROUND_CHOICES).get(value or "", value or "–")


@register.filter
def alert_heading(alert: Any, on: date | None = None) -> str:
    """The alert's heading worded by its state today: reached, due or approaching."""
    return law.alert_heading(alert.code, alert.due, on or timezone.localdate())


HEALTH_LABELS = {5: "Meget godt", 4: "Godt", 3: "Nogenlunde", 2: "Dårligt", 1: "Meget dårligt"}


@register.filter
def health_label(value: int | None) -> str:
    """Self-rated health in the words the citizen chose: 2 -> 'Dårligt'; None -> 'Ikke oplyst'."""
    return HEALTH_LABELS.get(value, "Ikke oplyst") if value is not None else "Ikke oplyst"
