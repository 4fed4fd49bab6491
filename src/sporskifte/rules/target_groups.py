"""Target groups (målgrupper): today's 13 (LAB § 6) and the reform's 5 (expected 1 Jan 2027).

`target_group(situation, on)` first places the person in one of today's 13 groups from their
benefit, age, education and readiness; if the reform structure is in force on `on` (parameter
`target_groups.structure`), the dated mapping in `target_groups.yaml` carries them to one of
the 5 new groups. The new names are the expert group's (provisional: the law's names were not
found), and so are the mapping rows.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.params import load_params
from sporskifte.rules.params.loader import SourceSpec

DATA_FILE = Path(__file__).with_name("target_groups.yaml")
OUTSIDE = "udenfor_maalgrupperne"

BENEFITS: frozenset[str] = frozenset(
    {
        "dagpenge", "kontanthjaelp", "uddannelseshjaelp", "sygedagpenge",
        "jobafklaringsforloeb", "ressourceforloeb", "ledighedsydelse", "fleksjob",
        "tilskud_selvstaendig", "revalidering", "foertidspension", "none",
    }
)  # fmt: skip
READINESS: frozenset[str] = frozenset({"jobparat", "aktivitetsparat", "uddannelsesparat"})

_BY_BENEFIT = {
    "dagpenge": "dagpenge",
    "sygedagpenge": "sygedagpenge",
    "jobafklaringsforloeb": "jobafklaringsforloeb",
    "ressourceforloeb": "ressourceforloeb",
    "ledighedsydelse": "fleksjob_ledighedsydelse",
    "fleksjob": "fleksjob_ledighedsydelse",
    "tilskud_selvstaendig": "fleksjob_ledighedsydelse",
    "revalidering": "revalidering",
    "foertidspension": "foertidspension",
}


class TargetGroupDataError(ValueError):
    """target_groups.yaml is malformed; the message names the problem."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GroupSpec(_Strict):
    """One target group of a structure."""

    code: str = Field(pattern=r"^[a-z0-9_]+$")
    number: int
    name: str = Field(min_length=1)


class StructureSpec(_Strict):
    """A set of target groups with its source."""

    source: SourceSpec
    provisional: bool
    groups: list[GroupSpec] = Field(min_length=1)


class MappingRow(_Strict):
    """One old group -> new group row."""

    old: str
    new: str
    provisional: bool
    note: str | None = None


class MappingSpec(_Strict):
    """The mapping from one structure to the next, with its source."""

    from_: str = Field(alias="from")
    to: str
    source: SourceSpec
    rows: list[MappingRow]


class TargetGroupData(_Strict):
    """The whole data file; the mapping must cover every old group with known codes."""

    structures: dict[str, StructureSpec]
    mapping: MappingSpec

    @model_validator(mode="after")
    def _complete(self) -> TargetGroupData:
        m = self.mapping
        for name in (m.from_, m.to):
            if name not in self.structures:
                raise ValueError(f"mapping refers to unknown structure '{name}'")
        old = {g.code for g in self.structures[m.from_].groups}
        new = {g.code for g in self.structures[m.to].groups}
        mapped = [r.old for r in m.rows]
        problems = [f"unknown old group '{r.old}'" for r in m.rows if r.old not in old]
        problems += [f"unknown new group '{r.new}'" for r in m.rows if r.new not in new]
        problems += [f"old group '{c}' is not mapped" for c in sorted(old - set(mapped))]
        problems += [f"old group '{c}' mapped twice" for c in set(mapped) if mapped.count(c) > 1]
        if problems:
            raise ValueError("; ".join(problems))
        return self


