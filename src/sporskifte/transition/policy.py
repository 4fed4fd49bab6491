"""The phase-out of ressourceforløb, jobafklaringsforløb and revalidering, course by course.

For every course running on a date this module says when it ends (the planned end, cut short
by the law's maximum: three years for a ressourceforløb granted from 2022, the abolition of
jobafklaringsforløb with the 2027 law), how many months are left, whether the person is likely
to get kontanthjælp when it ends (the means-test pre-check in `rules.means_test`, asked as of
the end date) and which risk flags are up. Plain Python on plain facts: the database, the CLI
report and the benchmark all call the same `assess`.

A course is *running* on `on` when it has been granted (referral date on or before `on`), has
not ended (no `ended_date`, or one after `on`) and its effective end date is not before `on`.
Granted courses that start later count as running: they, too, need a next step.

The flags (each names its rule; T1-T4 are this project's safeguards, each resting on the law
quoted with it):

- T1 ``ends_soon_no_next_step``: the course ends within `warning_months` (default 6) and no
  next step is decided.
- T2 ``likely_no_benefit_no_plan``: the pre-check says `no` (likely no kontanthjælp) and no plan
  that does without kontanthjælp is decided (self-supporting, job, fleksjob, førtidspension,
  education, sygedagpenge).
- T3 ``no_contact_12_months``: no conversation within `contact_months` (default 12); with no
  conversation on record, the referral date counts as the last contact.
- T4 ``referral_to_closed_scheme``: the course was granted on a date the scheme was closed to
  new citizens, or a grant of a closed scheme was attempted and refused and no next step has
  been decided since.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sporskifte.lib.dates import add_months, months_left
from sporskifte.rules import courses as course_rules
from sporskifte.rules._text import dato
from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.means_test import NO, UNCERTAIN, HouseholdFacts, precheck
from sporskifte.rules.params import load_params

SCHEMES: tuple[str, ...] = course_rules.SCHEMES
SCHEME_LABELS: dict[str, str] = {
    course_rules.RESSOURCEFORLOEB: "Ressourceforløb",
    course_rules.JOBAFKLARINGSFORLOEB: "Jobafklaringsforløb",
    course_rules.REVALIDERING: "Revalidering",
}
NEXT_STEP_LABELS: dict[str, str] = {
    "job": "Job",
    "fleksjob": "Fleksjob",
    "foertidspension": "Førtidspension",
    "kontanthjaelp": "Kontanthjælp med tværfaglig indsats",
    "sygedagpenge": "Sygedagpenge",
    "education": "Uddannelse",
    "selvforsoergende": "Indsats som selvforsørgende",
    "moved": "Fraflytning",
    "death": "Dødsfald",
    "other": "Andet",
}
"""The `end_reason` vocabulary of the courses contract, with Danish labels."""
NEXT_STEPS: tuple[str, ...] = tuple(NEXT_STEP_LABELS)

PLANS_WITHOUT_KONTANTHJAELP: frozenset[str] = frozenset(
    {"selvforsoergende", "job", "fleksjob", "foertidspension", "education", "sygedagpenge"}
)
"""Next steps that do not rely on kontanthjælp: with one decided, T2 does not fire."""

PRECHECK_LABELS: dict[str, str] = {"yes": "Ja", "no": "Nej", "uncertain": "Usikker"}

ENDS_SOON, NO_BENEFIT, NO_CONTACT, CLOSED_REFERRAL = (
    "ends_soon_no_next_step",
    "likely_no_benefit_no_plan",
    "no_contact_12_months",
    "referral_to_closed_scheme",
)
FLAG_CODES: tuple[str, ...] = (ENDS_SOON, NO_BENEFIT, NO_CONTACT, CLOSED_REFERRAL)
FLAG_LABELS: dict[str, str] = {
    ENDS_SOON: "Slutter snart uden næste skridt",
    NO_BENEFIT: "Sandsynligvis ingen kontanthjælp og ingen plan",
    NO_CONTACT: "Ingen samtale i 12 måneder",
    CLOSED_REFERRAL: "Visitation til lukket ordning forsøgt",
}
FLAG_RULE_NAMES: dict[str, str] = {
    ENDS_SOON: "T1 Næste skridt besluttet i god tid før forløbets slut",
    NO_BENEFIT: "T2 Plan for borgere uden ret til kontanthjælp",
    NO_CONTACT: "T3 Samtale mindst hver 12. måned",
    CLOSED_REFERRAL: "T4 Ingen visitation til lukkede ordninger",
}

# LAB § 31 (job conversations in courses): the legal anchor of T3, from the domain notes [R34].
_CONTACT_RULE = Reason(
    "Borgere i ressourceforløb, jobafklaringsforløb og revalidering skal have løbende jobsamtaler.",
    "Lov om en aktiv beskæftigelsesindsats § 31 (jobsamtaler)",
    "https://www.elov.dk/lov-om-en-aktiv-beskaeftigelsesindsats/paragraf/31/",
)


@dataclass(frozen=True, slots=True)
class CourseFacts:
    """One course as the `courses` contract has it, plus what the case file adds."""

    course_id: str
    person_id: str
    scheme: str
    referral_date: date
    start_date: date
    planned_end_date: date
    ended_date: date | None = None
    last_contact_date: date | None = None
    next_step: str | None = None
    next_step_decided_date: date | None = None
    closed_referral_attempted: tuple[str, date] | None = None
    """(scheme, referral date) of a refused grant of a closed scheme that no decided next step
    has followed yet."""
    team: str | None = None


@dataclass(frozen=True, slots=True)
class FlagPolicy:
    """How early to warn: months before the end (T1) and the longest gap in contact (T3)."""

    warning_months: int = 6
    contact_months: int = 12

    def __post_init__(self) -> None:
        if not 0 <= self.warning_months <= 120 or not 1 <= self.contact_months <= 120:
            raise ValueError("warning_months must be 0-120 and contact_months 1-120")


@dataclass(frozen=True, slots=True)
class Flag:
    """A risk flag: what is wrong, our rule's name and the legal rule it rests on."""

    code: str
    message: str
    name: str
    rule: str
    source: str
    provisional: bool = False
    due: date | None = None

    @property
    def label(self) -> str:
        return FLAG_LABELS[self.code]

    @property
    def rule_text(self) -> str:
        """Our rule and its legal basis in one line (what an alert stores as its rule)."""
        return f"{self.name} ({self.rule})"


