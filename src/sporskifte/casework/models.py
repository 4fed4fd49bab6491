"""The person register and the case objects that hang off a person."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models

from sporskifte.lib import cpr as cprlib
from sporskifte.lib.districts import DISTRICT_CHOICES


def pseudonym_for(cpr: str) -> str:
    """A stable keyed pseudonym for analytic extracts (never reversible without the key)."""
    key = settings.PSEUDONYM_KEY.encode()
    digest = hmac.new(key, cprlib.normalise(cpr).encode(), hashlib.sha256).hexdigest()
    return f"P{digest[:15]}"


class Person(models.Model):
    cpr = models.CharField("CPR-nummer", max_length=10, unique=True)
    pseudonym = models.CharField("pseudonym", max_length=32, unique=True)
    name = models.CharField("navn", max_length=200, db_index=True)
    district = models.CharField("bydel", max_length=40, choices=DISTRICT_CHOICES)
    team = models.ForeignKey(
        "accounts.Team",
        verbose_name="team",
        on_delete=models.PROTECT,
        related_name="persons",
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "person"
        verbose_name_plural = "personer"

    def __str__(self) -> str:
        return f"{self.name} ({self.masked_cpr})"

    @property
    def masked_cpr(self) -> str:
        return cprlib.mask(self.cpr)

    @property
    def birth_date_text(self) -> str:
        return cprlib.birth_date(self.cpr).strftime("%d.%m.%Y")
