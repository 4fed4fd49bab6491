"""Raise and clear alerts. A check computes which alerts should be open now (each naming its
rule); `sync_alerts` opens the missing ones and clears those no longer true, idempotently."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from sporskifte.citizens.models import Alert, Course, Person, SicknessSpell


@dataclass(frozen=True)
class AlertSpec:
    """What a check says should be open: one alert on one spell or course."""

    code: str
    message: str
    rule: str
    source: str = ""
    provisional: bool = False
    severity: str = Alert.Severity.WARNING
    due: date | None = None
    person: Person | None = None
    spell: SicknessSpell | None = None
    course: Course | None = None

    @property
    def key(self) -> tuple[str, int | None, int | None]:
        return (
            self.code,
            self.spell.pk if self.spell else None,
            self.course.pk if self.course else None,
        )


_WORDING = ("message", "rule", "source", "provisional", "severity", "due")


def _reword(alert: Alert, spec: AlertSpec) -> None:
    """An open alert follows its situation: 'nås 3. marts' becomes 'blev nået 3. marts'."""
    changed = [f for f in _WORDING if getattr(alert, f) != getattr(spec, f)]
    if changed:
        for name in changed:
            setattr(alert, name, getattr(spec, name))
        alert.save(update_fields=changed)


@transaction.atomic
def sync_alerts(
    wanted: Iterable[AlertSpec],
    *,
    codes: Iterable[str],
    scope: Iterable[Alert] | None = None,
    reason: str = "Forholdet er løst",
) -> tuple[int, int]:
    """Make the open alerts with these `codes` (within `scope`) equal to `wanted`.

    Returns (raised, cleared). `scope` limits which open alerts may be cleared (e.g. the
    alerts of one spell when re-checking that spell); by default all open alerts with `codes`.
    """
    wanted_by_key = {spec.key: spec for spec in wanted}
    open_alerts = (
        scope
        if scope is not None
        else Alert.objects.filter(code__in=list(codes), cleared_at__isnull=True)
    )
    current = {(a.code, a.spell_id, a.course_id): a for a in open_alerts}
    cleared = 0
    for key, alert in current.items():
        if key not in wanted_by_key:
            alert.cleared_at, alert.cleared_reason = timezone.now(), reason
            alert.save(update_fields=["cleared_at", "cleared_reason"])
            cleared += 1
        else:
            _reword(alert, wanted_by_key[key])
    new = [
        Alert(
            code=s.code,
            message=s.message,
            rule=s.rule,
            source=s.source,
            provisional=s.provisional,
            severity=s.severity,
            due=s.due,
            person=s.person,
            spell=s.spell,
            course=s.course,
        )
        for key, s in wanted_by_key.items()
        if key not in current
    ]
    Alert.objects.bulk_create(new)
    return len(new), cleared
