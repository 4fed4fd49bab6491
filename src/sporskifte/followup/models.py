"""Stored aggregates: the follow-up's figures computed once per import and nightly, so a page
reads one row instead of recomputing over every spell."""

from __future__ import annotations

from django.db import models


class Aggregate(models.Model):
    """One page's figures as plain JSON (`followup.aggregates`), with when they were computed."""

    name = models.CharField("navn", max_length=60, unique=True)
    computed_at = models.DateTimeField("opgjort")
    data = models.JSONField("tal")

    class Meta:
        verbose_name = "opgørelse"
        verbose_name_plural = "opgørelser"

    def __str__(self) -> str:
        return f"{self.name} ({self.computed_at:%Y-%m-%d %H:%M})"
