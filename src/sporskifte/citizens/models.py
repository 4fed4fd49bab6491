"""The person register and the case objects that hang off a person."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models

from sporskifte.lib import cpr as cprlib
from sporskifte.lib import danish
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
        return danish.dato(cprlib.birth_date(self.cpr))

    @property
    def first_name_and_initials(self) -> str:
        """'Karen Marie Nielsen' -> 'Karen M. N.': enough for an employer to recognise the
        employee, no more (the employer's link may be forwarded)."""
        first, *rest = self.name.split() or [""]
        return " ".join([first, *(f"{part[0].upper()}." for part in rest)])


class RegisterRecord(models.Model):
    """Common to rows imported from a register file: the pseudonymous person key, the
    resolved person (when the register knows them) and the import that last wrote the row."""

    person_key = models.CharField("person-id (pseudonym)", max_length=64, db_index=True)
    person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    imported = models.DateTimeField("importeret", auto_now=True)

    class Meta:
        abstract = True


class SicknessSpell(RegisterRecord):
    """One sickness-absence spell, as in the `sickness_spells` contract."""

    spell_id = models.CharField("forløbs-id", max_length=64, unique=True)
    onset_date = models.DateField("første fraværsdag", db_index=True)
    birth_year = models.PositiveSmallIntegerField("fødselsår")
    sex = models.CharField("køn", max_length=1)
    employment_status = models.CharField("beskæftigelsesstatus", max_length=20)
    employer_size = models.CharField("virksomhedsstørrelse", max_length=10)
    industry = models.CharField("branche", max_length=2, blank=True)
    occupation = models.CharField("stillingsgruppe", max_length=2, blank=True)
    education = models.CharField("uddannelse", max_length=20)
    partial_sick_leave = models.BooleanField("delvis sygemeldt")
    expected_return_weeks = models.PositiveSmallIntegerField(
        "egen forventning (uger)", null=True, blank=True
    )
    employer_expected_return_weeks = models.PositiveSmallIntegerField(
        "arbejdsgivers forventning (uger)", null=True, blank=True
    )
    self_rated_health = models.PositiveSmallIntegerField(
        "selvvurderet helbred", null=True, blank=True
    )
    work_related = models.BooleanField("arbejdsrelateret")
    diagnosis_group = models.CharField("diagnosegruppe", max_length=20)
    prior_spells_3y = models.PositiveSmallIntegerField("tidligere forløb (3 år)")
    prior_sick_weeks_3y = models.PositiveSmallIntegerField("tidligere sygeuger (3 år)")
    benefit_weeks_3y = models.PositiveSmallIntegerField("ydelsesuger (3 år)")
    district = models.CharField("bydel", max_length=40, choices=DISTRICT_CHOICES, db_index=True)
    origin = models.CharField("herkomst", max_length=20, blank=True)
    duration_weeks = models.FloatField("varighed (uger)", null=True, blank=True)
    ended = models.BooleanField("afsluttet", null=True, blank=True)
    end_reason = models.CharField("afslutningsårsag", max_length=20, blank=True)

    class Meta:
        verbose_name = "sygedagpengeforløb"
        verbose_name_plural = "sygedagpengeforløb"

    def __str__(self) -> str:
        return f"Sygeforløb {self.spell_id}"


class Course(RegisterRecord):
    """A ressourceforløb, jobafklaringsforløb or revalidering, as in the `courses` contract."""

    course_id = models.CharField("forløbs-id", max_length=64, unique=True)
    scheme = models.CharField("ordning", max_length=30, db_index=True)
    referral_date = models.DateField("visitationsdato")
    start_date = models.DateField("startdato")
    planned_end_date = models.DateField("planlagt slutdato", db_index=True)
    ended_date = models.DateField("slutdato", null=True, blank=True, db_index=True)
    end_reason = models.CharField("afslutningsårsag", max_length=20, blank=True)
    previous_benefit = models.CharField("forudgående ydelse", max_length=20)
    birth_year = models.PositiveSmallIntegerField("fødselsår")
    district = models.CharField("bydel", max_length=40, choices=DISTRICT_CHOICES)
    team_name = models.CharField("team (fra registret)", max_length=100, blank=True)
    last_contact_date = models.DateField("seneste samtale", null=True, blank=True)
    next_step = models.CharField("næste skridt", max_length=20, blank=True)
    next_step_decided_date = models.DateField("næste skridt besluttet", null=True, blank=True)

    class Meta:
        verbose_name = "forløb"
        verbose_name_plural = "forløb"

    def __str__(self) -> str:
        return f"Forløb {self.course_id} ({self.scheme})"


class Household(RegisterRecord):
    """What the municipality knows of a person's household, as in the `households` contract."""

    as_of_date = models.DateField("opgjort pr.")
    civil_status = models.CharField("civilstand", max_length=12)
    own_assets_dkk = models.BigIntegerField("egen formue (kr.)")
    spouse_assets_dkk = models.BigIntegerField("ægtefælles formue (kr.)", null=True, blank=True)
    own_monthly_income_dkk = models.BigIntegerField("egen månedsindkomst (kr.)")
    spouse_monthly_income_dkk = models.BigIntegerField(
        "ægtefælles månedsindkomst (kr.)", null=True, blank=True
    )
    children_under_18 = models.PositiveSmallIntegerField("børn under 18")

    class Meta:
        verbose_name = "husstand"
        verbose_name_plural = "husstande"
        constraints = [
            models.UniqueConstraint(fields=["person_key"], name="household_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"Husstand {self.person_key}"


class Contact(models.Model):
    """A conversation or other contact with a person, about a spell or a course."""

    class Kind(models.TextChoices):
        MEETING = "meeting", "Samtale (fremmøde)"
        PHONE = "phone", "Samtale (telefon)"
        VIDEO = "video", "Samtale (video)"
        RECOVERY_CHECK = "recovery_check", "Opfølgning på raskmelding"
        LETTER = "letter", "Brev"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="contacts")
    spell = models.ForeignKey(
        SicknessSpell, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="contacts"
    )
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    held_on = models.DateField("dato", db_index=True)
    note = models.TextField("notat", blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "kontakt"
        verbose_name_plural = "kontakter"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {danish.dato(self.held_on)}"


class Alert(models.Model):
    """A warning that names the rule behind it and clears when the situation is resolved.

    `code` identifies the check (e.g. ``limit_22_weeks_near``); an open alert is unique per
    (code, spell) and per (code, course), so re-running a check never duplicates an alert.
    """

    class Severity(models.TextChoices):
        INFO = "info", "Information"
        WARNING = "warning", "Advarsel"
        ERROR = "error", "Kritisk"

    code = models.CharField("kode", max_length=64, db_index=True)
    severity = models.CharField(
        "alvor", max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    spell = models.ForeignKey(
        SicknessSpell, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    message = models.CharField("besked", max_length=300)
    rule = models.CharField("regel", max_length=200)
    source = models.URLField("kilde", max_length=500, blank=True)
    provisional = models.BooleanField("foreløbig regel", default=False)
    due = models.DateField("frist", null=True, blank=True, db_index=True)
    raised_at = models.DateTimeField(auto_now_add=True)
    cleared_at = models.DateTimeField(null=True, blank=True, db_index=True)
    cleared_reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["due", "-raised_at"]
        verbose_name = "advarsel"
        verbose_name_plural = "advarsler"
        constraints = [
            models.UniqueConstraint(
                fields=["code", "spell"],
                name="alert_open_once_per_spell",
                condition=models.Q(cleared_at__isnull=True, spell__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["code", "course"],
                name="alert_open_once_per_course",
                condition=models.Q(cleared_at__isnull=True, course__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None


class TeamDistrict(models.Model):
    """Which team takes new cases from a district: the intake route of the citizen's form."""

    district = models.CharField("bydel", max_length=40, choices=DISTRICT_CHOICES, unique=True)
    team = models.ForeignKey(
        "accounts.Team", verbose_name="team", on_delete=models.PROTECT, related_name="districts"
    )

    class Meta:
        ordering = ["district"]
        verbose_name = "bydel for team"
        verbose_name_plural = "bydele for teams"

    def __str__(self) -> str:
        return f"{self.district} → {self.team}"


class CaseShare(models.Model):
    """A person's case handed over to, or shared with, a team in another administration.

    A hand-over moves the person to the receiving team at once; the sending team keeps a
    read-only view until the receiving team accepts. A share gives the receiving team a
    read-only view until it is withdrawn; the person stays with their team. The sending team
    may withdraw a share, or a hand-over not yet accepted (the person then returns to it).
    """

    class Kind(models.TextChoices):
        HANDOVER = "handover", "Overdragelse"
        SHARE = "share", "Deling"

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="shares")
    kind = models.CharField("type", max_length=10, choices=Kind.choices)
    from_team = models.ForeignKey(
        "accounts.Team", verbose_name="fra team", on_delete=models.PROTECT, related_name="+"
    )
    to_team = models.ForeignKey(
        "accounts.Team", verbose_name="til team", on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField("besked", blank=True)
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField("modtaget", null=True, blank=True)
    withdrawn_at = models.DateTimeField("trukket tilbage", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "overdragelse eller deling"
        verbose_name_plural = "overdragelser og delinger"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} til {self.to_team}"

    @property
    def pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None
