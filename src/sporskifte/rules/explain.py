"""Answer one situation given as JSON-like data: the engine behind `sporskifte rules explain`.

`explain(kind, data, on)` validates `data` for the kind (pydantic over the facts dataclasses,
at the boundary only; unknown fields are errors), runs the rule and returns a JSON-friendly
dict: ``{"kind", "date", "result", "provisional", "reasons": [...]}``. Bad input raises
`InputError` with a message that names the field and the problem.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from sporskifte.rules import contact, courses, means_test, sickness, target_groups
from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.params import ParamNotInForce

KINDS: tuple[str, ...] = (
    "follow_up", "limit_clock", "means_test", "referral", "target_group", "contact",
)  # fmt: skip


class InputError(ValueError):
    """The situation data is not valid for the kind asked about."""


@dataclasses.dataclass(frozen=True, slots=True)
class ReferralFacts:
    """A course question: may it be granted, how long, does it still run on the date?"""

    scheme: str
    referral_date: date
    start_date: date | None = None
    planned_end: date | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class PopulationFacts:
    """A population for the contact requirements."""

    population: tuple[contact.ContactPerson, ...]


def _parse(cls: type, data: Any) -> Any:
    if not isinstance(data, Mapping):
        raise InputError(f"expected a JSON object with the fields of {cls.__name__}")
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise InputError(f"unknown field(s) {unknown}; {cls.__name__} has {sorted(known)}")
    try:
        return TypeAdapter(cls).validate_python(dict(data))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc']) or cls.__name__}: "
            f"{str(e['msg']).removeprefix('Value error, ')}"
            for e in exc.errors()
        )
        raise InputError(problems) from None


def to_jsonable(obj: Any) -> Any:
    """Dataclasses, dates, mappings, tuples and Reasons as plain JSON values."""
    if isinstance(obj, Reason):
        return obj.as_dict()
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_jsonable(x) for x in obj]
    return obj


def _answer(value: Any, reasons: tuple[Reason, ...], provisional: bool) -> dict[str, Any]:
    return {"result": to_jsonable(value), "provisional": provisional, "reasons": reasons}


def _from_answer(ans: Answer[Any]) -> dict[str, Any]:
    return _answer(ans.value, ans.reasons, ans.provisional)


def _follow_up(data: Any, on: date) -> dict[str, Any]:
    fu = sickness.follow_up(_parse(sickness.SpellFacts, data), on)
    body = {k: v for k, v in to_jsonable(fu).items() if k != "reasons"}
    body["deadlines"] = [{"kind": d.kind, "due": d.due.isoformat()} for d in fu.deadlines]
    reasons = fu.reasons + tuple(d.reason for d in fu.deadlines)
    return _answer(body, reasons, fu.provisional)


def _limit_clock(data: Any, on: date) -> dict[str, Any]:
    clock = sickness.limit_clock(_parse(sickness.SpellFacts, data), on)
    body = {
        k: v for k, v in to_jsonable(clock).items() if k not in ("reasons", "extension_grounds")
    }
    body["weeks_used"] = round(clock.weeks_used, 2)
    body["extension_grounds"] = [f"{g.number}: {g.code}" for g in clock.extension_grounds]
    return _answer(body, clock.reasons, clock.provisional)


def _means_test(data: Any, on: date) -> dict[str, Any]:
    """`on` is the course's last day when the person came from a course; the test applies from
    the day after (or after the sygedagpenge would have stopped), and is judged on that day."""
    facts: means_test.HouseholdFacts = _parse(means_test.HouseholdFacts, data)
    when = means_test.means_tested_from(facts, on) if facts.benefit_before_course else None
    day = when.value if when is not None else on
    ans = means_test.precheck(facts, day)
    reasons = (when.reasons if when is not None else ()) + ans.reasons
    out = _answer(ans.value, reasons, any(r.provisional for r in reasons))
    out["means_tested_from"] = day.isoformat()
    return out


def _referral(data: Any, on: date) -> dict[str, Any]:
    f: ReferralFacts = _parse(ReferralFacts, data)
    if f.scheme not in courses.SCHEMES:
        raise InputError(f"scheme: must be one of {list(courses.SCHEMES)}, got {f.scheme!r}")
    answers: dict[str, Answer[Any]] = {
        "referral_allowed": courses.referral_allowed(f.scheme, f.referral_date),
        "scheme_open": courses.scheme_open(f.scheme, on),
    }
    start = f.start_date or f.referral_date
    answers["max_end_date"] = courses.max_end_date(f.scheme, f.referral_date, start)
    if f.planned_end is not None:
        answers["may_continue"] = courses.may_continue(
            f.scheme, f.referral_date, start, f.planned_end, on
        )
    reasons: tuple[Reason, ...] = ()
    for ans in answers.values():
        reasons += tuple(r for r in ans.reasons if r not in reasons)
    body = {k: to_jsonable(a.value) for k, a in answers.items()}
    return _answer(body, reasons, any(a.provisional for a in answers.values()))


def _target_group(data: Any, on: date) -> dict[str, Any]:
    return _from_answer(target_groups.target_group(_parse(target_groups.Situation, data), on))


def _contact(data: Any, on: date) -> dict[str, Any]:
    if isinstance(data, list):  # a bare list of persons is accepted as the population
        data = {"population": data}
    facts: PopulationFacts = _parse(PopulationFacts, data)
    a = contact.assess(facts.population, on)
    checks = [{k: v for k, v in to_jsonable(c).items() if k != "reason"} for c in a.checks]
    body = {"in_force": a.in_force, "met": a.met, "assessed": a.assessed,
            "pending": a.pending, "checks": checks}  # fmt: skip
    return _answer(body, a.reasons + tuple(c.reason for c in a.checks), a.provisional)


_HANDLERS: dict[str, Callable[[Any, date], dict[str, Any]]] = {
    "follow_up": _follow_up,
    "limit_clock": _limit_clock,
    "means_test": _means_test,
    "referral": _referral,
    "target_group": _target_group,
    "contact": _contact,
}


def explain(kind: str, data: Any, on: date) -> dict[str, Any]:
    """Answer one situation of `kind` as of `on`; raises InputError on bad input."""
    if kind not in _HANDLERS:
        raise InputError(f"unknown kind {kind!r}; expected one of {list(KINDS)}")
    try:
        out = _HANDLERS[kind](data, on)
    except (ValueError, ParamNotInForce) as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(str(exc)) from None
    except OverflowError:  # a date so far out that the calendar arithmetic leaves year 9999
        raise InputError("a date is outside the years the rules can count with") from None
    out["reasons"] = [r.as_dict() for r in out["reasons"]]
    return {"kind": kind, "date": on.isoformat(), **out}
