"""An append-only audit log of who saw or changed what, when, on which object.

Modelled on Wagtail's log entries: the actor and the object are kept as labels, so a row
survives the deletion of the user or the object (no foreign-key constraint, no cascade).
Updates and deletes are refused in Python and, in the database, by triggers.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models


class AppendOnlyError(RuntimeError):
    """The audit log is append-only."""


FORMER_LABELS: dict[str, tuple[str, ...]] = {
    **{
        f"citizens.{name}": (f"casework.{name}",)
        for name in ("person", "sicknessspell", "course", "household", "contact", "alert")
    },
    **{
        f"sickness.{name}": (f"casework.{name}",)
        for name in ("spellcase", "screening", "review", "contactdue")
    },
}
"""Labels a model was logged under before it moved app (entries are never rewritten)."""


class LogEntryQuerySet(models.QuerySet["LogEntry"]):
    def for_object(self, obj: models.Model) -> LogEntryQuerySet:
        """Entries about `obj`, including those logged under the model's former labels."""
        label = obj._meta.label_lower
        labels = (label, *FORMER_LABELS.get(label, ()))
        return self.filter(object_type__in=labels, object_id=str(obj.pk))

    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Revisionsloggen kan ikke ændres.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Revisionsloggen kan ikke slettes.")


LogEntryManager = models.Manager.from_queryset(LogEntryQuerySet)


class LogEntry(models.Model):
    timestamp = models.DateTimeField("tidspunkt", auto_now_add=True, db_index=True)
    action = models.CharField("handling", max_length=64, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        verbose_name="bruger",
    )
    actor_label = models.CharField("bruger", max_length=150, blank=True)
    actor_team = models.CharField("team", max_length=100, blank=True, db_index=True)
    object_type = models.CharField("objekttype", max_length=64, blank=True, db_index=True)
    object_id = models.CharField("objekt-id", max_length=64, blank=True, db_index=True)
    object_label = models.CharField("objekt", max_length=255, blank=True)
    detail = models.JSONField("detaljer", default=dict, blank=True)
    request_id = models.CharField("request-id", max_length=64, blank=True, db_index=True)

    objects: ClassVar[LogEntryManager] = LogEntryManager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = "logpost"
        verbose_name_plural = "logposter"
        indexes = [models.Index(fields=["object_type", "object_id", "-timestamp"])]

    def __str__(self) -> str:
        return (
            f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_label}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Revisionsloggen kan ikke ændres.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Revisionsloggen kan ikke slettes.")
