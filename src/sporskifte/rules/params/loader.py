"""Load, validate and query the dated parameters in `rules/params/*.yaml`.

File format (one file per area; every key starts with the file's stem, e.g. `sickness.`)::

    sickness.limit_weeks:
      description: Varighedsbegrænsning ...
      unit: weeks
      periods:
        - valid_from: 2014-07-01
          valid_to: null            # inclusive last day; omit or null while in force
          value: 22
          provisional: false
          source: {law: Sygedagpengeloven, section: "§ 24, stk. 1", url: https://..., kind: law}
          note: optional free text (why a date or value is what it is)

`source.kind` says what the value rests on: a primary source (`law` = the law text,
`bekendtgoerelse`, `vejledning` = the agency's guidance incl. STAR's published answers,
`ankestyrelsen` = a principle decision, `forarbejder` = the bill and its remarks) or a
`secondary` one (a municipality's, union's or publisher's summary). `placeholder` marks a value
nobody has found a source for; the test suite forbids it in force. A period whose value is not
known at all says `value: null`; it must be provisional and explain itself in `note`, and the
rules then answer "uncertain" instead of guessing. A provisional period's `note` states the
assumption in Danish: the Lovgrundlag page and `sporskifte rules show` show it to users.

Validation (pydantic, at load time only): unknown fields, a missing source or kind, a value of
the wrong type for its unit, an unknown value that is not provisional or has no note,
`valid_to` before `valid_from` and overlapping periods are errors. Each error names the file,
the key and the problem. Queries (`ParamSet.at`) use plain frozen dataclasses and are cached
per date, so rule functions can call them on hot paths.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from sporskifte.rules.answers import Reason

PARAMS_DIR = Path(__file__).parent

ParamValue = bool | int | float | date | str | list[str]
Unit = Literal[
    "dkk", "dkk_per_month", "days", "weeks", "months", "years", "share", "count", "date",
    "flag", "code", "codes",
]  # fmt: skip

_UNIT_TYPES: dict[str, tuple[type, ...]] = {
    "dkk": (int, float),
    "dkk_per_month": (int, float),
    "days": (int,),
    "weeks": (int,),
    "months": (int,),
    "years": (int,),
    "share": (float, int),
    "count": (int,),
    "date": (date,),
    "flag": (bool,),
    "code": (str,),
    "codes": (list,),
}


class ParamFileError(ValueError):
    """A parameter file is malformed; the message names file, key and problem."""


class ParamNotInForce(KeyError):
    """No period of the parameter covers the date asked about (or the key is unknown)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "parameter not in force"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


SourceKind = Literal[
    "law", "bekendtgoerelse", "vejledning", "ankestyrelsen", "forarbejder", "secondary",
    "placeholder",
]  # fmt: skip
PRIMARY_KINDS: frozenset[str] = frozenset(
    {"law", "bekendtgoerelse", "vejledning", "ankestyrelsen", "forarbejder"}
)
KIND_LABELS: dict[str, str] = {
    "law": "Lovtekst",
    "bekendtgoerelse": "Bekendtgørelse",
    "vejledning": "Vejledning",
    "ankestyrelsen": "Ankestyrelsen",
    "forarbejder": "Lovforslag og bemærkninger",
    "secondary": "Sekundær kilde",
    "placeholder": "Pladsholder (ingen kilde)",
}


class SourceSpec(_Strict):
    """Legal source: the law, the section (§), a link and what kind of source it is."""

    law: str = Field(min_length=1)
    section: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://\S+$")
    kind: SourceKind


class PeriodSpec(_Strict):
    """One value of a parameter over a closed date interval (valid_to inclusive, open if None)."""

    valid_from: date
    valid_to: date | None = None
    value: ParamValue | None
    provisional: bool
    source: SourceSpec
    note: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> PeriodSpec:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError(f"valid_to {self.valid_to} is before valid_from {self.valid_from}")
        if self.value is None and not (self.provisional and self.note):
            raise ValueError(
                f"an unknown value (null, valid_from {self.valid_from}) must be provisional "
                "and say why in 'note'"
            )
        return self


