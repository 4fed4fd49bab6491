from __future__ import annotations

from django import forms

from sporskifte.accounts.models import Team
from sporskifte.lib.districts import DISTRICT_CHOICES
from sporskifte.ui.forms import DkfdsFormMixin


class PersonSearchForm(DkfdsFormMixin, forms.Form):
    mark_optional = False
    q = forms.CharField(
        label="Navn, CPR-nummer eller sagsnummer",
        max_length=100,
        required=False,
        help_text=(
            "Skriv en del af navnet, hele CPR-nummeret, de første seks cifre "
            "eller sagsnummeret (fx SK-20261129-3fa2c)."
        ),
    )


class PersonEditForm(DkfdsFormMixin, forms.Form):
    name = forms.CharField(
        label="Navn", max_length=200, error_messages={"required": "Skriv personens navn."}
    )
    district = forms.ChoiceField(label="Bydel", choices=DISTRICT_CHOICES)
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.all(), error_messages={"required": "Vælg et team."}
    )