@dataclass(frozen=True, slots=True)
class CourseStatus:
    """Where one running course stands on `on`."""

    facts: CourseFacts
    on: date
    end: Answer[date]
    months_left: int
    precheck: Answer[str]
    household_known: bool
    flags: tuple[Flag, ...] = field(default=())

    @property
    def end_date(self) -> date:
        return self.end.value

    @property
    def flag_codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)

    @property
    def last_contact(self) -> date | None:
        return self.facts.last_contact_date


# --- end date, running ---------------------------------------------------------------------


@functools.lru_cache(maxsize=65536)
def _legal_end(scheme: str, referral_date: date, start_date: date) -> Answer[date | None]:
    return course_rules.max_end_date(scheme, referral_date, start_date)


def effective_end(c: CourseFacts) -> Answer[date]:
    """The planned end date, cut short where the law ends the course earlier."""
    legal = _legal_end(c.scheme, c.referral_date, c.start_date)
    if legal.value is not None and legal.value < c.planned_end_date:
        return Answer(legal.value, legal.reasons)
    return Answer(c.planned_end_date, ())


def is_running(c: CourseFacts, on: date) -> bool:
    """Granted by `on`, not ended by `on`, and not past its effective end."""
    if c.referral_date > on or (c.ended_date is not None and c.ended_date <= on):
        return False
    return effective_end(c).value >= on


# --- the pre-check -------------------------------------------------------------------------


def _missing_household(on: date) -> Answer[str]:
    limit = load_params().at(on)["means_test.asset_limit_single_dkk"]
    text = (
        "Husstandsoplysninger mangler (civilstand, formue og indtægt); kontanthjælpen kan "
        "ikke forhåndsvurderes."
    )
    return Answer(UNCERTAIN, (limit.reason(text),))


def kontanthjaelp_precheck(household: HouseholdFacts | None, end: date) -> Answer[str]:
    """The means-test pre-check as of the day after the course ends, when the need arises."""
    if household is None:
        return _missing_household(end)
    return precheck(household, end)


# --- flags ---------------------------------------------------------------------------------


def _flag(code: str, message: str, basis: Reason, due: date | None = None) -> Flag:
    return Flag(
        code, message, FLAG_RULE_NAMES[code], basis.rule, basis.source, basis.provisional, due
    )


