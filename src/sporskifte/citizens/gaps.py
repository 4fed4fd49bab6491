"""Gaps between schemes, found from one person's whole history (pure, no Django).

Five checks, each naming the rule it rests on and its source; every date comes from `rules`
(the limit clock, the courses' end dates, the means test, the target groups, the follow-up
deadlines and the dated contact parameter), judged on the dates the law has for each spell:

* `gap_limit`: a sickness spell has reached the limit (SDL § 24) with no extension ground
  and no next benefit decided (a later course, a decision, or an end to another benefit);
* `gap_course_end`: a course has ended (or reached its end date) with no next step decided
  and no known outcome;
* `gap_means_test`: a course has ended, the kontanthjælp pre-check says no, and there is no
  plan without kontanthjælp (e.g. as self-supporting);
* `gap_jaf_2027`: a jobafklaringsforløb participant has moved into the sick-listed target
  group (2027) with no follow-up set: no next step decided and no conversation since;
* `gap_contact`: no conversation for longer than the rules in force allow (a sick-listed
  person's follow-up deadlines; a course participant's longest gap, a dated parameter).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sporskifte.citizens.history import (
    SICK_LISTED_GROUP,
    CourseRecord,
    History,
    SpellRecord,
    course_end,
    target_group_move,
)
from sporskifte.lib.danish import dato
from sporskifte.lib.dates import add_months
from sporskifte.rules import courses as course_rules
from sporskifte.rules.answers import Reason
from sporskifte.rules.means_test import NO, precheck
from sporskifte.rules.params import load_params
from sporskifte.rules.sickness import SpellFacts, benefit_start, follow_up, limit_clock
from sporskifte.rules.target_groups import Situation, group_name, target_group

GAP_LIMIT = "gap_limit"
GAP_COURSE_END = "gap_course_end"
GAP_MEANS_TEST = "gap_means_test"
GAP_JAF_2027 = "gap_jaf_2027"
GAP_CONTACT = "gap_contact"
GAP_CODES: tuple[str, ...] = (GAP_LIMIT, GAP_COURSE_END, GAP_MEANS_TEST, GAP_JAF_2027, GAP_CONTACT)

GAP_NAMES: dict[str, str] = {
    GAP_LIMIT: "Varighedsbegrænsning uden forlængelse eller næste ydelse",
    GAP_COURSE_END: "Forløb slutter uden besluttet næste ydelse",
    GAP_MEANS_TEST: "Ingen ret til kontanthjælp og ingen plan som selvforsørgende",
    GAP_JAF_2027: "Jobafklaringsforløb overgår til sygemeldte uden opfølgning",
    GAP_CONTACT: "Ingen samtale i længere tid end reglerne tillader",
}

KNOWN_OUTCOMES = frozenset(
    {"job", "fleksjob", "foertidspension", "kontanthjaelp", "sygedagpenge", "education",
     "selvforsoergende", "moved", "death"}
)  # fmt: skip
"""Register end reasons that say where the person went (`other` does not)."""
PLANS_WITHOUT_KONTANTHJAELP = frozenset(
    {"selvforsoergende", "job", "fleksjob", "foertidspension", "education", "sygedagpenge",
     "moved", "death"}
)  # fmt: skip
SPELL_ENDS_ONWARD = frozenset({"work", "other_benefit", "education"})
"""Spell end reasons that say the person went on to work, education or another benefit."""
CONTACT_PARAM = "continuity.course_max_months_without_conversation"


@dataclass(frozen=True, slots=True)
class Gap:
    """One gap: what is wrong, the rule and source it rests on, and where it sits."""

    code: str
    message: str
    rule: str
    source: str
    provisional: bool = False
    due: date | None = None
    spell_key: str | None = None
    course_key: str | None = None

    @property
    def name(self) -> str:
        return GAP_NAMES[self.code]

    @property
    def rule_text(self) -> str:
        """Our rule's name and the legal rule, in one line (what an alert stores)."""
        return f"{self.name} ({self.rule})"[:200]