def load_target_group_data(path: Path = DATA_FILE) -> TargetGroupData:
    """Read and validate the target-group data (clear error naming the file and problem)."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        return TargetGroupData.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise TargetGroupDataError(f"{path.name}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Situation:
    """What decides a person's target group. `benefit` is one of BENEFITS ('none' = no
    public benefit); `readiness` is needed for kontanthjælp/uddannelseshjælp; `has_education`
    means a vocational qualifying education (matters under 30)."""

    benefit: str
    age: int
    readiness: str | None = None
    has_education: bool = False
    integration_programme: bool = False

    def __post_init__(self) -> None:
        if self.benefit not in BENEFITS:
            raise ValueError(f"benefit must be one of {sorted(BENEFITS)}, got {self.benefit!r}")
        if self.readiness is not None and self.readiness not in READINESS:
            raise ValueError(
                f"readiness must be one of {sorted(READINESS)}, got {self.readiness!r}"
            )
        if self.benefit in ("kontanthjaelp", "uddannelseshjaelp") and self.readiness is None:
            raise ValueError("readiness is required for kontanthjaelp/uddannelseshjaelp")

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Situation:
        """Build from a JSON-like mapping; unknown keys are an error."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown field(s) {unknown}; expected some of {sorted(known)}")
        return cls(**data)


@dataclass(frozen=True, slots=True)
class _Tables:
    data: TargetGroupData
    names: dict[str, str]
    mapping: dict[str, tuple[str, Reason]]
    lab_reason: Reason


@functools.cache
def _tables() -> _Tables:
    data = load_target_group_data()
    names = {g.code: g.name for s in data.structures.values() for g in s.groups}
    m = data.mapping
    mapping = {
        r.old: (
            r.new,
            Reason(
                f"Målgruppe '{names[r.old]}' overgår til '{names[r.new]}'"
                + (f" ({r.note})." if r.note else "."),
                f"{m.source.law}, {m.source.section}",
                m.source.url,
                r.provisional,
            ),
        )
        for r in m.rows
    }
    lab = data.structures["lab_13"]
    lab_reason = Reason("", f"{lab.source.law} {lab.source.section}", lab.source.url, False)
    return _Tables(data, names, mapping, lab_reason)


def group_name(code: str) -> str:
    """Danish name of a group code (any structure)."""
    return _tables().names.get(code, code)


def _kontanthjaelp_group(s: Situation) -> str:
    young = s.age < 30 and not s.has_education
    if young:
        return "aktivitetsparat_unge" if s.readiness == "aktivitetsparat" else "uddannelsesparat"
    return (
        "aktivitetsparat_kontanthjaelp"
        if s.readiness == "aktivitetsparat"
        else ("jobparat_kontanthjaelp")
    )


def lab_group(situation: Situation) -> str:
    """Today's group (one of 13) or OUTSIDE for the integration programme."""
    s = situation
    if s.integration_programme:
        return OUTSIDE
    if s.benefit in _BY_BENEFIT:
        return _BY_BENEFIT[s.benefit]
    if s.benefit in ("kontanthjaelp", "uddannelseshjaelp"):
        return _kontanthjaelp_group(s)
    return "unge_under_18" if s.age < 18 else "selvforsoergende"


def target_group(situation: Situation | Mapping[str, Any], on: date) -> Answer[str]:
    """The person's target-group code under the structure in force on `on`, with reasons."""
    s = situation if isinstance(situation, Situation) else Situation.from_mapping(situation)
    tables = _tables()
    structure = load_params().at(on)["target_groups.structure"]
    old = lab_group(s)
    if old == OUTSIDE:
        r = tables.lab_reason
        text = "Personer i integrationslovens introduktionsprogram er uden for målgrupperne."
        return Answer(OUTSIDE, (Reason(text, r.rule, r.source, False),))
    lab = tables.lab_reason
    old_reason = Reason(f"Målgruppe i dag: {group_name(old)}.", lab.rule, lab.source, False)
    if structure.value == "lab_13":
        return Answer(old, (structure.reason("De 13 målgrupper gælder."), old_reason))
    new, map_reason = tables.mapping[old]
    text = "De 5 nye målgrupper gælder (navne fra ekspertgruppen; lovens navne ikke fundet)."
    return Answer(new, (structure.reason(text), old_reason, map_reason))