class ParamSpec(_Strict):
    """A parameter: what it is, its unit and its dated periods (no overlaps)."""

    description: str = Field(min_length=1)
    unit: Unit
    periods: list[PeriodSpec] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ParamSpec:
        _check_types(self.unit, self.periods)
        _check_overlaps(self.periods)
        return self


def _check_types(unit: str, periods: list[PeriodSpec]) -> None:
    wanted = _UNIT_TYPES[unit]
    for p in periods:
        value = p.value
        if value is None:
            continue
        wrong_bool = isinstance(value, bool) and bool not in wanted
        if wrong_bool or not isinstance(value, wanted):
            raise ValueError(
                f"value {value!r} (valid_from {p.valid_from}) does not fit unit '{unit}'"
            )


def _check_overlaps(periods: list[PeriodSpec]) -> None:
    ordered = sorted(periods, key=lambda p: p.valid_from)
    for before, after in itertools.pairwise(ordered):
        if before.valid_to is None or before.valid_to >= after.valid_from:
            end = before.valid_to or "open end"
            raise ValueError(
                f"periods overlap: {before.valid_from}..{end} and "
                f"{after.valid_from}..{after.valid_to or 'open end'}"
            )


_FILE_ADAPTER: TypeAdapter[dict[str, ParamSpec]] = TypeAdapter(dict[str, ParamSpec])


@dataclass(frozen=True, slots=True)
class Param:
    """One parameter value in force over [valid_from, valid_to] with its legal source."""

    key: str
    value: Any
    valid_from: date
    valid_to: date | None
    rule: str
    source: str
    provisional: bool
    description: str
    unit: str
    note: str | None = None
    kind: str = "law"

    @property
    def primary(self) -> bool:
        """True if the value rests on a primary source (law, bekendtgørelse, vejledning,
        Ankestyrelsen, the bill's remarks)."""
        return self.kind in PRIMARY_KINDS

    @property
    def placeholder(self) -> bool:
        """True if nobody has found a source for the value."""
        return self.kind == "placeholder"

    @property
    def known(self) -> bool:
        """False for a period whose value is not known (null in the file)."""
        return self.value is not None

    @property
    def kind_label(self) -> str:
        """The source kind in Danish."""
        return KIND_LABELS.get(self.kind, self.kind)

    def covers(self, d: date) -> bool:
        """True if `d` lies in this period."""
        return self.valid_from <= d and (self.valid_to is None or d <= self.valid_to)

    def reason(self, text: str) -> Reason:
        """A reason resting on this parameter (inherits its rule, source and provisional mark)."""
        return Reason(text, self.rule, self.source, self.provisional, self.kind)