def _ends_soon(c: CourseFacts, end: date, on: date, policy: FlagPolicy) -> Flag | None:
    if c.next_step or end > add_months(on, policy.warning_months):
        return None
    basis = course_rules.scheme_open(c.scheme, on).reasons[0]
    left = months_left(on, end)
    message = (
        f"Forløbet slutter {dato(end)} (om {left} mdr.), og der er ikke besluttet et næste "
        f"skridt (fristen er {policy.warning_months} mdr. før slut)."
    )
    return _flag(ENDS_SOON, message, basis, due=end)


def _no_benefit(c: CourseFacts, check: Answer[str], end: date) -> Flag | None:
    if check.value != NO or (c.next_step or "") in PLANS_WITHOUT_KONTANTHJAELP:
        return None
    rules = "; ".join(dict.fromkeys(r.rule for r in check.reasons))
    basis = Reason("", rules, check.reasons[-1].source, check.provisional)
    message = (
        "Sandsynligvis ikke ret til kontanthjælp, når forløbet slutter, og der er ingen plan "
        "som selvforsørgende eller anden plan uden kontanthjælp."
    )
    return _flag(NO_BENEFIT, message, basis, due=end)


def _no_contact(c: CourseFacts, on: date, policy: FlagPolicy) -> Flag | None:
    last = c.last_contact_date or c.referral_date
    limit = add_months(on, -policy.contact_months)
    if last >= limit:
        return None
    since = (
        f"seneste samtale {dato(last)}"
        if c.last_contact_date
        else f"ingen registreret samtale siden visitationen {dato(last)}"
    )
    message = f"Ingen samtale i over {policy.contact_months} måneder ({since})."
    return _flag(NO_CONTACT, message, _CONTACT_RULE, due=on)


def _closed_referral(c: CourseFacts) -> Flag | None:
    granted = course_rules.referral_allowed(c.scheme, c.referral_date)
    if not granted.value:
        message = f"Forløbet er visiteret {dato(c.referral_date)}: {granted.reasons[0].text}"
        return _flag(CLOSED_REFERRAL, message, granted.reasons[0])
    if c.closed_referral_attempted is None:
        return None
    scheme, attempted = c.closed_referral_attempted
    basis = course_rules.referral_allowed(scheme, attempted).reasons[0]
    message = (
        f"Der er forsøgt visiteret til {SCHEME_LABELS[scheme].lower()} pr. {dato(attempted)}, "
        "men ordningen er lukket for nye borgere; find et andet næste skridt."
    )
    return _flag(CLOSED_REFERRAL, message, basis)


def flags_for(
    c: CourseFacts, end: date, check: Answer[str], on: date, policy: FlagPolicy
) -> tuple[Flag, ...]:
    """Every flag that is up for this course on `on`."""
    found = (
        _ends_soon(c, end, on, policy),
        _no_benefit(c, check, end),
        _no_contact(c, on, policy),
        _closed_referral(c),
    )
    return tuple(f for f in found if f is not None)


# --- assessing -----------------------------------------------------------------------------


def assess(
    c: CourseFacts,
    household: HouseholdFacts | None,
    on: date,
    policy: FlagPolicy | None = None,
) -> CourseStatus:
    """Where `c` stands on `on` (the caller makes sure it is running)."""
    policy = policy or FlagPolicy()
    end = effective_end(c)
    check = kontanthjaelp_precheck(household, end.value)
    return CourseStatus(
        facts=c,
        on=on,
        end=end,
        months_left=months_left(on, end.value),
        precheck=check,
        household_known=household is not None,
        flags=flags_for(c, end.value, check, on, policy),
    )


def assess_running(
    courses: Iterable[CourseFacts],
    households: Mapping[str, HouseholdFacts],
    on: date,
    policy: FlagPolicy | None = None,
) -> list[CourseStatus]:
    """`assess` for every course running on `on`, ordered by end date."""
    policy = policy or FlagPolicy()
    statuses = [
        assess(c, households.get(c.person_id), on, policy) for c in courses if is_running(c, on)
    ]
    statuses.sort(key=lambda s: (s.end_date, s.facts.course_id))
    return statuses


# --- from validated frames (the contract files) --------------------------------------------


