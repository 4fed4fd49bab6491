"""The parameter periods as the Lovgrundlag page shows them, with their sign-off status."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sporskifte.lib import danish
from sporskifte.lib.danish import dato
from sporskifte.rules.params import Param, load_params

UNIT_LABELS: dict[str, str] = {
    "dkk": "kr.", "dkk_per_month": "kr. pr. måned", "days": "dage", "weeks": "uger",
    "months": "måneder", "years": "år", "share": "", "count": "", "date": "", "flag": "",
    "code": "", "codes": "",
}  # fmt: skip
CURRENT, STALE, UNREVIEWED = "current", "stale", "unreviewed"


def fingerprint(p: Param) -> str:
    """SHA-256 of everything a lawyer signs off on: dates, value, rule, source, kind, mark."""
    content = [p.key, p.valid_from, p.valid_to, p.value, p.rule, p.source, p.kind,
               p.provisional, p.note]  # fmt: skip
    return hashlib.sha256(json.dumps(content, default=str).encode()).hexdigest()


def value_text(p: Param) -> str:
    """The value in Danish for a reader: '15.500 kr.', '22 uger', 'ja', 'ukendt'."""
    value = p.value
    if value is None:
        return "ukendt (ikke fundet i kilderne)"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return dato(value)
    if p.unit == "share":
        return f"{value * 100:g} %".replace(".", ",")
    if isinstance(value, int | float) and p.unit in ("dkk", "dkk_per_month"):
        return f"{danish.number(round(value))} {UNIT_LABELS[p.unit]}"
    unit = UNIT_LABELS.get(p.unit, "")
    return f"{value} {unit}".strip()


@dataclass(frozen=True)
class Row:
    """One parameter period on the page."""

    param: Param
    area: str
    value: str
    status: str
    signoff: Any  # the latest Signoff or None


def find_period(key: str, valid_from: date) -> Param | None:
    """The period of `key` that starts on `valid_from`, or None."""
    if key not in load_params():
        return None
    return next((p for p in load_params().history(key) if p.valid_from == valid_from), None)


def rows(on: date, signoffs: Iterable[Any]) -> list[Row]:
    """Every parameter in force on `on`, with the latest sign-off of its period."""
    latest: dict[tuple[str, date], Any] = {}
    for s in signoffs:  # newest first
        latest.setdefault((s.key, s.valid_from), s)
    out = []
    for key, p in sorted(load_params().at(on).items()):
        s = latest.get((key, p.valid_from))
        status = (
            UNREVIEWED if s is None else (CURRENT if s.fingerprint == fingerprint(p) else STALE)
        )
        out.append(Row(p, key.split(".", 1)[0], value_text(p), status, s))
    return out
