"""Users, their role and their team.

A user's rights are a job-function role plus a data restriction (their team), which is what
the municipal identity provider (Fælleskommunal Adgangsstyring) will send later.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "Sagsbehandler"
    TEAM_LEADER = "team_leader", "Teamleder"
    ANALYST = "analyst", "Analytiker"
    ADMINISTRATOR = "administrator", "Administrator"


class Team(models.Model):
    name = models.CharField("navn", max_length=100, unique=True)
    weekly_hours = models.PositiveIntegerField(
        "sagsbehandlertimer pr. uge", default=0, help_text="Kapacitet til opfølgning"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "team"

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField("rolle", max_length=20, choices=Role.choices, default=Role.CASEWORKER)
    team = models.ForeignKey(
        Team,
        verbose_name="team",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )

    class Meta:
        verbose_name = "bruger"

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
