"""Actions over many cases at once: the daily alert check, and opening cases for the open
spells that arrived in a register file (the demo, the benchmark, a municipality's backlog).

Both load what they need in a few queries and compute in Python (the rules are fast), so
tens of thousands of cases take seconds, not minutes.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Min, QuerySet

from sporskifte.accounts.permissions import Perm, require
from sporskifte.audit.actions import is_system
from sporskifte.audit.log import log
from sporskifte.citizens.alerts import AlertSpec, sync_alerts
from sporskifte.citizens.models import Alert, Contact, SicknessSpell
from sporskifte.sickness import law, screener
from sporskifte.sickness.actions import CONVERSATION_KINDS, today
from sporskifte.sickness.models import ContactDue, Review, Screening, SpellCase

CHUNK = 2000


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _earlier_spells(keys: list[str]) -> dict[str, list[SicknessSpell]]:
    earlier: dict[str, list[SicknessSpell]] = defaultdict(list)
    fields = ("person_key", "onset_date", "employment_status", "duration_weeks", "ended")
    for chunk in _chunks(keys):
        rows = SicknessSpell.objects.filter(person_key__in=chunk, ended=True).only(*fields)
        for spell in rows:
            earlier[spell.person_key].append(spell)
    return earlier


def _first_conversations(case_ids: list[int]) -> dict[int, date]:
    firsts: dict[int, date] = {}
    for chunk in _chunks(case_ids):
        rows = (
            Contact.objects.filter(spell_id__in=chunk, kind__in=CONVERSATION_KINDS)
            .values("spell_id")
            .annotate(first=Min("held_on"))
        )
        firsts.update({row["spell_id"]: row["first"] for row in rows})
    return firsts


def _overdue(case_ids: list[int], on: date) -> dict[int, list[ContactDue]]:
    late: dict[int, list[ContactDue]] = defaultdict(list)
    for chunk in _chunks(case_ids):
        rows = ContactDue.objects.filter(
            case_id__in=chunk, status=ContactDue.Status.PLANNED, legal=True, deadline__lt=on
        )
        for due in rows:
            late[due.case_id].append(due)
    return late


def _specs(cases: list[SpellCase], on: date) -> list[AlertSpec]:
    ids = [case.pk for case in cases]
    earlier = _earlier_spells(sorted({case.spell.person_key for case in cases}))
    firsts, late = _first_conversations(ids), _overdue(ids, on)
    specs: list[AlertSpec] = []
    for case in cases:
        spell, screening = case.spell, case.current_screening
        prior = law.prior_periods(earlier.get(spell.person_key, ()), spell.onset_date)
        a = law.assess(case, spell, on, first_conversation=firsts.get(case.pk), prior=prior)
        review = getattr(screening, "review", None) if screening else None
        inputs = law.AlertInputs(
            case,
            spell,
            a.fu,
            a.clock,
            review.state if review else None,
            bool(screening and screening.flag_high_risk_exempt),
            screening.p_long if screening else None,
            late.get(case.pk, []),
        )
        specs.extend(law.alert_specs(inputs, on))
    return specs


def _open_cases(cases: QuerySet[SpellCase] | None) -> list[SpellCase]:
    found = cases if cases is not None else SpellCase.objects.all()
    return list(
        found.filter(closed_at__isnull=True).select_related(
            "spell", "person", "current_screening", "current_screening__review"
        )
    )


@transaction.atomic
def refresh_alerts(
    actor: Any, on: date | None = None, cases: QuerySet[SpellCase] | None = None
) -> tuple[int, int]:
    """The daily check: open the alerts that have become true, clear those no longer true.
    Returns (raised, cleared). `actor` is a user with case access, or a `SystemActor`."""
    if not is_system(actor):
        require(actor, Perm.CASE_VIEW)
    day = on or today()
    open_cases = _open_cases(cases)
    scope = Alert.objects.filter(code__in=law.ALERT_CODES, cleared_at__isnull=True)
    if cases is not None:
        scope = scope.filter(spell_id__in=cases.values("pk"))
    raised, cleared = sync_alerts(_specs(open_cases, day), codes=law.ALERT_CODES, scope=scope)
    log(
        "alerts.refresh",
        actor=actor,
        label="Advarsler for sygedagpengesager",
        detail={
            "cases": len(open_cases),
            "raised": raised,
            "cleared": cleared,
            "on": day.isoformat(),
        },
    )
    return raised, cleared


# --------------------------------------------------------------------------- register backlog


def _new_cases(spells: list[SicknessSpell], day: date) -> list[SpellCase]:
    cases = [
        SpellCase(
            spell=spell,
            person=spell.person,
            opened_via=SpellCase.Via.REGISTER,
            opened_on=day,
            receipt_token=secrets.token_urlsafe(24),
            employer_token=secrets.token_urlsafe(24),
        )
        for spell in spells
    ]
    SpellCase.objects.bulk_create(cases, batch_size=CHUNK)
    return cases


def _screen_by_team(cases: list[SpellCase], rows: list[dict[str, Any]], day: date) -> list[Any]:
    """Screen each team's cases with the threshold fitted to that team's capacity."""
    by_team: dict[int | None, list[int]] = defaultdict(list)
    for i, case in enumerate(cases):
        by_team[case.person.team_id].append(i)
    results: list[Any] = [None] * len(cases)
    for team_id, index in by_team.items():
        found = screener.screen_rows([rows[i] for i in index], day, team_id)
        for i, result in zip(index, found, strict=True):
            results[i] = result
    return results


def _new_screenings(cases: list[SpellCase], day: date) -> list[Screening]:
    rows = [screener.spell_row(case.spell) for case in cases]
    results = _screen_by_team(cases, rows, day)
    screenings = [
        Screening(
            case=case,
            screened_on=day,
            trigger=Screening.Trigger.REGISTER,
            mode=r.mode,
            model_version=r.model_version or "",
            p_long=r.p_long,
            median_weeks=r.median_weeks,
            baseline=r.baseline,
            proposed_track=r.track,
            exempt=r.exempt,
            flag_high_risk_exempt=r.flag_high_risk_exempt,
            inputs=row,
            contributions=screener.contributions_json(r),
            reasons=screener.reasons_json(r),
        )
        for case, row, r in zip(cases, rows, results, strict=True)
    ]
    Screening.objects.bulk_create(screenings, batch_size=500)
    Review.objects.bulk_create(
        [Review(screening=s, proposed_track=s.proposed_track) for s in screenings],
        batch_size=CHUNK,
    )
    return screenings


def _due(case: SpellCase, item: law.PlanItem) -> ContactDue:
    return ContactDue(
        case=case,
        key=item.key,
        kind=item.kind,
        due=item.due,
        deadline=item.deadline,
        legal=item.legal,
        reason=item.reason.text[:400],
        rule=item.reason.rule[:200],
        source=item.reason.source[:500],
        provisional=item.reason.provisional,
    )


def _plans(cases: list[SpellCase], day: date) -> None:
    dues: list[ContactDue] = []
    for case in cases:
        a = law.assess(case, case.spell, day)
        items = law.contact_plan(case, case.spell, a.fu, case.track, day)
        dues.extend(_due(case, item) for item in items)
        case.next_due = min((item.due for item in items), default=None)
    ContactDue.objects.bulk_create(dues, batch_size=CHUNK)


@transaction.atomic
def open_cases_from_register(
    actor: Any, spells: QuerySet[SicknessSpell], on: date | None = None
) -> int:
    """Open a case, screen and plan for every open spell (with a known person) that has no
    case yet. Returns how many were opened; the reviews await caseworkers as usual."""
    if getattr(actor, "is_authenticated", False):
        require(actor, Perm.CASE_OPEN)
    day = on or today()
    todo = list(
        spells.filter(ended=False, person__isnull=False, case__isnull=True).select_related("person")
    )
    if not todo:
        return 0
    cases = _new_cases(todo, day)
    screenings = _new_screenings(cases, day)
    for case, screening in zip(cases, screenings, strict=True):
        case.current_screening, case.track = screening, screening.proposed_track
    _plans(cases, day)
    SpellCase.objects.bulk_update(cases, ["current_screening", "track", "next_due"], CHUNK)
    log(
        "spell.open_register",
        actor=actor,
        label="Åbne forløb fra registerindlæsning",
        detail={"opened": len(cases), "on": day.isoformat()},
    )
    refresh_alerts(actor, day, SpellCase.objects.filter(pk__in=[c.pk for c in cases]))
    return len(cases)
