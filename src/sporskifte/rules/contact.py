"""Contact requirements at population level from 1 Jul 2026 (lov 1750, flexible contact course).

`assess(population, on)` reports whether the municipality meets them for the persons whose
first 6 months have ended by `on` (the others are counted as pending). The caller chooses the
population (e.g. everybody whose first half-year ended in the period being followed up).

Checks, each with its reason and legal source:

- ``conversation_share``: >= 75 % of dagpenge, jobparate kontanthjælp and ledighedsydelse
  recipients had a job conversation in their first 6 months. Exempted persons stay in the
  denominator: the 25 % exemption is what makes 75 % reachable, not a reason to shrink the base.
- ``offer_share``: >= 75 % had an offer in their first 6 months (groups provisional).
- ``exemption_share``: at most 25 % of dagpenge + job- and uddannelsesparate kontanthjælp
  recipients are exempted.
- ``arbejdspligt_not_exempt``: nobody under arbejdspligt is exempted.
- ``exempt_only_allowed_groups``: nobody outside those groups is exempted.
- ``first_conversation_jobparate``: every jobparat kontanthjælp recipient had a first
  conversation.

A check with nobody in its base reports `met=None`. Before 1 Jul 2026 the population rules are
not in force (then each person needs 4 conversations in 6 months, LAB § 31, stk. 3).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from sporskifte.rules._dates import minus_months
from sporskifte.rules._text import dato, pct
from sporskifte.rules.answers import Reason
from sporskifte.rules.params import Param, ParamsAt, load_params


@dataclass(frozen=True, slots=True)
class ContactPerson:
    """One person in the population. `start_date` starts their first 6 months."""

    group: str
    start_date: date
    conversations_first_6m: int = 0
    offer_first_6m: bool = False
    exempt: bool = False
    arbejdspligt: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> ContactPerson:
        """Build from a JSON-like mapping (ISO date strings allowed); unknown keys are errors."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown field(s) {unknown}; expected some of {sorted(known)}")
        values = dict(data)
        if isinstance(values.get("start_date"), str):
            values["start_date"] = date.fromisoformat(values["start_date"])
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ContactCheck:
    """One requirement: the measured value, the threshold, met (None if nobody to measure)."""

    name: str
    value: float | int | None
    threshold: float | int
    base: int
    met: bool | None
    reason: Reason


@dataclass(frozen=True, slots=True)
class ContactAssessment:
    """Whether the population meets the contact requirements on `on`."""

    on: date
    in_force: bool
    assessed: int
    pending: int
    checks: tuple[ContactCheck, ...]
    reasons: tuple[Reason, ...]

    @property
    def met(self) -> bool | None:
        """False if any check fails; True if all measurable checks pass; None if the rules are
        not in force or nobody has completed their first 6 months yet."""
        results = [c.met for c in self.checks if c.met is not None]
        if not self.in_force or self.assessed == 0 or not results:
            return None
        return all(results)

    @property
    def provisional(self) -> bool:
        """True if any reason rests on a provisional value."""
        return any(r.provisional for r in self.reasons) or any(
            c.reason.provisional for c in self.checks
        )


def _share_check(
    name: str, counts: tuple[int, int], params: tuple[Param, Param], minimum: bool, what: str
) -> ContactCheck:
    """A share requirement. `params` = (threshold, the groups it covers): the reason cites the
    threshold and is provisional if either parameter is."""
    (hits, base), (threshold, groups) = counts, params
    if groups.provisional and not threshold.provisional:
        threshold = replace(threshold, provisional=True)
    limit = threshold.value
    if base == 0:
        text = f"{what}: ingen personer at måle på."
        return ContactCheck(name, None, limit, 0, None, threshold.reason(text))
    share = hits / base
    # Compare on counts so 3 of 4 against 75 % is exact, not subject to float rounding.
    met = hits >= limit * base - 1e-9 if minimum else hits <= limit * base + 1e-9
    word = "mindst" if minimum else "højst"
    verdict = "opfyldt" if met else "ikke opfyldt"
    text = f"{what}: {pct(share)} ({hits} af {base}); kravet er {word} {pct(limit)} - {verdict}."
    return ContactCheck(name, share, limit, base, met, threshold.reason(text))


