"""Contact requirements (kontaktforløb), as of a date.

`assess(population, on)` reports whether the municipality meets them for the persons whose
first 6 months have ended by `on` (the others are counted as pending). The caller chooses the
population (e.g. everybody whose first half-year ended in the period being followed up).

**Before 1 Jul 2026** (LAB § 31, from 2020) each person has a minimum (`in_force` is False: the
population rules are not yet in force):

- ``per_person_minimum``: dagpenge 3 conversations with the a-kasse and 3 with the jobcenter
  (from 1 Jan 2024; before: 4 with the jobcenter and 2 with the a-kasse); kontanthjælp and
  ledighedsydelse 4 with the jobcenter in the first 6 months.
- ``kontanthjaelp_first_within_week``: the first conversation within 1 week of the first
  request for help (§ 31, stk. 5), for those whose day count is known.

**From 1 Jul 2026** (lov 1750, flexible contact course), each check with its reason and source:

- ``conversation_share``: >= 75 % of dagpenge, jobparate kontanthjælp and ledighedsydelse
  recipients had the *required number* of conversations in their first 6 months (STAR: dagpenge
  at least 2 with the municipality; jobparate and ledighedsydelse at least 4). Exempted persons
  stay in the denominator: the 25 % exemption is what makes 75 % reachable.
- ``offer_share``: >= 75 % had an offer in their first 6 months (groups provisional).
- ``exemption_share``: at most 25 % of dagpenge + job- and uddannelsesparate kontanthjælp
  recipients are exempted.
- ``arbejdspligt_not_exempt``: nobody under arbejdspligt is exempted.
- ``exempt_only_allowed_groups``: nobody outside those groups is exempted.
- ``first_conversation_all``: every jobparat kontanthjælp and ledighedsydelse recipient had a
  first conversation.
- ``kontanthjaelp_first_within_week``: as before (provisional: no source changes it).

A check with nobody in its base reports `met=None`.
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
    akasse_conversations: int = 0
    first_conversation_days: int | None = None
    """Days from the first request for help to the first conversation (kontanthjælp)."""

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
        """False if any check fails; True if all measurable checks pass; None if nobody has
        completed their first 6 months yet or nothing can be measured."""
        results = [c.met for c in self.checks if c.met is not None]
        if self.assessed == 0 or not results:
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


KONTANTHJAELP_GROUPS = frozenset(
    {"jobparat_kontanthjaelp", "uddannelsesparat_kontanthjaelp", "aktivitetsparat_kontanthjaelp"}
)


def _first_within(done: list[ContactPerson], pa: ParamsAt) -> ContactCheck | None:
    p = pa.get("contact.kontanthjaelp_first_conversation_days")
    if p is None:
        return None
    known = [x for x in done if x.group in KONTANTHJAELP_GROUPS]
    known = [x for x in known if x.first_conversation_days is not None]
    late = sum((x.first_conversation_days or 0) > p.value for x in known)
    what = f"Kontanthjælp: første jobsamtale senere end {p.value} dage efter første henvendelse"
    return _zero_check("kontanthjaelp_first_within_week", late, len(known), p, what)


def _required(person: ContactPerson, pa: ParamsAt) -> tuple[int, int]:
    """(jobcenter conversations, a-kasse conversations) one person needs before 1 Jul 2026."""
    if person.group == "dagpenge":
        return (
            pa.value("contact.dagpenge_jobcenter_conversations_first_6m"),
            pa.value("contact.dagpenge_akasse_conversations"),
        )
    return pa.value("contact.min_conversations_per_person_first_6m"), 0


def _per_person(done: list[ContactPerson], pa: ParamsAt) -> tuple[ContactCheck, ...]:
    basis = pa["contact.min_conversations_per_person_first_6m"]
    meeting = 0
    for x in done:
        own = load_params().at(x.start_date)  # each person by the rules of their own start
        jc, ak = _required(x, own if "contact.dagpenge_akasse_conversations" in own else pa)
        meeting += x.conversations_first_6m >= jc and x.akasse_conversations >= ak
    dag_jc = pa.value("contact.dagpenge_jobcenter_conversations_first_6m")
    dag_ak = pa.value("contact.dagpenge_akasse_conversations")
    n = pa.value("contact.min_conversations_per_person_first_6m")
    text_rule = (
        f"dagpenge mindst {dag_ak} samtaler med a-kassen og {dag_jc} med jobcenteret; "
        f"kontanthjælp og ledighedsydelse mindst {n} med jobcenteret i de første 6 måneder"
    )
    if not done:
        empty = basis.reason(f"Hver person: {text_rule}. Ingen at måle på.")
        check = ContactCheck("per_person_minimum", None, 1.0, 0, None, empty)
    else:
        met = meeting == len(done)
        check = ContactCheck(
            "per_person_minimum", meeting / len(done), 1.0, len(done), met,
            basis.reason(f"Hver person skal have det krævede antal samtaler ({text_rule}): "
                         f"{meeting} af {len(done)} har - {'opfyldt' if met else 'ikke opfyldt'}."),
        )  # fmt: skip
    first = _first_within(done, pa)
    return (check,) if first is None else (check, first)


def _not_in_force(persons: list[ContactPerson], on: date) -> ContactAssessment:
    first = load_params().history("contact.conversation_share_min")[0]
    pa = load_params().at(on)
    reasons = [first.reason(f"Andelskravene gælder først fra {dato(first.valid_from)}.")]
    if "contact.min_conversations_per_person_first_6m" not in pa:
        return ContactAssessment(on, False, 0, len(persons), (), tuple(reasons))
    cutoff = minus_months(on, 6)
    done = [p for p in persons if p.start_date <= cutoff]
    checks = _per_person(done, pa)
    reasons.append(
        pa["contact.min_conversations_per_person_first_6m"].reason(
            f"Indtil da gælder et mindste antal jobsamtaler for hver person; {len(done)} har "
            f"afsluttet deres første 6 måneder pr. {dato(on)}."
        )
    )
    return ContactAssessment(on, False, len(done), len(persons) - len(done), checks, tuple(reasons))


def _checks(done: list[ContactPerson], pa: ParamsAt) -> tuple[ContactCheck, ...]:
    conv_groups = set(pa.value("contact.conversation_groups"))
    offer_groups = set(pa.value("contact.offer_groups"))
    ex_groups = set(pa.value("contact.exemption_groups"))
    all_groups = set(pa.value("contact.first_conversation_all_groups"))
    conv = [p for p in done if p.group in conv_groups]
    need_dag = pa["contact.required_conversations_dagpenge"]
    need_other = pa["contact.required_conversations_jobparat_ledighedsydelse"]

    def enough(p: ContactPerson) -> bool:
        need = need_dag if p.group == "dagpenge" else need_other
        return p.conversations_first_6m >= need.value

    offer = [p for p in done if p.group in offer_groups]
    ex_base = [p for p in done if p.group in ex_groups]
    first_all = [p for p in done if p.group in all_groups]
    exempt = [p for p in done if p.exempt]
    never = pa["contact.arbejdspligt_never_exempt"]
    return (
        _share_check("conversation_share", (sum(enough(p) for p in conv), len(conv)),
                     (pa["contact.conversation_share_min"], pa["contact.conversation_groups"]),
                     True, f"Det krævede antal jobsamtaler i de første 6 måneder (dagpenge mindst "
                           f"{need_dag.value}, jobparate og ledighedsydelse mindst "
                           f"{need_other.value})"),
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
        _share_check("first_conversation_all",
                     (sum(p.conversations_first_6m > 0 for p in first_all), len(first_all)),
                     (_all_param(pa), pa["contact.first_conversation_all_groups"]),
                     True, "Første jobsamtale med alle jobparate kontanthjælps- og "
                           "ledighedsydelsesmodtagere"),
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
        return _not_in_force(persons, on)
    cutoff = minus_months(on, pa.value("contact.first_period_months"))
    done = [p for p in persons if p.start_date <= cutoff]
    checks = _checks(done, pa)
    first = _first_within(done, pa)
    checks += () if first is None else (first,)
    period = pa["contact.first_period_months"]
    reason = period.reason(
        f"{len(done)} personer har afsluttet deres første {period.value} måneder pr. "
        f"{dato(on)}; {len(persons) - len(done)} er stadig i perioden og tæller ikke med endnu."
    )
    return ContactAssessment(on, True, len(done), len(persons) - len(done), checks, (reason,))
