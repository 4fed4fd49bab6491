"""The code map of the weekly register: which weekly code means which scheme, by version.

The map is configuration (`register_codes.yaml`, with its sources and status); this module
reads it and hands it out as a small table that every engine joins on: one row per code and
version with the week numbers in which that version is in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd
import yaml

from sporskifte.registers import iso_weeks

CATEGORIES: tuple[str, ...] = (
    "sygedagpenge",
    "dagpenge",
    "kontanthjaelp",
    "ressourceforloeb",
    "jobafklaringsforloeb",
    "revalidering",
    "fleksjob",
    "foertidspension",
    "education",
    "self_support",
    "none",
)
"""Every category a code can mean."""
NOT_A_SCHEME: tuple[str, ...] = ("self_support", "none")
LAST_WEEK_NO = iso_weeks.week_no(209952)
"""Open end of the newest version (a week number far in the future)."""


@dataclass(frozen=True)
class CodeVersion:
    """One version of the map: in force from ISO week `valid_from`, with its source."""

    version: str
    valid_from: int
    provisional: bool
    source: dict[str, str]
    codes: dict[str, str]
    """code -> category"""
    benefit: dict[str, bool]
    """category -> counted as public provision"""
    labels_da: dict[str, str]


@cache
def load() -> tuple[CodeVersion, ...]:
    """Every version of the code map, oldest first (validated on load)."""
    text = resources.files("sporskifte.registers").joinpath("register_codes.yaml").read_text()
    data = yaml.safe_load(text)
    versions = tuple(_version(v) for v in data["versions"])
    starts = [v.valid_from for v in versions]
    if starts != sorted(starts) or len(set(starts)) != len(starts):
        raise ValueError("register_codes.yaml: versions must be in order of valid_from")
    return versions


def _version(raw: dict[str, Any]) -> CodeVersion:
    categories = raw["categories"]
    unknown = set(categories) - set(CATEGORIES)
    missing = set(CATEGORIES) - set(categories)
    if unknown or missing:
        raise ValueError(f"register_codes.yaml {raw['version']}: {unknown=} {missing=}")
    codes: dict[str, str] = {}
    for category, spec in categories.items():
        for code in spec["codes"]:
            if code in codes:
                raise ValueError(f"register_codes.yaml: code {code} in two categories")
            codes[str(code)] = category
    if not iso_weeks.exists(int(raw["valid_from"])):
        raise ValueError(f"register_codes.yaml: valid_from {raw['valid_from']} is not a week")
    return CodeVersion(
        version=str(raw["version"]),
        valid_from=int(raw["valid_from"]),
        provisional=bool(raw["provisional"]),
        source={k: str(v) for k, v in raw["source"].items()},
        codes=codes,
        benefit={c: bool(s["benefit"]) for c, s in categories.items()},
        labels_da={c: str(s["label_da"]) for c, s in categories.items()},
    )


def current() -> CodeVersion:
    """The newest version."""
    return load()[-1]


def all_codes() -> tuple[str, ...]:
    """Every code known to any version, sorted (the contract's allowed values)."""
    return tuple(sorted({code for v in load() for code in v.codes}))


def codes_for(category: str, version: CodeVersion | None = None) -> tuple[str, ...]:
    """The codes meaning `category` in `version` (default: the newest)."""
    chosen = version or current()
    return tuple(sorted(c for c, cat in chosen.codes.items() if cat == category))


def code_map_table() -> pd.DataFrame:
    """One row per (version, code): category, benefit, scheme and the weeks in force.

    `first_week_no` … `last_week_no` (inclusive) are week numbers (`iso_weeks.week_no`).
    """
    versions = load()
    rows = []
    for i, v in enumerate(versions):
        first = iso_weeks.week_no(v.valid_from)
        last = iso_weeks.week_no(versions[i + 1].valid_from) - 1 if i + 1 < len(versions) else 0
        last = last if i + 1 < len(versions) else LAST_WEEK_NO
        for code, category in sorted(v.codes.items()):
            rows.append(
                {
                    "code": code,
                    "category": category,
                    "benefit": v.benefit[category],
                    "scheme": category not in NOT_A_SCHEME,
                    "first_week_no": first,
                    "last_week_no": last,
                    "version": v.version,
                }
            )
    return pd.DataFrame(rows)


def describe() -> dict[str, Any]:
    """Version, status and source of the newest map (for manifests and model cards)."""
    v = current()
    return {"version": v.version, "provisional": v.provisional, "source": v.source}
