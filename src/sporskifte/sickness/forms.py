"""Forms of the screening workflow, in the DKFDS pattern (labels, hints, errors via aria)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from sporskifte.citizens.models import Contact
from sporskifte.lib import cpr as cprlib
from sporskifte.lib.districts import DISTRICTS
from sporskifte.rules import plausibility
from sporskifte.rules.vocabulary import (
    DEFAULT_EMPLOYEE_NAME_SHOWN,
    EMPLOYEE_NAME_SHOWN_LABELS,
    EMPLOYER_SIZE_LABELS,
    EMPLOYMENT_STATUS_LABELS,
)
from sporskifte.sickness.actions import MAX_WEEKS, Application
from sporskifte.sickness.models import EXTENSION_GROUND_CHOICES, Track
from sporskifte.sickness.queries import SORTS, STATUSES
from sporskifte.sickness.templatetags.sickness import HEALTH_LABELS
from sporskifte.ui.forms import DkfdsFormMixin

YES_NO = [("ja", "Ja"), ("nej", "Nej")]
EMPLOYMENT = list(EMPLOYMENT_STATUS_LABELS.items())
EMPLOYER_SIZES = [(code, label) for code, label in EMPLOYER_SIZE_LABELS.items() if code != "none"]
HEALTH = [(str(value), label) for value, label in HEALTH_LABELS.items()]
NAME_EXAMPLES = {
    "full_name": "Mette Birgitte Jensen",
    "first_name_initials": "Mette B. J.",
    "initials": "M. B. J.",
}
EMPLOYEE_NAME_SHOWN_CHOICES = [
    (code, f"{label}, fx „{NAME_EXAMPLES[code]}“")
    for code, label in EMPLOYEE_NAME_SHOWN_LABELS.items()
]


class Radios(forms.RadioSelect):
    """Radio buttons whose label target is the first option, so that the DKFDS error summary
    links to the question (Django's RadioSelect gives no id for the group)."""

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        return super().id_for_label(id_, "0" if index is None else index)


DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _yes_no(label: str, required_message: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=Radios,
        help_text=help_text,
        error_messages={"required": required_message},
    )


def _weeks(label: str, help_text: str, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=1,
        max_value=MAX_WEEKS,
        help_text=help_text,
        widget=forms.NumberInput(
            attrs={"inputmode": "numeric", "class": "form-input input-width-xs"}
        ),
        error_messages={
            "required": "Skriv antal uger.",
            "invalid": "Skriv antal uger som et helt tal, fx 6.",
            "min_value": "Skriv mindst 1 uge.",
            "max_value": f"Skriv højst {MAX_WEEKS} uger.",
        },
    )


class CitizenForm(DkfdsFormMixin, forms.Form):
    """The citizen's sickness-benefit application: the information form's questions. After a
    NemLog-in login the CPR number comes from the login (`verified_cpr`), not from a field."""

    cpr = forms.CharField(
        label="CPR-nummer",
        max_length=11,
        help_text="10 cifre, fx 010190-1234.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        error_messages={"required": "Skriv dit CPR-nummer."},
    )
    name = forms.CharField(
        label="Dit fulde navn",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Skriv dit fulde navn."},
    )
    district = forms.ChoiceField(
        label="Bydel, hvor du bor",
        choices=[("", "Vælg bydel"), *((d, d) for d in DISTRICTS)],
        error_messages={"required": "Vælg den bydel, du bor i."},
    )
    onset_date = forms.DateField(
        label="Første sygedag",
        help_text="Den første dag, du var fraværende på grund af sygdom.",
        widget=DATE_INPUT,
        error_messages={
            "required": "Skriv din første sygedag.",
            "invalid": "Skriv en gyldig dato.",
        },
    )
    employment_status = forms.ChoiceField(
        label="Hvad var din situation, da du blev syg?",
        choices=EMPLOYMENT,
        widget=Radios,
        error_messages={"required": "Vælg din situation, da du blev syg."},
    )
    employer_name = forms.CharField(
        label="Arbejdsgiverens navn",
        required=False,
        max_length=200,
        help_text="Skal udfyldes, hvis du er ansat.",
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    employer_size = forms.ChoiceField(
        label="Hvor mange er ansat på din arbejdsplads?",
        required=False,
        choices=EMPLOYER_SIZES,
        widget=Radios,
        help_text="Skal udfyldes, hvis du er ansat.",
    )
    partial_sick_leave = _yes_no(
        "Er du delvist sygemeldt?",
        "Svar på, om du er delvist sygemeldt.",
        "Delvist sygemeldt betyder, at du arbejder på nedsat tid.",
    )
    expected_return_weeks = _weeks(
        "Hvor mange uger regner du med at være syg i alt?",
        "Regnet fra første sygedag. Lad feltet stå tomt, hvis du ikke ved det.",
    )
    self_rated_health = forms.ChoiceField(
        label="Hvordan vil du beskrive dit helbred lige nu?",
        choices=HEALTH,
        widget=Radios,
        error_messages={"required": "Vælg, hvordan du vil beskrive dit helbred."},
    )
    work_related = _yes_no(
        "Skyldes sygdommen dit arbejde?",
        "Svar på, om sygdommen skyldes dit arbejde.",
        "Fx en arbejdsulykke eller en arbejdsbetinget lidelse.",
    )
    wants_return_plan = _yes_no(
        "Vil du gerne lave en plan for at vende tilbage sammen med din arbejdsgiver?",
        "Svar på, om du vil lave en plan med din arbejdsgiver.",
        "En fastholdelsesplan. Svar nej, hvis du ikke er ansat.",
    )
    fast_track = _yes_no(
        "Ønsker du tidlig opfølgning fra kommunen?",
        "Svar på, om du ønsker tidlig opfølgning.",
        "Inden for de første 5 uger kan du bede om en samtale, som så holdes inden for 2 uger.",
    )
    employee_name_shown = forms.ChoiceField(
        label="Hvordan må din arbejdsgiver se dit navn?",
        required=False,
        choices=EMPLOYEE_NAME_SHOWN_CHOICES,
        initial=DEFAULT_EMPLOYEE_NAME_SHOWN,
        widget=Radios,
        help_text=(
            "Gælder, hvis du er ansat. Navnet står på arbejdsgiverens side om din tilbagevenden "
            "og i kommunens brev til arbejdsgiveren. Arbejdsgiveren får aldrig oplysninger om "
            "dit helbred eller dit CPR-nummer."
        ),
    )

    def __init__(self, *args: Any, verified_cpr: str | None = None, **kwargs: Any) -> None:
        """With `verified_cpr` (from the citizen's login) there is no CPR field to type."""
        self.verified_cpr = verified_cpr  # before the mixin validates (clean() reads it)
        super().__init__(*args, **kwargs)
        if verified_cpr:
            del self.fields["cpr"]
            self._errors = None  # the mixin validated with the field; validate again without

    def clean_cpr(self) -> str:
        value = str(self.cleaned_data["cpr"]).strip()
        try:
            return cprlib.normalise(value)
        except cprlib.InvalidCPR as exc:
            raise forms.ValidationError(f"Skriv et gyldigt CPR-nummer. {exc}") from None

    def clean_onset_date(self) -> date:
        onset: date = self.cleaned_data["onset_date"]
        today = timezone.localdate()
        if onset > today:
            raise forms.ValidationError("Første sygedag kan ikke ligge i fremtiden.")
        if (today - onset).days > 365:
            raise forms.ValidationError("Første sygedag skal ligge inden for det seneste år.")
        return onset

    # Asked of the employed; how the employer sees the name has an answer chosen beforehand.
    conditional = ("employer_name", "employer_size", "employee_name_shown")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("employment_status") == "employed":
            if not str(data.get("employer_name") or "").strip():
                self.add_error("employer_name", "Skriv navnet på din arbejdsgiver.")
            if not data.get("employer_size"):
                self.add_error("employer_size", "Vælg, hvor mange der er ansat.")
        cpr, onset = data.get("cpr") or self.verified_cpr, data.get("onset_date")
        if cpr and onset and data.get("employment_status"):
            birth = cprlib.birth_date(cpr)
            for problem in plausibility.age_problems(birth, onset, data["employment_status"]):
                self.add_error(problem.field, problem.message)
        return data

    def application(self) -> Application:
        d = self.cleaned_data
        return Application(
            cpr=self.verified_cpr or d["cpr"],
            name=d["name"],
            district=d["district"],
            onset_date=d["onset_date"],
            employment_status=d["employment_status"],
            employer_name=d.get("employer_name") or "",
            employer_size=d.get("employer_size") or "none",
            partial_sick_leave=d["partial_sick_leave"] == "ja",
            expected_return_weeks=d.get("expected_return_weeks"),
            self_rated_health=int(d["self_rated_health"]),
            work_related=d["work_related"] == "ja",
            wants_return_plan=d["wants_return_plan"] == "ja",
            fast_track=d["fast_track"] == "ja",
            employee_name_shown=d.get("employee_name_shown") or DEFAULT_EMPLOYEE_NAME_SHOWN,
        )


class EmployerForm(DkfdsFormMixin, forms.Form):
    expected_return_weeks = _weeks(
        "Hvor mange uger regner I med, at medarbejderen er sygemeldt i alt?",
        "Regnet fra første sygedag.",
        required=True,
    )


class EmployerReplaceForm(EmployerForm):
    """The employer's form when they have answered before: the new answer replaces the old
    one only when they say so."""

    confirm_replace = forms.BooleanField(
        label="Ja, det nye svar skal erstatte vores tidligere svar",
        error_messages={"required": "Bekræft, at det nye svar skal erstatte det tidligere."},
    )


class ReviewForm(DkfdsFormMixin, forms.Form):
    """Confirm the proposed track, or choose another with a reason."""

    decision = forms.ChoiceField(
        label="Din vurdering",
        choices=[("confirm", "Bekræft det foreslåede spor"), ("override", "Vælg et andet spor")],
        widget=Radios,
        error_messages={"required": "Vælg, om du bekræfter sporet eller vælger et andet."},
    )
    track = forms.ChoiceField(
        label="Andet spor",
        required=False,
        choices=Track.choices,
        widget=Radios,
        help_text="Skal udfyldes, hvis du vælger et andet spor.",
    )
    reason = forms.CharField(
        label="Begrundelse",
        required=False,
        max_length=2000,
        help_text="Skal udfyldes, hvis du vælger et andet spor. Begrundelsen står på sagen.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    screening = forms.IntegerField(widget=forms.HiddenInput)
    conditional = ("track", "reason")

    def __init__(self, *args: Any, proposed: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        track_field = self.fields["track"]
        assert isinstance(track_field, forms.ChoiceField)
        track_field.choices = [(v, label) for v, label in Track.choices if v != proposed]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "override":
            if not data.get("track"):
                self.add_error("track", "Vælg det spor, du vil bruge i stedet.")
            if not str(data.get("reason") or "").strip():
                self.add_error("reason", "Skriv en begrundelse for at vælge et andet spor.")
        return data


class ContactForm(DkfdsFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Type",
        choices=[c for c in Contact.Kind.choices if c[0] != Contact.Kind.LETTER],
        error_messages={"required": "Vælg typen af kontakt."},
    )
    held_on = forms.DateField(
        label="Dato",
        widget=DATE_INPUT,
        error_messages={"required": "Skriv datoen.", "invalid": "Skriv en gyldig dato."},
    )
    note = forms.CharField(
        label="Notat", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )


class MoveForm(DkfdsFormMixin, forms.Form):
    new_date = forms.DateField(
        label="Ny dato",
        widget=DATE_INPUT,
        error_messages={"required": "Skriv den nye dato.", "invalid": "Skriv en gyldig dato."},
    )
    reason = forms.CharField(
        label="Begrundelse",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Skriv en begrundelse for at flytte datoen."},
    )


class ExtensionForm(DkfdsFormMixin, forms.Form):
    ground = forms.ChoiceField(
        label="Forlængelsesgrundlag (sygedagpengeloven § 27)",
        required=False,
        choices=[("", "Intet grundlag registreret"), *EXTENSION_GROUND_CHOICES],
    )


class ReturnForm(DkfdsFormMixin, forms.Form):
    returned_on = forms.DateField(
        label="Tilbage i arbejde fra",
        widget=DATE_INPUT,
        error_messages={"required": "Skriv datoen.", "invalid": "Skriv en gyldig dato."},
    )


class WorklistFilterForm(DkfdsFormMixin, forms.Form):
    mark_optional = False
    q = forms.CharField(
        label="Søg",
        required=False,
        max_length=100,
        help_text="Navn, CPR-nummer eller sagsnummer",
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(label="Vis", required=False, choices=list(STATUSES.items()))
    track = forms.ChoiceField(
        label="Spor", required=False, choices=[("", "Alle spor"), *Track.choices]
    )
    district = forms.ChoiceField(
        label="Bydel", required=False, choices=[("", "Alle bydele"), *((d, d) for d in DISTRICTS)]
    )
    sort = forms.ChoiceField(label="Sortér efter", required=False, choices=list(SORTS.items()))
    team = forms.TypedChoiceField(label="Team", required=False, coerce=int, empty_value=None)
    side = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, teams: list[tuple[int, str]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        if teams:
            team_field = self.fields["team"]
            assert isinstance(team_field, forms.ChoiceField)
            team_field.choices = [("", "Alle teams"), *teams]
        else:
            del self.fields["team"]