def _gap(code: str, message: str, basis: Reason, due: date | None, **where: str) -> Gap:
    return Gap(code, message, basis.rule, basis.source, basis.provisional, due, **where)


# --- helpers --------------------------------------------------------------------------------


def _decided(history: History, course: CourseRecord) -> str | None:
    decided = sorted(history.decisions_for(course), key=lambda d: d.decided_on)
    return decided[-1].kind if decided else None


def _spell_facts(history: History, spell: SpellRecord, on: date) -> SpellFacts:
    """The spell as the rules need it, with earlier spells' benefit periods (the window)."""
    prior = []
    for other in history.spells:
        if other is spell or other.end_date is None or other.end_date >= spell.onset_date:
            continue
        facts = SpellFacts(other.onset_date, other.employment_status, None, None)
        start = benefit_start(facts, other.onset_date)
        if start <= other.end_date:
            prior.append((start, other.end_date))
    return SpellFacts(
        spell.onset_date,
        spell.employment_status,
        None,
        None,
        prior_benefit_periods=tuple(sorted(prior)),
        extension_ground=spell.extension_ground,
        spell_end=spell.end_date,
    )


def _next_benefit_after_spell(history: History, spell: SpellRecord) -> bool:
    if spell.end_date is not None and spell.end_reason in SPELL_ENDS_ONWARD:
        return True
    if any(c.referral_date >= spell.onset_date for c in history.courses):
        return True
    return any(d.decided_on >= spell.onset_date for d in history.decisions)


# --- the five checks ------------------------------------------------------------------------


def limit_gaps(history: History, on: date) -> list[Gap]:
    """Spells past the limit with no extension ground and no next benefit decided."""
    gaps = []
    for spell in history.spells:
        if spell.onset_date > on:
            continue
        clock = limit_clock(_spell_facts(history, spell, on), on)
        if clock.limit_date is None or on < clock.limit_date or clock.extended:
            continue
        if _next_benefit_after_spell(history, spell):
            continue
        basis = next((r for r in clock.reasons if "§ 24" in r.rule), clock.reasons[0])
        message = (
            f"Sygedagpengene nåede varighedsbegrænsningen {dato(clock.limit_date)} og "
            f"stopper {dato(clock.stop_date or clock.limit_date)}; der er ingen "
            "forlængelsesgrund og ingen besluttet næste ydelse."
        )
        gaps.append(_gap(GAP_LIMIT, message, basis, clock.stop_date, spell_key=spell.key))
    return gaps


def _moves_in_2027(course: CourseRecord) -> date | None:
    move = target_group_move(course)
    return move if move is not None and course_end(course) < move else None


def _course_basis(course: CourseRecord, end: date) -> Reason:
    legal = course_rules.max_end_date(course.scheme, course.referral_date, course.start_date)
    if legal.value is not None and legal.value == end:
        return legal.reasons[0]
    return course_rules.referral_allowed(course.scheme, course.referral_date).reasons[0]


def course_end_gaps(history: History, on: date) -> list[Gap]:
    """Courses at or past their end with no next step decided and no known outcome. A
    jobafklaringsforløb ended by the 2027 move is `gap_jaf_2027`'s."""
    gaps = []
    for course in history.courses:
        end = course_end(course)
        if on < end or _moves_in_2027(course) is not None:
            continue
        if _decided(history, course) or (course.end_reason or "") in KNOWN_OUTCOMES:
            continue
        message = (
            f"Forløbet sluttede {dato(end)}, og der er ikke besluttet en næste ydelse."
            if end < on
            else f"Forløbet slutter i dag ({dato(end)}) uden en besluttet næste ydelse."
        )
        basis = _course_basis(course, end)
        gaps.append(_gap(GAP_COURSE_END, message, basis, end, course_key=course.key))
    return gaps


