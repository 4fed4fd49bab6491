"""Retention: the dated periods (retention.yaml) and the deletion job with its dry-run report.

Every deletion is one audit entry (the case, the letter, the person; for the audit log
itself one entry with the count, the cut-off and the id range). Nothing is deleted that is
not yet covered by an archival version (`RETENTION_ARCHIVED_THROUGH`), and audit entries
younger than the AI Act's six months cannot be deleted at all (the database refuses it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml
from django.conf import settings
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from sporskifte.audit.actions import system
from sporskifte.audit.log import log

ACTOR = system("opbevaringsfrist")


class RetentionConfigError(ValueError):
    """retention.yaml is malformed or breaks a legal floor."""


@dataclass(frozen=True)
class Period:
    category: str
    valid_from: date
    years: int
    status: str
    sources: tuple[str, ...]

    def cutoff(self, today: date) -> date:
        """Records whose counting date is before this are past their period."""
        try:
            return today.replace(year=today.year - self.years)
        except ValueError:  # 29 February
            return today.replace(year=today.year - self.years, day=28)


@cache
def _raw() -> dict[str, Any]:
    text = resources.files("sporskifte.ops").joinpath("retention.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise RetentionConfigError("retention.yaml must be a mapping of categories")
    return data


def period(category: str, on: date, table: dict[str, Any] | None = None) -> Period:
    """The period for `category` in force on `on` (from retention.yaml, or `table`)."""
    entry = (table if table is not None else _raw()).get(category)
    if not entry:
        raise RetentionConfigError(f"retention.yaml has no category {category!r}")
    candidates = sorted(
        (p for p in entry["periods"] if p["valid_from"] <= on), key=lambda p: p["valid_from"]
    )
    if not candidates:
        raise RetentionConfigError(f"{category}: no retention period in force on {on}")
    chosen = candidates[-1]
    years = int(chosen["years"])
    floor = entry.get("minimum_months")
    if floor is not None and years * 12 < int(floor):
        raise RetentionConfigError(
            f"{category}: {years} years is below the legal minimum of {floor} months"
        )
    if not chosen.get("sources"):
        raise RetentionConfigError(
            f"{category}: the period from {chosen['valid_from']} has no source"
        )
    return Period(
        category, chosen["valid_from"], years, str(chosen.get("status", "")),
        tuple(chosen["sources"]),
    )  # fmt: skip


def categories() -> dict[str, dict[str, Any]]:
    """Every category with its label and all its dated periods (for the docs and the page)."""
    return _raw()


@dataclass
class Found:
    category: str
    period: Period
    cutoff: date
    ids: list[str] = field(default_factory=list)
    held_for_archive: int = 0


@dataclass
class RetentionReport:
    today: date
    dry_run: bool
    archived_through: date | None
    found: list[Found]

    def summary(self) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        parts = [f"{len(f.ids)} {f.category}" for f in self.found]
        held = sum(f.held_for_archive for f in self.found)
        return f"{verb} " + ", ".join(parts) + (f"; {held} held until archived" if held else "")

    def as_detail(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "archived_through": self.archived_through.isoformat()
            if self.archived_through
            else None,
            "categories": {
                f.category: {
                    "count": len(f.ids),
                    "cutoff": f.cutoff.isoformat(),
                    "rule_from": f.period.valid_from.isoformat(),
                    "years": f.period.years,
                    "held_for_archive": f.held_for_archive,
                }
                for f in self.found
            },
        }


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _within_archive(queryset: Any, field: str, cutoff: date, archived: date | None) -> Any:
    """The part of `queryset` past `cutoff` that an archival version already covers
    (`RETENTION_ARCHIVED_THROUGH`; with nothing archived, nothing)."""
    if archived is None:
        return queryset.none()
    limit = min(cutoff, archived + timedelta(days=1))
    return queryset.filter(**{f"{field}__lt": _aware(limit)})


def _case_files(today: date, archived: date | None, dry_run: bool) -> Found:
    from sporskifte.citizens.models import Contact, SicknessSpell
    from sporskifte.sickness.models import SpellCase

    rule = period("case_file", today)
    cutoff = rule.cutoff(today)
    past = SpellCase.objects.filter(closed_at__lt=_aware(cutoff))
    chosen = _within_archive(past, "closed_at", cutoff, archived)
    found = Found("case_file", rule, cutoff, held_for_archive=past.count() - chosen.count())
    for case in chosen.select_related("spell").order_by("closed_at"):
        found.ids.append(str(case.pk))
        if dry_run:
            continue
        with transaction.atomic():
            _log_deletion(case, rule, {"closed": timezone.localdate(case.closed_at).isoformat()})
            spell = case.spell
            Contact.objects.filter(spell=spell).delete()
            case.delete()
            SicknessSpell.objects.filter(pk=spell.pk).delete()
    return found


def _letters(today: date, archived: date | None, dry_run: bool) -> Found:
    from sporskifte.transition.models import Letter

    rule = period("letter", today)
    cutoff = rule.cutoff(today)
    past = Letter.objects.filter(created_at__lt=_aware(cutoff))
    chosen = _within_archive(past, "created_at", cutoff, archived)
    found = Found("letter", rule, cutoff, held_for_archive=past.count() - chosen.count())
    for letter in chosen.order_by("created_at").only("pk", "created_at", "filename"):
        found.ids.append(str(letter.pk))
        if not dry_run:
            with transaction.atomic():
                _log_deletion(
                    letter, rule, {"made": timezone.localdate(letter.created_at).isoformat()}
                )
                letter.delete()
    return found


def _persons(today: date, archived: date | None, dry_run: bool) -> Found:
    """Persons whose record has not changed within the period and who have nothing left."""
    from sporskifte.citizens.models import Person

    rule = period("person", today)
    cutoff = rule.cutoff(today)
    past = Person.objects.filter(updated__lt=_aware(cutoff))
    chosen = _within_archive(past, "updated", cutoff, archived)
    found = Found("person", rule, cutoff, held_for_archive=past.count() - chosen.count())
    for person in chosen.order_by("pk"):
        if not _holds_nothing(person):
            continue
        found.ids.append(str(person.pk))
        if dry_run:
            continue
        try:
            with transaction.atomic():
                _log_deletion(person, rule, {})
                person.delete()
        except ProtectedError:
            found.ids.pop()
    return found


def _holds_nothing(person: Any) -> bool:
    from sporskifte.citizens.models import Contact, Course, SicknessSpell

    return not (
        SicknessSpell.objects.filter(person=person).exists()
        or Course.objects.filter(person=person).exists()
        or Contact.objects.filter(person=person).exists()
        or person.letters.exists()
        or person.course_grants.exists()
    )


def _audit_log(today: date, dry_run: bool) -> Found:
    """Audit entries past their period. The log is not subject to the archive hold: it is
    the system's own record of use, not a case document."""
    from sporskifte.audit.models import LogEntry

    rule = period("audit_log", today)
    cutoff = rule.cutoff(today)
    old = LogEntry.objects.filter(timestamp__lt=_aware(cutoff))
    found = Found("audit_log", rule, cutoff)
    ids = list(old.order_by("id").values_list("id", flat=True))
    found.ids = [str(i) for i in ids]
    if ids and not dry_run:
        with transaction.atomic():
            delete_audit_entries_before(_aware(cutoff))
            log(
                "retention.audit_log",
                actor=ACTOR,
                label=f"Revisionslog før {cutoff.isoformat()}",
                detail={
                    "deleted": len(ids), "first_id": ids[0], "last_id": ids[-1],
                    "cutoff": cutoff.isoformat(), "rule_from": rule.valid_from.isoformat(),
                },
            )  # fmt: skip
    return found


def delete_audit_entries_before(cutoff: datetime) -> int:
    """The one way to delete audit entries: past their period only. On PostgreSQL the
    append-only trigger lets a DELETE through only inside this transaction's retention flag
    and only for rows older than six months (migration ops 0002)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('sporskifte.audit_retention', 'on', true)")
        cursor.execute("DELETE FROM audit_logentry WHERE timestamp < %s", [cutoff])
        return cursor.rowcount


def _log_deletion(obj: Any, rule: Period, detail: dict[str, Any]) -> None:
    log(
        "retention.delete",
        actor=ACTOR,
        obj=obj,
        detail={
            "category": rule.category, "rule_from": rule.valid_from.isoformat(),
            "years": rule.years, **detail,
        },
    )  # fmt: skip


def apply_retention(dry_run: bool = True, today: date | None = None) -> RetentionReport:
    """Find (and unless `dry_run`, delete) everything past its retention period."""
    today = today or timezone.localdate()
    archived = settings.RETENTION_ARCHIVED_THROUGH
    found = [
        _case_files(today, archived, dry_run),
        _letters(today, archived, dry_run),
        _audit_log(today, dry_run),
    ]
    found.append(_persons(today, archived, dry_run))
    return RetentionReport(today, dry_run, archived, found)
