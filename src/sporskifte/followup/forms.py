from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from sporskifte.accounts.models import Team
from sporskifte.followup.queries import DIMENSIONS
from sporskifte.lib import danish
from sporskifte.lib.dates import month_start
from sporskifte.planning.budget import DEFAULT_COST_PER_FTE
from sporskifte.sickness.capacity import LIMITS, CapacityInput, problems
from sporskifte.ui.forms import DkfdsFormMixin


class DimensionForm(DkfdsFormMixin, forms.Form):
    by = forms.ChoiceField(label="Opdel efter", choices=list(DIMENSIONS.items()), required=False)


def _hours(label: str, initial: float, help_text: str = "") -> forms.FloatField:
    return forms.FloatField(
        label=label, min_value=0, max_value=10_000, initial=initial, help_text=help_text,
        error_messages={"min_value": "Skriv 0 timer eller flere.",
                        "max_value": "Skriv højst 10.000 timer.",
                        "invalid": "Skriv et tal, fx 2,5 eller 2.5.",
                        "required": "Skriv et antal timer."},
        localize=True,
    )  # fmt: skip


class PlannerForm(DkfdsFormMixin, forms.Form):
    """The what-if: read-only, nothing is stored (so it is a GET form)."""

    capacity = _hours(
        "Sagsbehandlertimer til opfølgning pr. uge", 0.0,
        "Udgangspunkt: summen af teamenes timer.",
    )  # fmt: skip
    hours_track1 = _hours("Timer pr. borger: Ingen opfølgning", 0.25, "Over hele forløbet.")
    hours_track2 = _hours("Timer pr. borger: Let opfølgning", 2.0, "Over hele forløbet.")
    hours_track3 = _hours("Timer pr. borger: Tværfaglig indsats", 12.0, "Over hele forløbet.")
    cost_per_fte = forms.FloatField(
        label="Pris pr. fuldtidssagsbehandler (kr. om året)", min_value=0, max_value=5_000_000,
        initial=DEFAULT_COST_PER_FTE, localize=True,
        help_text="Løn inkl. overhead; en antagelse, der kan ændres.",
        error_messages={"min_value": "Skriv 0 kr. eller mere.",
                        "max_value": "Skriv højst 5.000.000 kr.",
                        "invalid": "Skriv et beløb i kroner.", "required": "Skriv et beløb."},
    )  # fmt: skip


CAPACITY_HINTS = {
    "caseworker_hours_per_week": "Alle teamets timer til opfølgning på sygedagpengesager.",
    "hours_track1": "Over hele forløbet; 0 er tilladt.",
    "hours_track2": "Over hele forløbet.",
    "hours_track3": "Over hele forløbet; mindst lige så mange som let opfølgning.",
    "review_hours": "En sagsbehandlers vurdering af en fritaget sag med høj risiko; 0 er tilladt.",
}


def _capacity_field(name: str) -> forms.FloatField:
    return forms.FloatField(
        label=LIMITS[name].label, help_text=CAPACITY_HINTS[name], localize=True,
        error_messages={"invalid": "Skriv et tal, fx 2,5.", "required": "Skriv et antal timer."},
    )  # fmt: skip


class CapacityForm(DkfdsFormMixin, forms.Form):
    """The team's capacity, stored (POST) by `sickness.actions.set_capacity`. The bounds are
    `sickness.capacity.LIMITS`, the same the action checks. A team leader's own team is a
    hidden field; an administrator chooses the team."""

    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.all(), empty_label=None,
        error_messages={"required": "Vælg et team.", "invalid_choice": "Vælg et team på listen."},
    )  # fmt: skip
    caseworker_hours_per_week = _capacity_field("caseworker_hours_per_week")
    hours_track1 = _capacity_field("hours_track1")
    hours_track2 = _capacity_field("hours_track2")
    hours_track3 = _capacity_field("hours_track3")
    review_hours = _capacity_field("review_hours")

    def __init__(self, *args: Any, choose_team: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not choose_team:
            self.fields["team"].widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        values = {name: data.get(name) for name in LIMITS}
        for name, message in problems(values).items():
            if name not in self.errors:
                self.add_error(name, message)
        return data

    def capacity(self) -> CapacityInput:
        """The figures as the action takes them (a valid form only)."""
        return CapacityInput(**{name: float(self.cleaned_data[name]) for name in LIMITS})


def last_twelve_months() -> list[str]:
    """'YYYY-MM' of this month and the eleven before it, newest first."""
    today = timezone.localdate()
    return [f"{d.year}-{d.month:02d}" for d in (month_start(today, k) for k in range(12))]


def _month_choices() -> list[tuple[str, str]]:
    return [(m, danish.month(date(int(m[:4]), int(m[5:]), 1))) for m in last_twelve_months()]


class MonthForm(DkfdsFormMixin, forms.Form):
    """Which month's management summary: one of the last twelve."""

    maaned = forms.ChoiceField(label="Måned", choices=_month_choices, required=False)
