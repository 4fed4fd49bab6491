"""What the law (and the track) says about one case: its facts for `sporskifte.rules`, the
timeline shown on the case page, the contact plan, and the alerts that should be open.

Plain functions over already-loaded objects: nothing here writes to the database. Every date
carries the `Reason` behind it (its text, the legal rule and the source).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from django.conf import settings

from sporskifte.citizens.alerts import AlertSpec
from sporskifte.citizens.models import Alert, SicknessSpell
from sporskifte.lib import danish
from sporskifte.rules import Reason
from sporskifte.rules._text import dato
from sporskifte.rules.params import load_params
from sporskifte.rules.sickness import (
    EMPLOYMENT_STATUSES,
    BenefitPeriod,
    EmploymentStatus,
    FollowUp,
    LimitClock,
    SpellFacts,
    benefit_start,
    follow_up,
    limit_clock,
)
from sporskifte.sickness.models import ContactDue, Review, SpellCase, Track

POLICY_RULE = "Sporskiftes sporpolitik (kommunens beslutning)"


@dataclass(frozen=True)
class Policy:
    """The municipality's choices for the case (not law), from the settings
    `SICKNESS_LIMIT_WARNING_DAYS`, `SICKNESS_FIRST_WEEK_*`, `SICKNESS_INTERDISCIPLINARY_WEEKS`
    and `SICKNESS_MIN_NOTICE_DAYS` (see the README's settings table)."""

    limit_warning_days: int
    first_week_interdisciplinary: int
    first_week_other: int
    interdisciplinary_weeks: tuple[int, ...]
    min_notice_days: int

    def first_week(self, track: str) -> int:
        """Week of the spell by which the first conversation is planned on `track`."""
        if track == Track.INTERDISCIPLINARY:
            return self.first_week_interdisciplinary
        return self.first_week_other


def policy() -> Policy:
    """The municipal policy in force (read from the settings on every call)."""
    return Policy(
        limit_warning_days=settings.SICKNESS_LIMIT_WARNING_DAYS,
        first_week_interdisciplinary=settings.SICKNESS_FIRST_WEEK_INTERDISCIPLINARY,
        first_week_other=settings.SICKNESS_FIRST_WEEK_OTHER,
        interdisciplinary_weeks=tuple(settings.SICKNESS_INTERDISCIPLINARY_WEEKS),
        min_notice_days=settings.SICKNESS_MIN_NOTICE_DAYS,
    )


LIMIT_NEAR = "limit_22_weeks_near"
EXEMPT_NOT_BACK = "exempt_not_back"
MIN_CONVERSATION_OVERDUE = "min_conversation_overdue"
HIGH_RISK_EXEMPT = "high_risk_exempt"
ALERT_CODES: tuple[str, ...] = (
    LIMIT_NEAR,
    EXEMPT_NOT_BACK,
    MIN_CONVERSATION_OVERDUE,
    HIGH_RISK_EXEMPT,
)
DUE_SOON_DAYS = 7
"""An alert's date within this many days is 'due'; further out it is 'approaching'."""


def alert_state(due: date | None, on: date) -> str:
    """'reached' (the date has come or passed), 'due' (within `DUE_SOON_DAYS`) or
    'approaching'; an alert without a date is 'reached' (it is true now)."""
    if due is None or due <= on:
        return "reached"
    return "due" if (due - on).days <= DUE_SOON_DAYS else "approaching"


def alert_heading(code: str, due: date | None, on: date) -> str:
    """The alert's heading worded by its state on `on`: the limit *was reached* on a date,
    *is reached* on a date, or *is approaching*; a missed conversation was due on a date."""
    state = alert_state(due, on)
    when = dato(due) if due else ""
    if code == LIMIT_NEAR:
        if state == "reached":
            return f"Grænsen for sygedagpenge blev nået {when} uden forlængelsesgrundlag"
        if state == "due":
            return f"Grænsen for sygedagpenge nås {when} uden forlængelsesgrundlag"
        return f"Grænsen for sygedagpenge nærmer sig (nås {when}) uden forlængelsesgrundlag"
    if code == MIN_CONVERSATION_OVERDUE:
        return f"Lovens minimumssamtale skulle være holdt senest {when}"
    if code == EXEMPT_NOT_BACK:
        return f"Fritaget person ventedes tilbage {when} og er ikke raskmeldt"
    return ALERT_LABELS.get(code, code)


ALERT_LABELS: dict[str, str] = {
    LIMIT_NEAR: "Grænsen for sygedagpenge uden forlængelsesgrundlag",
    EXEMPT_NOT_BACK: "Fritaget person er ikke raskmeldt til forventet tid",
    MIN_CONVERSATION_OVERDUE: "Lovens minimumssamtale er overskredet",
    HIGH_RISK_EXEMPT: "Høj risiko i sporet uden opfølgning",
}

_DEADLINE_KINDS: dict[str, str] = {
    "fast_track_conversation": ContactDue.Kind.FAST_TRACK,
    "first_conversation": ContactDue.Kind.FIRST,
    "conversation_first_half_year": ContactDue.Kind.HALF_YEAR,
    "conversations_first_half_year": ContactDue.Kind.HALF_YEAR,
}
_DEADLINE_LABELS: dict[str, str] = {
    "fast_track_conversation": "Samtale efter anmodning om tidlig opfølgning senest",
    "first_conversation": "Første opfølgningssamtale senest",
    "conversation_first_half_year": "Samtale i første halvår senest",
    "conversations_first_half_year": "Samtaler i første halvår senest",
}


def days(n: int) -> timedelta:
    return timedelta(days=n)


# --------------------------------------------------------------------------- facts


def prior_periods(earlier: Iterable[SicknessSpell], onset: date) -> tuple[BenefitPeriod, ...]:
    """The counted periods of a person's earlier, ended spells (the first 30 days, 2 weeks for
    the self-employed, left out: `rules.sickness.benefit_start`), for the duration limit's
    window of calendar months."""
    periods = []
    for spell in earlier:
        if not spell.ended or spell.duration_weeks is None or spell.onset_date >= onset:
            continue
        last = spell.onset_date + days(math.ceil(7 * spell.duration_weeks) - 1)
        simple = SpellFacts(spell.onset_date, _status(spell), None, None)
        first = benefit_start(simple, spell.onset_date)
        if first <= last < onset:
            periods.append((first, last))
    return tuple(sorted(periods))


def _status(spell: SicknessSpell) -> EmploymentStatus:
    status = spell.employment_status
    return cast(EmploymentStatus, status if status in EMPLOYMENT_STATUSES else "other")


def spell_facts(
    case: SpellCase,
    spell: SicknessSpell,
    *,
    first_conversation: date | None = None,
    prior: tuple[BenefitPeriod, ...] = (),
) -> SpellFacts:
    """The case as `sporskifte.rules` needs it."""
    return SpellFacts(
        onset_date=spell.onset_date,
        employment_status=_status(spell),
        expected_return_weeks=spell.expected_return_weeks,
        employer_expected_return_weeks=spell.employer_expected_return_weeks,
        fast_track_request_date=case.fast_track_request_date,
        prior_benefit_periods=prior,
        extension_ground=case.extension_ground or None,
        first_conversation_date=first_conversation,
        spell_end=case.returned_on - days(1) if case.returned_on else None,
    )


@dataclass(frozen=True)
class Assessment:
    """The rules' answers for one case as of a date."""

    facts: SpellFacts
    fu: FollowUp
    clock: LimitClock


def assess(
    case: SpellCase,
    spell: SicknessSpell,
    on: date,
    *,
    first_conversation: date | None = None,
    prior: tuple[BenefitPeriod, ...] = (),
) -> Assessment:
    """Follow-up duties and the limit clock for the case on `on`."""
    facts = spell_facts(case, spell, first_conversation=first_conversation, prior=prior)
    return Assessment(facts, follow_up(facts, on), limit_clock(facts, on))


def expected_return(spell: SicknessSpell) -> date | None:
    """The first day back the person (and the employer) expect: the later of the two."""
    stated = [
        w
        for w in (spell.expected_return_weeks, spell.employer_expected_return_weeks)
        if w is not None
    ]
    return spell.onset_date + days(7 * max(stated)) if stated else None


def exemption_reason(text: str, on: date) -> Reason:
    """A reason resting on the exemption rule in force on `on` (the reform's 26-week rule,
    or § 13 f before it)."""
    pa = load_params().at(on)
    param = pa.get("sickness.reform_exemption_weeks") or pa.get("sickness.section_13f_weeks")
    if param is None:
        return Reason(text, "Sygedagpengeloven § 13", "", False)
    return param.reason(text)


def half_year_end(spell: SicknessSpell, on: date) -> date:
    """The last day of week 26 counted from the first absence day."""
    weeks = int(load_params().at(on).value("sickness.horizon_weeks"))
    return spell.onset_date + days(7 * weeks - 1)


# --------------------------------------------------------------------------- timeline


@dataclass(frozen=True)
class TimelineItem:
    """A dated event in the law's timeline for one spell, with the rule behind it."""

    label: str
    when: date
    reason: Reason
    kind: str = "law"


def timeline(spell: SicknessSpell, fu: FollowUp, clock: LimitClock, on: date) -> list[TimelineItem]:
    """First conversation, fast track, expected return, the 22-week limit, the 26-week mark."""
    items = [
        TimelineItem(_DEADLINE_LABELS.get(d.kind, d.kind), d.due, d.reason) for d in fu.deadlines
    ]
    back = expected_return(spell)
    if fu.exempt and back is not None:
        reason = exemption_reason(
            "Fritaget for opfølgning: kommunen kontrollerer kun, at den sygemeldte er tilbage.", on
        )
        items.append(TimelineItem("Forventet tilbage (kontrol af raskmelding)", back, reason))
    items.extend(_limit_items(clock))
    horizon = load_params().at(on)["sickness.horizon_weeks"]
    text = (
        f"Første halvår slutter ved udgangen af uge {horizon.value}. Screeningen vurderer, om "
        "fraværet varer længere."
    )
    items.append(TimelineItem("26-ugers-mærket", half_year_end(spell, on), horizon.reason(text)))
    return sorted(items, key=lambda item: item.when)


def limit_label(clock: LimitClock) -> str:
    """'22-ugers-grænsen' (§ 24) or '26-ugers-grænsen' (§ 25, pensioners)."""
    return f"{clock.limit_days // 7}-ugers-grænsen"


def _limit_items(clock: LimitClock) -> list[TimelineItem]:
    """The limit, the stop at the month's end (or no payment at all when the right was used
    up before the spell, 15-15) and the latest end of a § 27 extension with a fixed length."""
    if clock.limit_date is None or clock.stop_date is None:
        return []
    if clock.entitlement_reason is not None:
        label = "Ingen sygedagpenge fra kommunen: retten var opbrugt ved sygemeldingen"
        return [TimelineItem(label, clock.limit_date, clock.entitlement_reason)]
    stop_label = (
        "Forlænget efter § 27 (udbetalingen stopper ikke ved revurderingen)"
        if clock.extended
        else "Sygedagpenge stopper uden forlængelse"
    )
    items = [
        TimelineItem(
            f"Første dag, der tæller med i {limit_label(clock)}",
            clock.benefit_start,
            clock.start_reason,
        ),
        TimelineItem(f"{limit_label(clock)} nås", clock.limit_date, clock.limit_reason),
        TimelineItem(stop_label, clock.stop_date, clock.stop_reason),
    ]
    if clock.extension_end is not None:
        items.append(
            TimelineItem("Forlængelsen slutter senest", clock.extension_end, clock.stop_reason)
        )
    return items


# --------------------------------------------------------------------------- contact plan


@dataclass(frozen=True)
class PlanItem:
    """One wanted entry of the contact plan."""

    key: str
    kind: str
    due: date
    deadline: date | None
    legal: bool
    reason: Reason


def _first_due(spell: SicknessSpell, track: str, deadline: date, opened_on: date) -> date:
    chosen = policy()
    preferred = spell.onset_date + days(7 * chosen.first_week(track) - 1)
    earliest = opened_on + days(chosen.min_notice_days)
    return min(deadline, max(preferred, earliest))


def _legal_items(spell: SicknessSpell, fu: FollowUp, track: str, opened_on: date) -> list[PlanItem]:
    items = []
    for d in fu.deadlines:
        kind = _DEADLINE_KINDS.get(d.kind, ContactDue.Kind.FOLLOW_UP)
        due = d.due if d.kind == "fast_track_conversation" else None
        due = due or _first_due(spell, track, d.due, opened_on)
        items.append(PlanItem(f"law:{d.kind}", kind, due, d.due, True, d.reason))
    return items


def _policy_reason(text: str) -> Reason:
    return Reason(text, POLICY_RULE, "", False)


def _recovery_check(spell: SicknessSpell, fu: FollowUp, on: date) -> list[PlanItem]:
    back = expected_return(spell)
    if back is None:
        return []
    text = (
        "Ingen opfølgning ud over kontrol af, at den sygemeldte er tilbage som forventet "
        f"({dato(back)})."
    )
    reason = exemption_reason(text, on) if fu.exempt else _policy_reason(text)
    return [
        PlanItem("track:recovery_check", ContactDue.Kind.RECOVERY_CHECK, back, None, False, reason)
    ]


def _track3_items(spell: SicknessSpell, after: date) -> list[PlanItem]:
    reason = _policy_reason(
        "Tværfaglig indsats: opfølgningssamtale ca. hver 6. uge i første halvår."
    )
    items = []
    for week in policy().interdisciplinary_weeks:
        due = spell.onset_date + days(7 * week - 1)
        if due > after:
            items.append(
                PlanItem(f"track:week{week}", ContactDue.Kind.FOLLOW_UP, due, None, False, reason)
            )
    return items


def contact_plan(
    case: SpellCase, spell: SicknessSpell, fu: FollowUp, track: str, on: date
) -> list[PlanItem]:
    """The wanted contact plan: the law's deadlines whatever the track, then the track's own
    entries (the exempt track's recovery check; the cross-disciplinary track's extra
    conversations; a conversation for a light track the law does not require)."""
    items = _legal_items(spell, fu, track, case.opened_on)
    if track == Track.NONE:
        items += _recovery_check(spell, fu, on)
    elif track == Track.INTERDISCIPLINARY:
        last = max([i.due for i in items], default=case.opened_on)
        items += _track3_items(spell, max(last, case.opened_on))
    elif not items:
        due = _first_due(spell, track, half_year_end(spell, case.opened_on), case.opened_on)
        reason = _policy_reason("Let opfølgning: én opfølgningssamtale, selv om loven fritager.")
        items.append(PlanItem("track:week8", ContactDue.Kind.FOLLOW_UP, due, None, False, reason))
    return items


# --------------------------------------------------------------------------- alerts


@dataclass(frozen=True)
class AlertInputs:
    """What the alert checks read for one case (loaded by the caller, one query per kind)."""

    case: SpellCase
    spell: SicknessSpell
    fu: FollowUp
    clock: LimitClock
    review_state: str | None
    flagged: bool
    p_long: float | None
    overdue: Sequence[ContactDue]


def _limit_alert(x: AlertInputs, on: date) -> AlertSpec | None:
    limit = x.clock.limit_date
    warning = policy().limit_warning_days
    if x.case.extension_ground or limit is None or (limit - on).days > warning:
        return None
    reason = x.clock.limit_reason
    stop = x.clock.stop_date or limit
    passed = "blev nået" if limit <= on else "nås"
    stops = "stoppede" if stop < on else "stopper"
    message = (
        f"{limit_label(x.clock)} {passed} {dato(limit)}; uden forlængelse {stops} "
        f"sygedagpengene {dato(stop)}. Der er ikke registreret et forlængelsesgrundlag (§ 27)."
    )
    if not x.clock.entitled_at_start:
        message = (
            f"Retten til sygedagpenge var opbrugt, da kommunen skulle begynde at betale "
            f"{dato(limit)} (principafgørelse 15-15): kommunen udbetaler ikke sygedagpenge i "
            "dette forløb, medmindre der er et forlængelsesgrundlag (§ 27)."
        )
    severity = Alert.Severity.ERROR if limit <= on else Alert.Severity.WARNING
    return AlertSpec(
        LIMIT_NEAR,
        message,
        reason.rule,
        reason.source,
        reason.provisional,
        severity,
        limit,
        x.case.person,
        x.spell,
    )


def _exempt_alert(x: AlertInputs, on: date) -> AlertSpec | None:
    back = expected_return(x.spell)
    if not x.fu.exempt or x.case.track != Track.NONE or back is None or on <= back:
        return None
    reason = exemption_reason("", on)
    message = (
        f"Forventet tilbage {dato(back)}, men raskmelding er ikke registreret. Kontrollér, om "
        "personen er tilbage, eller vurdér sporet igen."
    )
    return AlertSpec(
        EXEMPT_NOT_BACK,
        message,
        reason.rule,
        reason.source,
        reason.provisional,
        Alert.Severity.WARNING,
        back,
        x.case.person,
        x.spell,
    )


def _overdue_alert(x: AlertInputs, on: date) -> AlertSpec | None:
    late = [d for d in x.overdue if d.legal and d.deadline is not None and d.deadline < on]
    if not late:
        return None
    first = min(late, key=lambda d: d.deadline or on)
    assert first.deadline is not None
    message = f"{first.get_kind_display()} skulle have været holdt senest {dato(first.deadline)}."
    return AlertSpec(
        MIN_CONVERSATION_OVERDUE,
        message,
        first.rule,
        first.source,
        first.provisional,
        Alert.Severity.ERROR,
        first.deadline,
        x.case.person,
        x.spell,
    )


def _high_risk_alert(x: AlertInputs, on: date) -> AlertSpec | None:
    if not x.flagged or x.case.track != Track.NONE or x.review_state != Review.State.AWAITING:
        return None
    risk = danish.pct(x.p_long, 0) if x.p_long is not None else "høj"
    message = (
        f"Loven fritager, men risikoen for fravær over 26 uger er {risk}. En sagsbehandler "
        "skal vurdere sagen, før fritagelsen bruges."
    )
    rule = "Sporskiftes sporpolitik (menneskelig vurdering); GDPR art. 22"
    return AlertSpec(
        HIGH_RISK_EXEMPT,
        message,
        rule,
        "https://gdprinfo.eu/da/da-article-22",
        False,
        Alert.Severity.WARNING,
        on,
        x.case.person,
        x.spell,
    )


def alert_specs(x: AlertInputs, on: date) -> list[AlertSpec]:
    """The alerts that should be open for this case now (none once the case is closed)."""
    if not x.case.is_open:
        return []
    checks = (_limit_alert, _exempt_alert, _overdue_alert, _high_risk_alert)
    return [spec for check in checks if (spec := check(x, on)) is not None]