def _missing(value: Any) -> bool:
    """None, NaN, and pandas' NA and NaT (recognised by type, so pandas need not be imported)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _day(value: Any) -> date | None:
    if _missing(value):
        return None
    return value.date() if isinstance(value, datetime) else value


def _text(value: Any) -> str | None:
    return None if _missing(value) else (str(value) or None)


COURSE_COLUMNS: tuple[str, ...] = (
    "course_id", "person_id", "scheme", "referral_date", "start_date", "planned_end_date",
    "ended_date", "last_contact_date", "next_step", "next_step_decided_date", "team",
)  # fmt: skip


def course_facts(r: Mapping[str, Any]) -> CourseFacts:
    """CourseFacts from a mapping with the `courses` contract's column names."""
    dates = {name: _day(r.get(name)) for name in COURSE_COLUMNS if name.endswith("_date")}
    return CourseFacts(
        course_id=str(r["course_id"]),
        person_id=str(r["person_id"]),
        scheme=str(r["scheme"]),
        next_step=_text(r.get("next_step")),
        team=_text(r.get("team")),
        **dates,  # type: ignore[arg-type]
    )


def courses_from_frame(frame: Any) -> list[CourseFacts]:
    """CourseFacts from a validated `courses` frame (`registers.read_table(...).frame`)."""
    present = [c for c in COURSE_COLUMNS if c in frame.columns]
    rows = frame[present].astype(object).itertuples(index=False, name=None)
    return [course_facts(dict(zip(present, row, strict=True))) for row in rows]


def _amount(value: Any) -> float | None:
    return None if _missing(value) else float(value)


def households_from_frame(frame: Any) -> dict[str, HouseholdFacts]:
    """HouseholdFacts by person_id from a validated `households` frame."""
    out: dict[str, HouseholdFacts] = {}
    for r in frame.astype(object).to_dict("records"):
        out[str(r["person_id"])] = household_facts(r)
    return out


def household_facts(r: Mapping[str, Any]) -> HouseholdFacts:
    """HouseholdFacts from a mapping with the `households` contract's column names."""
    return HouseholdFacts(
        civil_status=str(r["civil_status"]),  # type: ignore[arg-type]
        own_assets_dkk=_amount(r["own_assets_dkk"]) or 0.0,
        spouse_assets_dkk=_amount(r.get("spouse_assets_dkk")),
        own_monthly_income_dkk=_amount(r["own_monthly_income_dkk"]) or 0.0,
        spouse_monthly_income_dkk=_amount(r.get("spouse_monthly_income_dkk")),
        children_under_18=int(_amount(r.get("children_under_18")) or 0),
    )


# --- the analysts' report ------------------------------------------------------------------

REPORT_COLUMNS: tuple[str, ...] = (
    "person_id", "course_id", "scheme", "planned_end_date", "end_date", "months_left",
    "next_step", "kontanthjaelp_precheck", "reasons", "flags",
)  # fmt: skip


def format_reasons(reasons: Iterable[Reason]) -> str:
    """Reasons as one cell: `text [rule]`, provisional ones marked, separated by ` | `."""
    parts = []
    for r in reasons:
        mark = " (foreløbig)" if r.provisional else ""
        parts.append(f"{r.text} [{r.rule}{mark}]")
    return " | ".join(parts)


def report_row(s: CourseStatus) -> dict[str, str]:
    """One report row (all values as text, dates ISO)."""
    c = s.facts
    return {
        "person_id": c.person_id,
        "course_id": c.course_id,
        "scheme": c.scheme,
        "planned_end_date": c.planned_end_date.isoformat(),
        "end_date": s.end_date.isoformat(),
        "months_left": str(s.months_left),
        "next_step": c.next_step or "",
        "kontanthjaelp_precheck": s.precheck.value,
        "reasons": format_reasons(s.precheck.reasons),
        "flags": ";".join(s.flag_codes),
    }


# --- selecting -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Selection:
    """The overview's filters; None or False means "any"."""

    scheme: str | None = None
    within_months: int | None = None
    no_next_step: bool = False
    flag: str | None = None

    def matches(self, s: CourseStatus) -> bool:
        if self.scheme and s.facts.scheme != self.scheme:
            return False
        if self.within_months is not None and s.end_date > add_months(s.on, self.within_months):
            return False
        if self.no_next_step and s.facts.next_step:
            return False
        return not self.flag or self.flag in s.flag_codes