def means_test_gaps(history: History, on: date) -> list[Gap]:
    """Ended courses where the kontanthjælp pre-check (on the day after the end) says no and
    no plan without kontanthjælp is decided or recorded."""
    if history.household is None:
        return []
    gaps = []
    for course in history.courses:
        end = course_end(course)
        if on < end:
            continue
        plan = _decided(history, course) or course.end_reason or ""
        if plan in PLANS_WITHOUT_KONTANTHJAELP:
            continue
        check = precheck(history.household, end + timedelta(days=1))
        if check.value != NO:
            continue
        rules = "; ".join(dict.fromkeys(r.rule for r in check.reasons))
        basis = Reason("", rules, check.reasons[-1].source, check.provisional)
        message = (
            f"Forløbet sluttede {dato(end)}; forhåndsvurderingen siger nej til "
            "kontanthjælp, og der er ingen plan som selvforsørgende eller anden plan uden "
            "kontanthjælp."
        )
        gaps.append(_gap(GAP_MEANS_TEST, message, basis, end, course_key=course.key))
    return gaps


def jaf_2027_gaps(history: History, on: date) -> list[Gap]:
    """Jobafklaringsforløb participants in the sick-listed target group from the move date with
    no follow-up set (no next step decided, no conversation on or after the move)."""
    gaps = []
    for course in history.courses:
        move = target_group_move(course)
        if move is None or on < move or _decided(history, course):
            continue
        if any(held >= move for held in history.contacts):
            continue
        answer = target_group(Situation(course.scheme, 45), move)
        basis = next((r for r in answer.reasons if r.provisional), answer.reasons[0])
        message = (
            f"Borgeren i jobafklaringsforløb hører fra {dato(move)} til målgruppen "
            f"{group_name(SICK_LISTED_GROUP).lower()}, men der er ikke sat en opfølgning "
            "(intet næste skridt og ingen samtale siden)."
        )
        gaps.append(_gap(GAP_JAF_2027, message, basis, move, course_key=course.key))
    return gaps


def _last_contact(history: History, since: date, on: date) -> date | None:
    held = [d for d in history.contacts if since <= d <= on]
    return max(held) if held else None


def _spell_contact_gap(history: History, spell: SpellRecord, on: date) -> Gap | None:
    plan = follow_up(_spell_facts(history, spell, on), on)
    for deadline in sorted(plan.deadlines, key=lambda d: d.due):
        if on <= deadline.due:
            continue
        if any(spell.onset_date <= held <= deadline.due for held in history.contacts):
            continue
        message = (
            f"Ingen samtale i sygedagpengesagen inden fristen {dato(deadline.due)} "
            f"(første fraværsdag {dato(spell.onset_date)})."
        )
        return _gap(GAP_CONTACT, message, deadline.reason, deadline.due, spell_key=spell.key)
    return None


def _course_contact_gap(history: History, course: CourseRecord, on: date) -> Gap | None:
    param = load_params().at(on)[CONTACT_PARAM]
    last = _last_contact(history, course.referral_date, on) or course.referral_date
    allowed_until = add_months(last, int(param.value))
    if on <= allowed_until:
        return None
    since = (
        f"seneste samtale {dato(last)}"
        if last != course.referral_date
        else (f"ingen samtale siden visitationen {dato(last)}")
    )
    message = f"Ingen samtale i over {param.value} måneder ({since})."
    return _gap(GAP_CONTACT, message, param.reason(message), allowed_until, course_key=course.key)


def contact_gaps(history: History, on: date) -> list[Gap]:
    """For each spell and course running on `on`: a conversation missing past what the rules
    in force allow."""
    gaps: list[Gap | None] = []
    for spell in history.spells:
        if spell.onset_date <= on and (spell.end_date is None or spell.end_date >= on):
            gaps.append(_spell_contact_gap(history, spell, on))
    for course in history.courses:
        if course.start_date <= on <= course_end(course):
            gaps.append(_course_contact_gap(history, course, on))
    return [g for g in gaps if g is not None]


def find_gaps(history: History, on: date) -> tuple[Gap, ...]:
    """Every gap in one person's history as of `on`."""
    return (
        *limit_gaps(history, on),
        *course_end_gaps(history, on),
        *means_test_gaps(history, on),
        *jaf_2027_gaps(history, on),
        *contact_gaps(history, on),
    )
