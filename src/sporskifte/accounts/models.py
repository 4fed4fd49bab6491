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
    COMPANY_CONSULTANT = "company_consultant", "Virksomhedskonsulent"
    LAWYER = "lawyer", "Jurist"
    # A citizen logged in through NemLog-in: no rights beyond handing in their own application.
    CITIZEN = "citizen", "Borger"


class Organisation(models.Model):
    """An administration of the municipality (forvaltning) with its own teams, e.g. the
    employment administration and the social administration."""

    name = models.CharField("navn", max_length=150, unique=True)
    short_name = models.CharField("forkortelse", max_length=10, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "forvaltning"
        verbose_name_plural = "forvaltninger"

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    name = models.CharField("navn", max_length=100, unique=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="forvaltning",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="teams",
    )
    weekly_hours = models.PositiveIntegerField(
        "sagsbehandlertimer pr. uge", default=0, help_text="Kapacitet til opfølgning"
    )
    # How citizens reach the team: printed on every letter the team sends.
    phone = models.CharField("telefon", max_length=30, blank=True, help_text="Fx 33 17 33 17")
    phone_hours = models.CharField(
        "telefontid", max_length=200, blank=True, help_text="Fx mandag-torsdag kl. 9-15"
    )
    address = models.CharField(
        "adresse", max_length=200, blank=True, help_text="Fx Bernstorffsgade 17, 1592 København V"
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


class ApiToken(models.Model):
    """A bearer token for the JSON API. It acts as its user, with that user's role and team;
    only a SHA-256 hash of the secret is stored, and the token is shown once when made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("navn", max_length=100)
    prefix = models.CharField(max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    expires = models.DateTimeField("udløber", null=True, blank=True)
    revoked = models.BooleanField("tilbagekaldt", default=False)

    class Meta:
        verbose_name = "API-nøgle"
        verbose_name_plural = "API-nøgler"

    def __str__(self) -> str:
        return f"{self.name} ({self.user.username})"
