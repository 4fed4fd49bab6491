from __future__ import annotations

from django import forms


class DateForm(forms.Form):
    dato = forms.DateField(
        label="Parametre i kraft pr.",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class SignoffForm(forms.Form):
    key = forms.CharField(max_length=120, widget=forms.HiddenInput)
    valid_from = forms.DateField(widget=forms.HiddenInput)
    comment = forms.CharField(
        label="Bemærkning (valgfri)", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
