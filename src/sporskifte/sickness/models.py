"""The sickness-benefit case: a case per spell, its screenings as made, the caseworker's
reviews as stored states, and the contact plan."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from sporskifte.citizens.models import Contact, Person, SicknessSpell
from sporskifte.lib import danish
from sporskifte.lib.cpr import mask
from sporskifte.rules.employer import employee_name
from sporskifte.rules.sickness import EXTENSION_GROUND_LABELS
from sporskifte.rules.vocabulary import DEFAULT_EMPLOYEE_NAME_SHOWN, EMPLOYEE_NAME_SHOWN_LABELS
from sporskifte.screening.tracks import TRACK_LABELS, TRACKS


class Track(models.TextChoices):
    """The three follow-up tracks, as `sporskifte.screening.tracks` defines them."""

    NONE = TRACKS[0], TRACK_LABELS[TRACKS[0]]
    LIGHT = TRACKS[1], TRACK_LABELS[TRACKS[1]]
    INTERDISCIPLINARY = TRACKS[2], TRACK_LABELS[TRACKS[2]]


EXTENSION_GROUND_CHOICES: list[tuple[str, str]] = [
    (code, f"§ 27, stk. 1, nr. {number}: {label}")
    for number, (code, label) in enumerate(EXTENSION_GROUND_LABELS.items(), start=1)
]
"""Sygedagpengeloven § 27, stk. 1, in the law's order, from `rules.sickness`."""


