"""A record of every run of a scheduled job: when, for which slot, and how it went."""

from __future__ import annotations

from django.db import models


class JobRun(models.Model):
    class Outcome(models.TextChoices):
        RUNNING = "running", "Kører"
        SUCCEEDED = "succeeded", "Gennemført"
        FAILED = "failed", "Fejlet"

    job = models.CharField("job", max_length=40, db_index=True)
    slot = models.DateTimeField(
        "planlagt tidspunkt", help_text="The scheduled time this run stands for"
    )
    started_at = models.DateTimeField("startet")
    finished_at = models.DateTimeField("afsluttet", null=True, blank=True)
    outcome = models.CharField(
        "udfald", max_length=10, choices=Outcome.choices, default=Outcome.RUNNING, db_index=True
    )
    summary = models.CharField("resultat", max_length=255, blank=True)
    detail = models.JSONField("detaljer", default=dict, blank=True)
    host = models.CharField("maskine", max_length=100, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "jobkørsel"
        verbose_name_plural = "jobkørsler"
        constraints = [
            # One run per job and scheduled slot: two workers never run the same slot twice.
            models.UniqueConstraint(fields=["job", "slot"], name="ops_jobrun_one_per_slot")
        ]

    def __str__(self) -> str:
        return f"{self.job} {self.slot:%Y-%m-%d %H:%M} {self.outcome}"

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
