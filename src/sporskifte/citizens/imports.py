"""Import register files into the database: validated whole first, then written in one
transaction, idempotent (the same file twice changes nothing).

The validation is `sporskifte.registers` (the contracts as code); this module only maps
validated rows onto the models and upserts them by their key.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import OperationalError, models, transaction

from sporskifte.accounts.permissions import Perm, require
from sporskifte.audit.actions import is_system
from sporskifte.audit.log import log
from sporskifte.citizens.models import Course, Household, Person, SicknessSpell
from sporskifte.citizens.signals import data_imported
from sporskifte.registers import ValidationResult, read_table
from sporskifte.registers.readers import Limits

Progress = Callable[[int], None]
ProgressFactory = Callable[[str, int], Progress]
"""Called once per table with (table, rows to write); returns a function advanced per batch."""


@dataclass(frozen=True)
class Target:
    model: type[models.Model]
    key: str  # the model field holding the table's key
    renamed: dict[str, str] = field(default_factory=dict)  # contract column -> model field


TARGETS: dict[str, Target] = {
    "sickness_spells": Target(SicknessSpell, "spell_id", {"person_id": "person_key"}),
    "courses": Target(Course, "course_id", {"person_id": "person_key", "team": "team_name"}),
    "households": Target(Household, "person_key", {"person_id": "person_key"}),
}
BATCH = 2000


@dataclass
class ImportSummary:
    table: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


class ImportRejected(Exception):
    """A file broke its contract; nothing was written. `results` holds every report."""

    def __init__(self, results: dict[str, ValidationResult]) -> None:
        self.results = results
        failed = ", ".join(name for name, result in results.items() if not result.ok)
        super().__init__(f"rejected: {failed}")


class ImportBusy(RuntimeError):
    """The database stayed busy with another writer past the busy timeout and retries."""


BUSY_RETRIES = 3
BUSY_MESSAGE = (
    "Databasen er optaget af en anden skrivning; indlæsningen er prøvet {tries} gange uden "
    "at blive skrevet (intet er ændret). Prøv igen om lidt."
)


def limits() -> Limits:
    """The configured bounds on a register file (`IMPORT_MAX_MB`, `IMPORT_MAX_ROWS`)."""
    return Limits(
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_rows=settings.IMPORT_MAX_ROWS,
        max_per_rule=settings.IMPORT_REPORT_MAX_PER_RULE,
    )


def validate_files(files: dict[str, Path], lang: str = "da") -> dict[str, ValidationResult]:
    """Validate every file against its contract (all of them, before anything is written)."""
    bounds = limits()
    return {
        table: read_table(path, table, lang=lang, limits=bounds) for table, path in files.items()
    }


def import_files(
    actor: Any,
    files: dict[str, Path],
    *,
    lang: str = "da",
    progress: ProgressFactory | None = None,
) -> list[ImportSummary]:
    """Validate all files, then write them all in one transaction, or nothing at all.

    `actor` is a user (checked for the import permission) or a `SystemActor` (the command
    line, the demo set-up).
    """
    if not is_system(actor):
        require(actor, Perm.DATA_IMPORT)
    results = validate_files(files, lang)
    if not all(result.ok for result in results.values()):
        raise ImportRejected(results)
    frames = {table: result.frame for table, result in results.items()}
    for attempt in range(1, BUSY_RETRIES + 1):
        try:
            return _write(actor, files, frames, results, lang, progress)
        except OperationalError as exc:  # SQLite: another writer held the lock past the timeout
            if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                raise
            if attempt == BUSY_RETRIES:
                raise ImportBusy(BUSY_MESSAGE.format(tries=attempt)) from exc
            time.sleep(attempt)
    raise AssertionError("unreachable")


def _write(
    actor: Any,
    files: dict[str, Path],
    frames: dict[str, Any],
    results: dict[str, ValidationResult],
    lang: str,
    progress: ProgressFactory | None,
) -> list[ImportSummary]:
    with transaction.atomic():
        summaries = [
            _upsert(table, frame, progress(table, len(frame)) if progress else None)
            for table, frame in frames.items()
            if frame is not None
        ]
        for summary in summaries:
            summary.warnings = [p.message(lang) for p in results[summary.table].warnings]
            log(
                "data.import",
                actor=actor,
                label=f"{summary.table}: {files[summary.table].name}",
                detail=summary.as_dict(),
            )
        tables = tuple(summary.table for summary in summaries)
        transaction.on_commit(
            lambda: data_imported.send(sender=None, tables=tables, actor=actor), robust=True
        )
    return summaries


def _upsert(table: str, frame: pd.DataFrame, progress: Progress | None) -> ImportSummary:
    target = TARGETS[table]
    summary = ImportSummary(table=table, rows=len(frame))
    persons = dict(Person.objects.values_list("pseudonym", "pk"))
    for chunk in _records(frame, target, persons):
        keys = [record[target.key] for record in chunk]
        existing = target.model._default_manager.in_bulk(keys, field_name=target.key)
        new, changed, fields = _diff(chunk, existing, target)
        target.model._default_manager.bulk_create(new, batch_size=BATCH)
        if changed:
            target.model._default_manager.bulk_update(changed, sorted(fields), batch_size=BATCH)
        summary.created += len(new)
        summary.updated += len(changed)
        summary.unchanged += len(chunk) - len(new) - len(changed)
        if progress:
            progress(len(chunk))
    return summary


def _diff(
    chunk: list[dict[str, Any]],
    existing: dict[Any, Any],
    target: Target,
) -> tuple[list[models.Model], list[models.Model], set[str]]:
    new, changed, fields = [], [], set()
    for record in chunk:
        current = existing.get(record[target.key])
        if current is None:
            new.append(target.model(**record))
            continue
        differing = [name for name, value in record.items() if getattr(current, name) != value]
        if differing:
            for name in differing:
                setattr(current, name, record[name])
            fields.update(differing)
            changed.append(current)
    return new, changed, fields


def _records(
    frame: pd.DataFrame,
    target: Target,
    persons: dict[str, int],
) -> Iterator[list[dict[str, Any]]]:
    names = {field.name for field in target.model._meta.get_fields()}
    columns = [c for c in frame.columns if target.renamed.get(c, c) in names]
    blank_ok = {
        f.name
        for f in target.model._meta.get_fields()
        if isinstance(f, models.CharField) and f.blank
    }
    rows = frame[columns].astype(object).itertuples(index=False, name=None)
    chunk: list[dict[str, Any]] = []
    for values in rows:
        record = {
            target.renamed.get(c, c): _python(v) for c, v in zip(columns, values, strict=True)
        }
        for name in blank_ok:
            if record.get(name) is None and name in record:
                record[name] = ""
        record["person_id"] = persons.get(record["person_key"])
        chunk.append(record)
        if len(chunk) == BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _python(value: Any) -> Any:
    """A pandas cell as the plain Python value the model field holds."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp | datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value
