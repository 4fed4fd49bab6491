"""One person's history from the database: the adapter between the register records and the
pure `citizens.history` / `citizens.gaps`.

The citizen's file holds the register records (spells, courses, households) and contacts; the
rooms above it hold decisions (the transition room's next steps) and the sickness case's
extension ground. They add theirs through `add_history_source` in their `AppConfig.ready`,
so the file never imports a room (the arrows point inwards).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone

from sporskifte.citizens.alerts import AlertSpec
from sporskifte.citizens.gaps import GAP_CODES, Gap, find_gaps
from sporskifte.citizens.history import (
    CourseRecord,
    Decision,
    Entry,
    History,
    SpellRecord,
    build_timeline,
)
from sporskifte.citizens.models import Alert, Contact, Course, Household, Person, SicknessSpell
from sporskifte.rules import vocabulary
from sporskifte.rules.means_test import HouseholdFacts


@dataclass(frozen=True)
class Additions:
    """What a room adds to a person's history: decisions, and extension grounds by spell id."""

    decisions: tuple[Decision, ...] = ()
    extension_grounds: dict[str, str] = field(default_factory=dict)


HistorySource = Callable[[Person], Additions]
_sources: dict[str, HistorySource] = {}


def add_history_source(name: str, source: HistorySource) -> None:
    """Let a room add to every person's history (idempotent by `name`)."""
    _sources[name] = source


@dataclass(frozen=True)
class Journey:
    """A person's history, timeline and gaps as of `on`, with the records behind them."""

    person: Person
    on: date
    history: History
    timeline: tuple[Entry, ...]
    gaps: tuple[Gap, ...]
    spells: dict[str, SicknessSpell]
    courses: dict[str, Course]


def _person_filter(person: Person) -> Q:
    return Q(person=person) | Q(person__isnull=True, person_key=person.pseudonym)


def _spell_end(spell: SicknessSpell) -> date | None:
    if not spell.ended or spell.duration_weeks is None:
        return None
    return spell.onset_date + timedelta(days=max(0, round(spell.duration_weeks * 7) - 1))


def _status(value: str) -> vocabulary.EmploymentStatus:
    known = vocabulary.EMPLOYMENT_STATUSES
    return value if value in known else "other"  # type: ignore[return-value]


def _household(person: Person) -> HouseholdFacts | None:
    row = Household.objects.filter(_person_filter(person)).order_by("-as_of_date").first()
    if row is None:
        return None
    try:
        return HouseholdFacts(
            row.civil_status,  # type: ignore[arg-type]
            float(row.own_assets_dkk),
            None if row.spouse_assets_dkk is None else float(row.spouse_assets_dkk),
            float(row.own_monthly_income_dkk),
            None if row.spouse_monthly_income_dkk is None else float(row.spouse_monthly_income_dkk),
            row.children_under_18,
        )
    except ValueError:
        return None  # a civil status the pre-check does not know: no pre-check


def journey(person: Person, on: date | None = None) -> Journey:
    """Read one person's records and build the timeline and the gaps as of `on` (today)."""
    on = on or timezone.localdate()
    spells = {s.spell_id: s for s in SicknessSpell.objects.filter(_person_filter(person))}
    courses = {c.course_id: c for c in Course.objects.filter(_person_filter(person))}
    additions = [source(person) for source in _sources.values()]
    grounds: dict[str, str] = {}
    decisions: list[Decision] = []
    for added in additions:
        grounds.update(added.extension_grounds)
        decisions.extend(added.decisions)
    for c in courses.values():
        if c.next_step and c.next_step_decided_date:
            decisions.append(Decision(c.next_step, c.next_step_decided_date, c.course_id))
    contacts = Contact.objects.filter(person=person).exclude(kind=Contact.Kind.LETTER)
    history = History(
        spells=tuple(
            SpellRecord(
                s.spell_id, s.onset_date, _status(s.employment_status), _spell_end(s),
                s.end_reason or None, grounds.get(s.spell_id) or None,
            )
            for s in spells.values()
        ),
        courses=tuple(
            CourseRecord(
                c.course_id, c.scheme, c.referral_date, c.start_date, c.planned_end_date,
                c.ended_date, c.end_reason or None, c.previous_benefit or None, c.birth_year,
            )
            for c in courses.values()
        ),
        decisions=tuple(decisions),
        contacts=tuple(contacts.values_list("held_on", flat=True)),
        household=_household(person),
    )  # fmt: skip
    return Journey(
        person, on, history, build_timeline(history), find_gaps(history, on), spells, courses
    )


SEVERITY = {
    "gap_limit": Alert.Severity.ERROR,
    "gap_course_end": Alert.Severity.ERROR,
    "gap_means_test": Alert.Severity.ERROR,
    "gap_jaf_2027": Alert.Severity.WARNING,
    "gap_contact": Alert.Severity.WARNING,
}


def alert_specs(found: Journey) -> list[AlertSpec]:
    """The gaps as alerts on the spell or course they sit on."""
    specs = []
    for gap in found.gaps:
        spell = found.spells.get(gap.spell_key or "")
        course = found.courses.get(gap.course_key or "")
        if spell is None and course is None:
            continue
        specs.append(
            AlertSpec(
                code=gap.code,
                message=gap.message[:300],
                rule=gap.rule_text,
                source=gap.source[:500],
                provisional=gap.provisional,
                severity=SEVERITY[gap.code],
                due=gap.due,
                person=found.person,
                spell=spell,
                course=course,
            )
        )
    return specs


def open_gap_alerts(persons: Iterable[Person]) -> Iterable[Alert]:
    """The open gap alerts on these persons' spells and courses."""
    ids = [p.pk for p in persons]
    return Alert.objects.filter(code__in=GAP_CODES, cleared_at__isnull=True, person_id__in=ids)
