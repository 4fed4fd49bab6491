from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from sporskifte.transition.models import PREVIOUS_BENEFIT_CHOICES
from sporskifte.transition.policy import FLAG_LABELS, NEXT_STEP_LABELS, SCHEME_LABELS
from sporskifte.ui.forms import DkfdsFormMixin

ALL_CHOICE = [("", "Alle")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class OverviewFilterForm(DkfdsFormMixin, forms.Form):
    mark_optional = False
    scheme = forms.ChoiceField(
        label="Ordning", required=False, choices=ALL_CHOICE + list(SCHEME_LABELS.items())
    )
    within = forms.IntegerField(
        label="Slutter inden for (måneder)", required=False, min_value=0, max_value=120,
        help_text="Tomt: alle.",
        error_messages={"min_value": "Skriv 0 eller flere måneder.",
                        "max_value": "Skriv højst 120 måneder.",
                        "invalid": "Skriv et helt antal måneder."},
    )  # fmt: skip
    no_next_step = forms.BooleanField(label="Kun uden besluttet næste skridt", required=False)
    flag = forms.ChoiceField(
        label="Advarsel", required=False, choices=ALL_CHOICE + list(FLAG_LABELS.items())
    )


class DecideForm(DkfdsFormMixin, forms.Form):
    next_step = forms.ChoiceField(
        label="Næste skridt", choices=[("", "Vælg næste skridt"), *list(NEXT_STEP_LABELS.items())],
        error_messages={"required": "Vælg et næste skridt."},
    )  # fmt: skip
    decided_on = forms.DateField(
        label="Besluttet den", widget=DateInput(),
        error_messages={"required": "Skriv datoen for beslutningen.",
                        "invalid": "Skriv datoen som dd-mm-åååå."},
    )  # fmt: skip
    reason = forms.CharField(
        label="Begrundelse", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Hvorfor er dette det rette næste skridt? Begrundelsen gemmes på sagen.",
        error_messages={"required": "Skriv en begrundelse for beslutningen.",
                        "max_length": "Begrundelsen må højst være 2000 tegn."},
    )  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()


class GrantForm(DkfdsFormMixin, forms.Form):
    scheme = forms.ChoiceField(
        label="Ordning", choices=[("", "Vælg ordning"), *list(SCHEME_LABELS.items())],
        error_messages={"required": "Vælg en ordning."},
    )  # fmt: skip
    referral_date = forms.DateField(
        label="Visitationsdato", widget=DateInput(),
        help_text="Den dato, forløbet bevilges (visitationen).",
        error_messages={"required": "Skriv visitationsdatoen.", "invalid": "Skriv en gyldig dato."},
    )  # fmt: skip
    start_date = forms.DateField(
        label="Startdato", widget=DateInput(),
        error_messages={"required": "Skriv startdatoen.", "invalid": "Skriv en gyldig dato."},
    )  # fmt: skip
    planned_end_date = forms.DateField(
        label="Planlagt slutdato", widget=DateInput(),
        error_messages={"required": "Skriv den planlagte slutdato.",
                        "invalid": "Skriv en gyldig dato."},
    )  # fmt: skip
    previous_benefit = forms.ChoiceField(
        label="Forudgående ydelse", choices=PREVIOUS_BENEFIT_CHOICES, initial="kontanthjaelp"
    )


MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class LetterBatchForm(DkfdsFormMixin, forms.Form):
    month = forms.CharField(
        label="Måned", max_length=7, widget=forms.TextInput(attrs={"type": "month"}),
        help_text="Breve til alle i dit team, hvis forløb slutter i måneden (åååå-mm).",
        error_messages={"required": "Vælg en måned."},
    )  # fmt: skip

    def clean_month(self) -> date:
        match = MONTH.match(self.cleaned_data["month"].strip())
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
            raise forms.ValidationError("Skriv måneden som åååå-mm, fx 2027-01.")
        return date(int(match.group(1)), int(match.group(2)), 1)
