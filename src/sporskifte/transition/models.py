"""What the phase-out adds to the case file: decided next steps (a history, newest wins),
attempts to grant a course (granted or refused by law), and letters to citizens (the PDF
itself, as sent). Courses, households, contacts and alerts are casework's."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from sporskifte.lib import danish
from sporskifte.transition.policy import NEXT_STEP_LABELS, SCHEME_LABELS

NEXT_STEP_CHOICES = list(NEXT_STEP_LABELS.items())
SCHEME_CHOICES = list(SCHEME_LABELS.items())
PREVIOUS_BENEFIT_CHOICES = [
    ("sygedagpenge", "Sygedagpenge"),
    ("kontanthjaelp", "Kontanthjælp"),
    ("other", "Anden ydelse"),
    ("none", "Ingen ydelse"),
]


class NextStepDecision(models.Model):
    """A decided next step for a course. The newest decision is the course's `next_step`."""

    course = models.ForeignKey(
        "citizens.Course", on_delete=models.PROTECT, related_name="next_step_decisions"
    )
    next_step = models.CharField("næste skridt", max_length=20, choices=NEXT_STEP_CHOICES)
    decided_on = models.DateField("besluttet den")
    reason = models.TextField("begrundelse")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "beslutning om næste skridt"
        verbose_name_plural = "beslutninger om næste skridt"

    def __str__(self) -> str:
        return f"{self.get_next_step_display()} ({danish.dato(self.decided_on)})"


class CourseGrant(models.Model):
    """An attempt to grant a new course: granted (a Course was made) or refused by law.

    A refused attempt to grant a closed scheme raises the "referral to a closed scheme" flag
    until a next step is decided for the person (`resolved_at`).
    """

    class Outcome(models.TextChoices):
        GRANTED = "granted", "Bevilget"
        REFUSED = "refused", "Afvist"

    person = models.ForeignKey(
        "citizens.Person", on_delete=models.PROTECT, related_name="course_grants"
    )
    scheme = models.CharField("ordning", max_length=30, choices=SCHEME_CHOICES)
    referral_date = models.DateField("visitationsdato")
    start_date = models.DateField("startdato")
    planned_end_date = models.DateField("planlagt slutdato")
    previous_benefit = models.CharField(
        "forudgående ydelse", max_length=20, choices=PREVIOUS_BENEFIT_CHOICES
    )
    outcome = models.CharField("udfald", max_length=10, choices=Outcome.choices)
    reasons = models.JSONField("begrundelser", default=list)
    course = models.ForeignKey(
        "citizens.Course", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField("kanal", max_length=10, default="web")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField("løst", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "bevilling af forløb"
        verbose_name_plural = "bevillinger af forløb"

    def __str__(self) -> str:
        when = danish.dato(self.referral_date)
        return f"{self.get_scheme_display()} {when}: {self.get_outcome_display()}"


class LetterBatch(models.Model):
    """Letters to everyone whose course ends in one month, made a few at a time."""

    month = models.DateField("måned")  # the first day of the month
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    course_ids = models.JSONField(default=list)
    done = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by_label = models.CharField(max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "brevkørsel"
        verbose_name_plural = "brevkørsler"

    def __str__(self) -> str:
        return f"Breve for {self.month:%m.%Y} ({self.done}/{self.total})"

    @property
    def total(self) -> int:
        return len(self.course_ids)

    @property
    def is_finished(self) -> bool:
        return self.done >= self.total


class Letter(models.Model):
    """A letter to a citizen about their course ending, kept as the PDF that was made."""

    person = models.ForeignKey("citizens.Person", on_delete=models.PROTECT, related_name="letters")
    course = models.ForeignKey("citizens.Course", on_delete=models.PROTECT, related_name="letters")
    batch = models.ForeignKey(
        LetterBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="letters"
    )
    end_date = models.DateField("forløbets slutdato")
    precheck = models.CharField("forhåndsvurdering", max_length=10)
    pdf = models.BinaryField("PDF")
    filename = models.CharField("filnavn", max_length=120)
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by_label = models.CharField("dannet af", max_length=150, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "brev"
        verbose_name_plural = "breve"

    def __str__(self) -> str:
        return f"Brev om forløbets afslutning ({danish.dato(self.created_at)})"

    @property
    def size_kb(self) -> int:
        return max(1, len(bytes(self.pdf)) // 1024)