def _zero_check(name: str, count: int, base: int, param: Param, what: str) -> ContactCheck:
    met = count == 0
    text = f"{what}: {count} af {base}" + (" - opfyldt." if met else " - ikke opfyldt.")
    return ContactCheck(name, count, 0, base, met, param.reason(text))


def _persons(population: Iterable[ContactPerson | Mapping[str, Any]]) -> list[ContactPerson]:
    return [
        p if isinstance(p, ContactPerson) else ContactPerson.from_mapping(p) for p in population
    ]


def _not_in_force(on: date) -> ContactAssessment:
    first = load_params().history("contact.conversation_share_min")[0]
    before = load_params().at(on).get("contact.min_conversations_per_person_first_6m")
    reasons = [first.reason(f"Andelskravene gælder først fra {dato(first.valid_from)}.")]
    if before is not None:
        reasons.append(
            before.reason(
                f"Indtil da skal hver person have mindst {before.value} individuelle jobsamtaler "
                "i de første 6 måneder."
            )
        )
    return ContactAssessment(on, False, 0, 0, (), tuple(reasons))


def _checks(done: list[ContactPerson], pa: ParamsAt) -> tuple[ContactCheck, ...]:
    conv_groups = set(pa.value("contact.conversation_groups"))
    offer_groups = set(pa.value("contact.offer_groups"))
    ex_groups = set(pa.value("contact.exemption_groups"))
    all_groups = set(pa.value("contact.first_conversation_all_groups"))
    conv = [p for p in done if p.group in conv_groups]
    offer = [p for p in done if p.group in offer_groups]
    ex_base = [p for p in done if p.group in ex_groups]
    first_all = [p for p in done if p.group in all_groups]
    exempt = [p for p in done if p.exempt]
    never = pa["contact.arbejdspligt_never_exempt"]
    return (
        _share_check("conversation_share",
                     (sum(p.conversations_first_6m > 0 for p in conv), len(conv)),
                     (pa["contact.conversation_share_min"], pa["contact.conversation_groups"]),
                     True, "Jobsamtale i de første 6 måneder"),
        _share_check("offer_share", (sum(p.offer_first_6m for p in offer), len(offer)),
                     (pa["contact.offer_share_min"], pa["contact.offer_groups"]),
                     True, "Tilbud i de første 6 måneder"),
        _share_check("exemption_share", (sum(p.exempt for p in ex_base), len(ex_base)),
                     (pa["contact.exemption_share_max"], pa["contact.exemption_groups"]),
                     False, "Fritagne"),
        _zero_check("arbejdspligt_not_exempt", sum(p.arbejdspligt for p in exempt), len(exempt),
                    never, "Fritagne med arbejdspligt (må aldrig fritages)"),
        _zero_check("exempt_only_allowed_groups", sum(p.group not in ex_groups for p in exempt),
                    len(exempt), pa["contact.exemption_groups"],
                    "Fritagne uden for de grupper, der kan fritages"),
        _share_check("first_conversation_jobparate",
                     (sum(p.conversations_first_6m > 0 for p in first_all), len(first_all)),
                     (_all_param(pa), pa["contact.first_conversation_all_groups"]),
                     True, "Første samtale med alle jobparate"),
    )  # fmt: skip


def _all_param(pa: ParamsAt) -> Param:
    """A share parameter of 1.0 (all) carrying the source of `first_conversation_all_groups`."""
    p = pa["contact.first_conversation_all_groups"]
    return Param(p.key, 1.0, p.valid_from, p.valid_to, p.rule, p.source, p.provisional,
                 p.description, "share", p.note)  # fmt: skip


def assess(population: Iterable[ContactPerson | Mapping[str, Any]], on: date) -> ContactAssessment:
    """Does the municipality meet the contact requirements on `on` for `population`?"""
    persons = _persons(population)
    pa = load_params().at(on)
    if "contact.conversation_share_min" not in pa:
        return _not_in_force(on)
    cutoff = minus_months(on, pa.value("contact.first_period_months"))
    done = [p for p in persons if p.start_date <= cutoff]
    checks = _checks(done, pa)
    period = pa["contact.first_period_months"]
    reason = period.reason(
        f"{len(done)} personer har afsluttet deres første {period.value} måneder pr. "
        f"{dato(on)}; {len(persons) - len(done)} er stadig i perioden og tæller ikke med endnu."
    )
    return ContactAssessment(on, True, len(done), len(persons) - len(done), checks, (reason,))
