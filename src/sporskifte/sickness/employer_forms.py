"""Forms of the employer's part: the return-to-work plan and a consultant's contact."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from sporskifte.sickness.actions import PLAN_MAX_HOURS, PLAN_TEXT_MAX, PlanInput, PlanWeek
from sporskifte.ui.forms import DkfdsFormMixin

PLAN_WEEKS = 8
"""Weeks shown on the plan form (a later plan can replace it)."""


class ReturnPlanForm(DkfdsFormMixin, forms.Form):
    """Hours or tasks by week, adjustments, a contact person and, if known, the CVR number."""

    contact_name = forms.CharField(
        label="Kontaktperson på arbejdspladsen", max_length=200,
        error_messages={"required": "Skriv navnet på en kontaktperson."},
    )  # fmt: skip
    contact_phone = forms.CharField(label="Kontaktpersonens telefon", max_length=30, required=False)
    cvr = forms.CharField(
        label="Virksomhedens CVR-nummer", max_length=12, required=False,
        help_text="8 cifre. Bruges til at finde jer, hvis I ønsker støtte fra kommunen.",
    )  # fmt: skip
    adjustments = forms.CharField(
        label="Tilpasninger af arbejdet", required=False, max_length=PLAN_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Fx andre opgaver, hjemmearbejde, pauser eller hjælpemidler. "
        "Skriv ingen helbredsoplysninger.",
    )  # fmt: skip

    def week_rows(self) -> list[tuple[int, Any, Any]]:
        return [(w, self[f"hours_{w}"], self[f"tasks_{w}"]) for w in range(1, PLAN_WEEKS + 1)]

    def plan(self) -> PlanInput:
        data = self.cleaned_data
        weeks = tuple(
            PlanWeek(w, data.get(f"hours_{w}"), data.get(f"tasks_{w}") or "")
            for w in range(1, PLAN_WEEKS + 1)
            if data.get(f"hours_{w}") is not None or (data.get(f"tasks_{w}") or "").strip()
        )
        return PlanInput(
            weeks=weeks, adjustments=data.get("adjustments") or "",
            contact_name=data["contact_name"], contact_phone=data.get("contact_phone") or "",
            cvr=data.get("cvr") or "",
        )  # fmt: skip


for _week in range(1, PLAN_WEEKS + 1):
    ReturnPlanForm.base_fields[f"hours_{_week}"] = forms.FloatField(
        label=f"Uge {_week}: timer", required=False, min_value=0, max_value=PLAN_MAX_HOURS,
        widget=forms.NumberInput(attrs={"class": "form-input input-width-xs", "step": "0.5"}),
        error_messages={"max_value": f"Højst {PLAN_MAX_HOURS} timer om ugen.",
                        "min_value": "Timer kan ikke være negative.",
                        "invalid": "Skriv timer som et tal."},
    )  # fmt: skip
    ReturnPlanForm.base_fields[f"tasks_{_week}"] = forms.CharField(
        label=f"Uge {_week}: opgaver", required=False, max_length=500,
        error_messages={"max_length": "Højst 500 tegn."},
    )  # fmt: skip


class WorkplaceContactForm(DkfdsFormMixin, forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    name = forms.CharField(widget=forms.HiddenInput)
    held_on = forms.DateField(
        label="Dato for kontakten", widget=forms.DateInput(attrs={"type": "date"}),
        initial=timezone.localdate,
        error_messages={"required": "Skriv datoen.", "invalid": "Skriv en gyldig dato."},
    )  # fmt: skip
    note = forms.CharField(
        label="Notat", required=False, max_length=PLAN_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
