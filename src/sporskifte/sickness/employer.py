"""The employer's part of a sickness-benefit case: what the employer may see, the duties the
law gives them for this spell, and the workplaces under 50 employees that need support.

Reads only; the changes are named actions in `sickness.actions`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch

from sporskifte.rules.employer import (
    SMALL_WORKPLACE_SIZES,
    Duty,
    EmployerFacts,
    employer_duties,
    plan_expected_by,
)
from sporskifte.sickness.models import ReturnPlan, SpellCase, Track, WorkplaceContact


def facts(case: SpellCase) -> EmployerFacts:
    spell = case.spell
    expected = spell.employer_expected_return_weeks or spell.expected_return_weeks
    return EmployerFacts(spell.onset_date, expected, case.wants_return_plan)


def duties(case: SpellCase) -> tuple[Duty, ...]:
    """The employer's duties and possibilities for this case, by the rules of its onset."""
    return employer_duties(facts(case))


def current_plan(case: SpellCase) -> ReturnPlan | None:
    return case.return_plans.first()


def workplace_key(case: SpellCase) -> str:
    """A workplace is its CVR number where given, otherwise its name as written."""
    return case.employer_cvr or " ".join(case.employer_name.lower().split())


@dataclass
class Workplace:
    """A workplace under 50 employees with sick-listed employees that need support."""

    key: str
    name: str
    cvr: str
    size: str
    high_risk: int = 0
    plan_requested: int = 0
    plan_overdue: int = 0
    earliest_due: date | None = None
    last_contact: WorkplaceContact | None = None
    reasons: list[str] = field(default_factory=list)
    employees: list[str] = field(default_factory=list)  # named as each citizen allowed

    @property
    def need(self) -> int:
        """Sorting score: an overdue plan weighs most, then a requested one, then high risk."""
        return 3 * self.plan_overdue + 2 * self.plan_requested + self.high_risk


def _is_high_risk(case: SpellCase) -> bool:
    screening = case.current_screening
    if screening is None:
        return False
    return screening.proposed_track == Track.INTERDISCIPLINARY or screening.flag_high_risk_exempt


def _add(place: Workplace, case: SpellCase, on: date) -> bool:
    has_plan = bool(case.return_plans.all())
    expected_by = plan_expected_by(facts(case))
    overdue = not has_plan and expected_by is not None and expected_by < on
    requested = case.wants_return_plan and not has_plan and not overdue
    high = _is_high_risk(case)
    if not (overdue or requested or high):
        return False
    place.plan_overdue += overdue
    place.plan_requested += requested
    place.high_risk += high
    place.employees.append(case.employee_name_for_employer)
    if expected_by is not None and not has_plan:
        place.earliest_due = min(filter(None, (place.earliest_due, expected_by)))
    return True


def _reasons(place: Workplace) -> list[str]:
    texts = []
    if place.plan_overdue:
        texts.append(f"{place.plan_overdue} uden tilbagevendingsplan efter lovens frist")
    if place.plan_requested:
        texts.append(f"{place.plan_requested} har bedt om en fastholdelsesplan")
    if place.high_risk:
        texts.append(f"{place.high_risk} med høj risiko for langt fravær")
    return texts


def workplaces_needing_support(cases: Iterable[SpellCase], on: date) -> list[Workplace]:
    """Small workplaces (under 50 employees) with an open case that is at high risk, has a
    requested plan, or has no plan by the time the law expects one; by need, then deadline."""
    places: dict[str, Workplace] = {}
    for case in cases:
        if case.spell.employer_size not in SMALL_WORKPLACE_SIZES or not case.employer_name:
            continue
        key = workplace_key(case)
        place = places.get(key) or Workplace(
            key, case.employer_name, case.employer_cvr, case.spell.employer_size
        )
        if _add(place, case, on):
            places[key] = place
    contacts = WorkplaceContact.objects.filter(workplace_key__in=list(places))
    for contact in contacts.order_by("workplace_key", "held_on", "id"):
        places[contact.workplace_key].last_contact = contact
    for place in places.values():
        place.reasons = _reasons(place)
        place.employees.sort()
    return sorted(places.values(), key=lambda p: (-p.need, p.earliest_due or date.max, p.name))


def open_employed_cases() -> Iterable[SpellCase]:
    """Open cases of employed persons, with what the workplace list needs loaded."""
    query = SpellCase.objects.filter(closed_at__isnull=True, spell__employment_status="employed")
    return query.select_related("spell", "person", "current_screening").prefetch_related(
        Prefetch("return_plans", queryset=ReturnPlan.objects.only("id", "case_id"))
    )
