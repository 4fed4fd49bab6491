"""A lawyer's sign-off of one parameter period (append-only: the latest counts)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Signoff(models.Model):
    """A jurist has read the period `key` from `valid_from` against its source and accepts it.

    `fingerprint` is the period's content when signed (see `lawbase.params.fingerprint`); a
    later change to the period makes the sign-off stale rather than silently carrying over."""

    key = models.CharField("parameter", max_length=120)
    valid_from = models.DateField("gælder fra")
    fingerprint = models.CharField("indholdets fingeraftryk", max_length=64)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="godkendt af",
        on_delete=models.PROTECT,
        related_name="law_signoffs",
    )
    signed_at = models.DateTimeField("godkendt", auto_now_add=True)
    comment = models.TextField("bemærkning", blank=True, max_length=1000)

    class Meta:
        ordering = ["-signed_at", "-pk"]
        indexes = [models.Index(fields=["key", "valid_from"])]
        verbose_name = "juridisk godkendelse"
        verbose_name_plural = "juridiske godkendelser"

    def __str__(self) -> str:
        return f"{self.key} fra {self.valid_from.isoformat()}"