class SpellCase(models.Model):
    """A sickness spell in casework: the application's answers outside the register contract,
    the current screening, the track in force and the next contact due.

    The primary key is the spell's, so a case and its spell share an id. `track` is the
    proposed track until a caseworker decides, then the decided one; `next_due` is the earliest
    planned contact (kept by the actions, so the worklist can sort and filter on it).
    """

    class Via(models.TextChoices):
        FORM = "form", "Digital blanket"
        API = "api", "API"
        REGISTER = "register", "Registerindlæsning"

    spell = models.OneToOneField(
        SicknessSpell, primary_key=True, on_delete=models.PROTECT, related_name="case"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="spell_cases")
    opened_via = models.CharField("modtaget via", max_length=10, choices=Via.choices)
    opened_at = models.DateTimeField("oprettet", auto_now_add=True)
    opened_on = models.DateField("oprettet dato")
    receipt_token = models.CharField(max_length=64, unique=True)
    employer_token = models.CharField(max_length=64, unique=True)
    employer_name = models.CharField("arbejdsgiver", max_length=200, blank=True)
    employer_cvr = models.CharField("arbejdsgivers CVR-nummer", max_length=8, blank=True)
    wants_return_plan = models.BooleanField("ønsker fastholdelsesplan", default=False)
    employee_name_shown = models.CharField(
        "arbejdsgiveren ser medarbejderen som",
        max_length=20,
        choices=list(EMPLOYEE_NAME_SHOWN_LABELS.items()),
        default=DEFAULT_EMPLOYEE_NAME_SHOWN,
    )  # the citizen's choice on the application
    fast_track_request_date = models.DateField(
        "anmodning om tidlig opfølgning", null=True, blank=True
    )
    extension_ground = models.CharField(
        "forlængelsesgrundlag", max_length=30, blank=True
    )  # a code of EXTENSION_GROUND_CHOICES (checked by the action; the law's wording may change)
    employer_reported_at = models.DateTimeField(
        "arbejdsgivers oplysninger modtaget", null=True, blank=True
    )
    returned_on = models.DateField("raskmeldt", null=True, blank=True)
    closed_at = models.DateTimeField("afsluttet", null=True, blank=True, db_index=True)
    current_screening = models.ForeignKey(
        "Screening", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    track = models.CharField(
        "spor", max_length=20, choices=Track.choices, blank=True, db_index=True
    )
    next_due = models.DateField("næste kontakt", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "sygedagpengesag"
        verbose_name_plural = "sygedagpengesager"

    def __str__(self) -> str:
        return f"Sygesag {self.person.name} ({self.person.masked_cpr})"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def employee_name_for_employer(self) -> str:
        """The employee named as the citizen allowed the employer to see them."""
        return employee_name(self.person.name, self.employee_name_shown)


class Screening(models.Model):
    """One screening of a spell, kept on the case file as it was made: the inputs, the model
    version and mode, the prediction, every factor's contribution and the reasons."""

    class Mode(models.TextChoices):
        MODEL = "model", "Model (regler, svar og statistisk model)"
        RULES_ONLY = "rules_only", "Kun regler og svar (ingen model)"

    class Trigger(models.TextChoices):
        APPLICATION = "application", "Ansøgning modtaget"
        EMPLOYER = "employer", "Arbejdsgivers oplysninger modtaget"
        RESCREEN = "rescreen", "Screenet igen"
        REGISTER = "register", "Registerindlæsning"
        CAPACITY = "capacity", "Teamets kapacitet ændret"

    case = models.ForeignKey(SpellCase, on_delete=models.CASCADE, related_name="screenings")
    screened_at = models.DateTimeField("screenet", auto_now_add=True)
    screened_on = models.DateField("lovgivning pr.")
    trigger = models.CharField("anledning", max_length=12, choices=Trigger.choices)
    mode = models.CharField("tilstand", max_length=12, choices=Mode.choices)
    model_version = models.CharField("modelversion", max_length=100, blank=True)
    p_long = models.FloatField("risiko for fravær over 26 uger", null=True, blank=True)
    median_weeks = models.FloatField("forventet varighed (median, uger)", null=True, blank=True)
    baseline = models.FloatField("udgangspunkt", null=True, blank=True)
    proposed_track = models.CharField("foreslået spor", max_length=20, choices=Track.choices)
    exempt = models.BooleanField("fritaget efter loven")
    flag_high_risk_exempt = models.BooleanField("fritaget, men høj risiko", default=False)
    inputs = models.JSONField("oplysninger brugt", default=dict)
    contributions = models.JSONField("faktorer", default=list)
    reasons = models.JSONField("begrundelser", default=list)

    class Meta:
        ordering = ["-screened_at", "-id"]
        verbose_name = "screening"
        verbose_name_plural = "screeninger"

    def __str__(self) -> str:
        return f"Screening {self.pk} ({self.get_proposed_track_display()})"


class Review(models.Model):
    """A caseworker's review of a screening, as a stored state:
    `awaiting` → `confirmed` / `overridden` / `cancelled` (a reason is required for the last two).
    """

    class State(models.TextChoices):
        AWAITING = "awaiting", "Afventer vurdering"
        CONFIRMED = "confirmed", "Spor bekræftet"
        OVERRIDDEN = "overridden", "Andet spor valgt"
        CANCELLED = "cancelled", "Annulleret"

    screening = models.OneToOneField(Screening, on_delete=models.CASCADE, related_name="review")
    state = models.CharField(
        "status", max_length=12, choices=State.choices, default=State.AWAITING, db_index=True
    )
    proposed_track = models.CharField("foreslået spor", max_length=20, choices=Track.choices)
    decided_track = models.CharField("valgt spor", max_length=20, choices=Track.choices, blank=True)
    reason = models.TextField("begrundelse", blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField("afgjort", null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "vurdering"
        verbose_name_plural = "vurderinger"

    def __str__(self) -> str:
        return f"Vurdering: {self.get_state_display()}"

    @property
    def is_decided(self) -> bool:
        return self.state in (self.State.CONFIRMED, self.State.OVERRIDDEN)


class ContactDue(models.Model):
    """One entry of a case's contact plan: what must happen by when, and the rule behind it.

    `deadline` is the law's latest date (legal entries only) and never moves; `due` is the
    planned date, which a caseworker may move with a reason (never past the deadline). `key`
    identifies the entry across re-planning (``law:first_conversation``, ``track:week10``).
    """

    class Kind(models.TextChoices):
        FAST_TRACK = "fast_track_conversation", "Samtale efter anmodning om tidlig opfølgning"
        FIRST = "first_conversation", "Første opfølgningssamtale"
        HALF_YEAR = "conversation_first_half_year", "Samtale i første halvår"
        FOLLOW_UP = "follow_up_conversation", "Opfølgningssamtale"
        RECOVERY_CHECK = "recovery_check", "Kontrol af raskmelding"

    class Status(models.TextChoices):
        PLANNED = "planned", "Planlagt"
        DONE = "done", "Gennemført"
        CANCELLED = "cancelled", "Bortfaldet"

    case = models.ForeignKey(SpellCase, on_delete=models.CASCADE, related_name="contact_plan")
    key = models.CharField(max_length=40)
    kind = models.CharField("type", max_length=30, choices=Kind.choices)
    due = models.DateField("planlagt dato", db_index=True)
    deadline = models.DateField("lovens frist", null=True, blank=True, db_index=True)
    legal = models.BooleanField("lovkrav", default=False)
    reason = models.CharField("begrundelse", max_length=400)
    rule = models.CharField("regel", max_length=200)
    source = models.URLField("kilde", max_length=500, blank=True)
    provisional = models.BooleanField("foreløbig regel", default=False)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    moved_from = models.DateField("oprindelig dato", null=True, blank=True)
    move_reason = models.CharField("begrundelse for flytning", max_length=300, blank=True)
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.SET_NULL, related_name="fulfils"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due", "id"]
        verbose_name = "planlagt kontakt"
        verbose_name_plural = "kontaktplan"
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="contact_due_key_once_per_case"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {danish.dato(self.due)}"


class ReturnPlan(models.Model):
    """The employer's return-to-work plan for a case: hours or tasks by week, adjustments and
    a contact person. Stored as submitted; the newest is the one in force."""

    case = models.ForeignKey(SpellCase, on_delete=models.CASCADE, related_name="return_plans")
    submitted_at = models.DateTimeField("modtaget", auto_now_add=True)
    submitted_on = models.DateField("modtaget dato")
    weeks = models.JSONField("uger", default=list)  # [{"week": 1, "hours": 10, "tasks": ""}]
    adjustments = models.TextField("tilpasninger", blank=True)
    contact_name = models.CharField("kontaktperson", max_length=200)
    contact_phone = models.CharField("kontaktpersonens telefon", max_length=30, blank=True)
    partial_return = models.BooleanField("delvis tilbagevenden", default=False)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = "tilbagevendingsplan"
        verbose_name_plural = "tilbagevendingsplaner"

    def __str__(self) -> str:
        return f"Tilbagevendingsplan {danish.dato(self.submitted_on)}"


class WorkplaceContact(models.Model):
    """A company consultant's contact with a workplace (by CVR number, or name without one)."""

    workplace_key = models.CharField("arbejdsplads", max_length=200, db_index=True)
    workplace_name = models.CharField("arbejdspladsens navn", max_length=200)
    held_on = models.DateField("dato")
    note = models.TextField("notat", blank=True)
    recorded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "kontakt med arbejdsplads"
        verbose_name_plural = "kontakter med arbejdspladser"

    def __str__(self) -> str:
        return f"{self.workplace_name} {danish.dato(self.held_on)}"


class HeldApplication(models.Model):
    """An application handed in without a verified identity (the form without login).

    The typed CPR number is the citizen's claim, nothing more: it is never looked up or
    attached to a person's file until a caseworker has checked who the citizen is and
    matches it (`actions.match_held_application`), which opens the case; or rejects it.
    `answers` holds the application's answers as typed (dates as ISO text).
    """

    class State(models.TextChoices):
        WAITING = "waiting", "Afventer identitet"
        MATCHED = "matched", "Knyttet til person"
        REJECTED = "rejected", "Afvist"

    received_at = models.DateTimeField("modtaget", auto_now_add=True, db_index=True)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="held_applications"
    )
    claimed_cpr = models.CharField("oplyst CPR-nummer", max_length=10)
    claimed_name = models.CharField("oplyst navn", max_length=200)
    answers = models.JSONField("svar")
    receipt_token = models.CharField(max_length=64, unique=True)
    state = models.CharField(
        "status", max_length=10, choices=State.choices, default=State.WAITING, db_index=True
    )
    decided_at = models.DateTimeField("afgjort", null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField("begrundelse", blank=True)
    case = models.OneToOneField(
        SpellCase, null=True, blank=True, on_delete=models.PROTECT, related_name="held_origin"
    )

    objects: ClassVar[models.Manager[HeldApplication]] = models.Manager()

    class Meta:
        ordering = ["received_at"]
        verbose_name = "ansøgning uden verificeret identitet"
        verbose_name_plural = "ansøgninger uden verificeret identitet"

    def __str__(self) -> str:
        return f"Ansøgning uden login fra {self.claimed_name} ({mask(self.claimed_cpr)})"


class TeamCapacity(models.Model):
    """A team's capacity as its team leader set it: caseworker hours a week for follow-up and
    the hours one person takes on each track (whole spell) and a flagged review takes. Never
    changed once stored: a new setting is a new row, so the history (who set what, when) is
    kept; the newest row is in force. The track-3 threshold fitted to it when it was set, and
    what it was fitted on, are stored beside it (`sickness.capacity`)."""

    team = models.ForeignKey(
        "accounts.Team", verbose_name="team", on_delete=models.PROTECT, related_name="capacities"
    )
    set_at = models.DateTimeField("gemt", auto_now_add=True)
    set_by = models.ForeignKey(
        "accounts.User",
        verbose_name="gemt af",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    set_by_label = models.CharField("gemt af (navn)", max_length=150)
    caseworker_hours_per_week = models.FloatField("sagsbehandlertimer pr. uge")
    hours_track1 = models.FloatField("timer pr. borger: ingen opfølgning")
    hours_track2 = models.FloatField("timer pr. borger: let opfølgning")
    hours_track3 = models.FloatField("timer pr. borger: tværfaglig indsats")
    review_hours = models.FloatField("timer pr. vurdering af markeret sag")
    threshold = models.FloatField("tærskel for tværfaglig indsats", null=True, blank=True)
    fits = models.BooleanField("kapaciteten rækker", default=True)
    weekly_inflow = models.FloatField("nye forløb pr. uge (tilgang)")
    reference_spells = models.PositiveIntegerField("screenede nye forløb, tærsklen bygger på")
    expected_hours_per_week = models.FloatField("forventet timeforbrug pr. uge", null=True)

    class Meta:
        ordering = ["-set_at", "-id"]
        get_latest_by = ["set_at", "id"]
        verbose_name = "teamkapacitet"
        verbose_name_plural = "teamkapaciteter"

    def __str__(self) -> str:
        return f"Kapacitet for {self.team} ({self.set_at:%Y-%m-%d %H:%M})"

    @property
    def hours_per_person(self) -> tuple[float, float, float]:
        return (self.hours_track1, self.hours_track2, self.hours_track3)