class ParamsAt(Mapping[str, Param]):
    """The parameters in force on one date. `params_at["sickness.limit_weeks"].value`."""

    __slots__ = ("_items", "date")

    def __init__(self, on: date, items: dict[str, Param]) -> None:
        self.date = on
        self._items = items

    def __getitem__(self, key: str) -> Param:
        try:
            return self._items[key]
        except KeyError:
            raise ParamNotInForce(f"parameter '{key}' is not in force on {self.date}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def value(self, key: str) -> Any:
        """Shortcut for `self[key].value`."""
        return self[key].value


class ParamSet:
    """All parameters with their history; `at(date)` answers what is in force (cached)."""

    def __init__(self, params: Mapping[str, tuple[Param, ...]]) -> None:
        self._params = dict(params)
        self._at_cache: dict[date, ParamsAt] = {}
        self._segment_items: dict[int, dict[str, Param]] = {}
        starts = set()
        for periods in self._params.values():
            for p in periods:
                starts.add(p.valid_from)
                if p.valid_to is not None and p.valid_to < date.max:
                    starts.add(p.valid_to + timedelta(days=1))
        self._starts = sorted(starts)

    def keys(self) -> list[str]:
        """All parameter keys, sorted."""
        return sorted(self._params)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __contains__(self, key: object) -> bool:
        return key in self._params

    def all_periods(self) -> list[Param]:
        """Every period of every parameter, ordered by key and date (for listings)."""
        return [p for key in self.keys() for p in self._params[key]]

    def history(self, key: str) -> tuple[Param, ...]:
        """Every period of `key`, oldest first."""
        try:
            return self._params[key]
        except KeyError:
            raise ParamNotInForce(f"unknown parameter '{key}'") from None

    def segment(self, d: date) -> int:
        """The number of the stretch of days around `d` in which no parameter changes: two
        dates with the same segment have exactly the same parameters in force."""
        return bisect.bisect_right(self._starts, d)

    def at(self, d: date) -> ParamsAt:
        """The parameters in force on `d` (a parameter with no period covering `d` is absent)."""
        cached = self._at_cache.get(d)
        if cached is None:
            segment = self.segment(d)
            items = self._segment_items.get(segment)
            if items is None:
                items = self._segment_items[segment] = {}
                for key, periods in self._params.items():
                    for p in periods:
                        if p.covers(d):
                            items[key] = p
                            break
            cached = self._at_cache[d] = ParamsAt(d, items)
        return cached


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate mapping keys (PyYAML silently keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key '{key}'", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def _describe(err: Any) -> tuple[str, str]:
    """(key, 'path: problem') for one pydantic error, in words a maintainer understands."""
    loc = [str(x) for x in err["loc"]]
    key, rest = (loc[0], loc[1:]) if loc else ("?", [])
    # Drop pydantic's union-branch names (e.g. 'bool', 'list[str]') from the path.
    rest = [x for x in rest if x not in {"bool", "int", "float", "date", "str", "list[str]"}]
    kind = err["type"]
    if kind == "extra_forbidden":
        field, rest = (rest[-1], rest[:-1]) if rest else ("?", rest)
        problem = f"unknown field '{field}'"
    elif kind == "missing":
        field, rest = (rest[-1], rest[:-1]) if rest else ("?", rest)
        problem = f"missing field '{field}'"
    else:
        problem = str(err["msg"]).removeprefix("Value error, ")
    where = ".".join(rest)
    return key, f"{where}: {problem}" if where else problem


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise ParamFileError(f"{path.name}: not valid YAML: {exc}") from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ParamFileError(f"{path.name}: top level must be a mapping of parameter keys")
    return raw


def _validate_file(path: Path) -> dict[str, ParamSpec]:
    raw = _read_yaml(path)
    problems = [
        f"{path.name}: {key}: key must start with '{path.stem}.'"
        for key in raw
        if not str(key).startswith(path.stem + ".")
    ]
    try:
        specs = _FILE_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        for err in exc.errors():
            key, problem = _describe(err)
            problems.append(f"{path.name}: {key}: {problem}")
        specs = {}
    if problems:
        raise ParamFileError("\n".join(problems))
    return specs


def _rule(source: SourceSpec) -> str:
    """'Sygedagpengeloven § 24, stk. 1'; a section that is not a § is set off by a comma."""
    sep = " " if source.section.startswith(("§", "kapitel")) else ", "
    return f"{source.law}{sep}{source.section}"


def _to_params(key: str, spec: ParamSpec) -> tuple[Param, ...]:
    periods = sorted(spec.periods, key=lambda p: p.valid_from)
    return tuple(
        Param(
            key=key,
            value=tuple(p.value) if isinstance(p.value, list) else p.value,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
            rule=_rule(p.source),
            source=p.source.url,
            provisional=p.provisional,
            description=spec.description,
            unit=spec.unit,
            note=p.note,
            kind=p.source.kind,
        )
        for p in periods
    )


def load_params_from(directory: Path) -> ParamSet:
    """Load and validate every `*.yaml` in `directory`; raise ParamFileError on any problem."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise ParamFileError(f"{directory}: no parameter files (*.yaml) found")
    params: dict[str, tuple[Param, ...]] = {}
    problems: list[str] = []
    for path in files:
        try:
            specs = _validate_file(path)
        except ParamFileError as exc:
            problems.append(str(exc))
            continue
        params.update({key: _to_params(key, spec) for key, spec in specs.items()})
    if problems:
        raise ParamFileError("\n".join(problems))
    return ParamSet(params)


@functools.cache
def load_params() -> ParamSet:
    """The project's parameters (validated once per process)."""
    return load_params_from(PARAMS_DIR)
