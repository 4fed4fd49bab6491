from __future__ import annotations

from django import forms

from sporskifte.audit.log import ACTION_LABELS
from sporskifte.ui.forms import DkfdsFormMixin


class AuditFilterForm(DkfdsFormMixin, forms.Form):
    mark_optional = False
    actor = forms.CharField(label="Bruger", required=False, max_length=150)
    action = forms.ChoiceField(
        label="Handling",
        required=False,
        choices=[("", "Alle handlinger"), *sorted(ACTION_LABELS.items(), key=lambda kv: kv[1])],
    )
    object_id = forms.CharField(label="Objekt-id", required=False, max_length=64)
    request_id = forms.CharField(label="Request-id", required=False, max_length=64)
    date_from = forms.DateField(
        label="Fra dato", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Til dato", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Til-datoen skal ligge efter fra-datoen.")
        return data
