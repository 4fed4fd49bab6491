"""Sickness-benefit (sygedagpenge) follow-up and the duration-limit clock, as of a date.

Regimes (parameter `sickness.follow_up_regime`, keyed on the date asked about, `on`; the
amending laws' transition provisions were not in the sources, so a running spell switches
regime on the day the new rules take effect):

- ``pre_2025``: categories 1-3 (SDL § 12). Category 1 (fit within 8 weeks): the municipality
  decides; past week 8 the person is re-visited to category 2. Categories 2/3: at least 4
  conversations in the first half-year, the first by the end of week 8 (§ 13 b).
- ``2025``: categories 1-2; § 13 f exempts an employed person with a predictable course who is
  expected fully fit before the end of week 13 counted from the first follow-up conversation.
- ``reform_2026`` (lov 1750; effective date provisional): an employed person whom *both* the
  person and the employer expect back in under 26 weeks (25 yes, 26 no) is exempt; everybody
  else gets at least one conversation in the first half-year.

In every regime a fast-track request made within the first 5 weeks gives a conversation within
2 weeks of the request. Weeks are counted from the first absence day (day 1 = `onset_date`), so
"the end of week 8" is onset + 55 days.

The limit clock (SDL § 24, stk. 1): sygedagpenge stop at the end of the month in which benefit
has been paid for *more than* 22 weeks (154 days) within the previous 9 calendar months, the
employer period (first 30 days for an employee) not counted. § 27 gives seven extension grounds;
life-threatening illness also restores entitlement past the limit (from 2018).

Hot path: parameters and fixed reasons are built once per date (`_context`), answers are frozen
dataclasses with slots, and the limit search is a binary search over at most 155 days.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.params import Param, load_params

EmploymentStatus = Literal["employed", "unemployed", "self_employed", "flexjob", "other"]
EMPLOYMENT_STATUSES: frozenset[str] = frozenset(
    {"employed", "unemployed", "self_employed", "flexjob", "other"}
)

# The half-year horizon (param `sickness.horizon_weeks`, 26 since 2014); a module constant for
# callers that need it without a date. A test checks it equals the parameter.
HORIZON_WEEKS = 26
horizon_weeks = HORIZON_WEEKS

PRE_2025, RULES_2025, REFORM_2026 = "pre_2025", "2025", "reform_2026"

# Danish wording of SDL § 27, stk. 1, nr. 1-7, in the law's order (codes as in the parameter).
EXTENSION_GROUND_LABELS: dict[str, str] = {
    "revalidering": "Det er overvejende sandsynligt, at revalidering kan iværksættes",
    "arbejdsevne_afklaring": "Det er nødvendigt at afklare arbejdsevnen",
    "behandling": "Den sygemeldte er under eller venter på lægebehandling",
    "rehabiliteringsteam": "Sagen skal forelægges rehabiliteringsteamet",
    "livstruende_sygdom": "Den sygemeldte har en livstruende, alvorlig sygdom",
    "arbejdsskade": "Der er rejst sag om erstatning for en arbejdsskade",
    "foertidspension": "Der er modtaget en ansøgning om førtidspension",
}
LIFE_THREATENING = "livstruende_sygdom"

BenefitPeriod = tuple[date, date]


@dataclass(frozen=True, slots=True)
class SpellFacts:
    """One sickness spell as the rules need it.

    `expected_return_weeks` / `employer_expected_return_weeks`: whole weeks from the first
    absence day until the person is expected back, as stated by the person and by the
    employer (both are needed for the reform's 26-week test). `prior_benefit_periods`: earlier
    periods (inclusive) in which the municipality paid sygedagpenge, employer periods already
    left out. `spell_end`: last absence day if the spell has ended. `first_conversation_date`:
    when known (the § 13 f test counts from it). `other_barriers`: category 3 before 2025.
    """

    onset_date: date
    employment_status: EmploymentStatus
    expected_return_weeks: int | None
    employer_expected_return_weeks: int | None
    fast_track_request_date: date | None = None
    prior_benefit_periods: tuple[BenefitPeriod, ...] = ()
    extension_ground: str | None = None
    first_conversation_date: date | None = None
    other_barriers: bool = False
    predictable_course: bool = True
    spell_end: date | None = None

    def __post_init__(self) -> None:
        if self.employment_status not in EMPLOYMENT_STATUSES:
            raise ValueError(
                f"employment_status must be one of {sorted(EMPLOYMENT_STATUSES)}, "
                f"got {self.employment_status!r}"
            )
        if self.extension_ground is not None and self.extension_ground not in (
            EXTENSION_GROUND_LABELS
        ):
            raise ValueError(
                f"extension_ground must be one of {list(EXTENSION_GROUND_LABELS)}, "
                f"got {self.extension_ground!r}"
            )
        for weeks in (self.expected_return_weeks, self.employer_expected_return_weeks):
            if weeks is not None and weeks < 0:
                raise ValueError("expected return weeks must be >= 0")


@dataclass(frozen=True, slots=True)
class Deadline:
    """A follow-up deadline: what must happen (`kind`), by when (inclusive), and why."""

    kind: str
    due: date
    reason: Reason


@dataclass(frozen=True, slots=True)
class FollowUp:
    """Follow-up duties for a spell as of a date."""

    regime: str
    category: int | None
    exempt: bool
    conversations_required: int
    deadlines: tuple[Deadline, ...]
    reasons: tuple[Reason, ...]

    @property
    def provisional(self) -> bool:
        """True if any reason or deadline rests on a provisional value."""
        return any(r.provisional for r in self.reasons) or any(
            d.reason.provisional for d in self.deadlines
        )


@dataclass(frozen=True, slots=True)
class ExtensionGround:
    """One of the seven § 27 extension grounds."""

    number: int
    code: str
    reason: Reason


@dataclass(frozen=True, slots=True)
class LimitClock:
    """The duration-limit clock of a spell as of `on`.

    `limit_date` is the first day on which more than 22 weeks have been paid within the
    9-month window (None if the spell ends first); `stop_date` is the last day of that month,
    when payment stops unless the spell is extended.
    """

    on: date
    benefit_start: date
    days_used: int
    limit_days: int
    limit_date: date | None
    stop_date: date | None
    limit_passed: bool
    extension_ground: str | None
    extended: bool
    restores_entitlement: bool
    outcome_at_limit: str
    extension_grounds: tuple[ExtensionGround, ...]
    reasons: tuple[Reason, ...]

    @property
    def weeks_used(self) -> float:
        """Benefit weeks used within the window (days / 7)."""
        return self.days_used / 7

    @property
    def provisional(self) -> bool:
        """True if any reason rests on a provisional value."""
        return any(r.provisional for r in self.reasons)


# --------------------------------------------------------------------------- context per date


@dataclass(frozen=True, slots=True)
class _Context:
    regime: str
    horizon_days: int
    cat1_days: int | None
    first_by_days: int | None
    min_conversations: int
    f13_weeks: int | None
    exemption_weeks: int | None
    ft_request_days: int
    ft_conversation_days: int
    employer_days: int
    limit_days: int
    window_months: int
    life_restores: bool
    r_regime: Reason
    p_min: Param
    p_f13: Param | None
    p_exempt: Param | None
    p_first: Param | None
    p_cat1: Param | None
    p_ft: Param
    r_employer: Reason
    r_limit: Reason
    grounds: tuple[ExtensionGround, ...]


_REGIME_TEXT = {
    PRE_2025: "Reglerne før 2025 gælder: visitation til kategori 1, 2 eller 3.",
    RULES_2025: "Reglerne fra 1. januar 2025 gælder: kategori 1 eller 2 og § 13 f.",
    REFORM_2026: (
        "Reformens regler gælder: beskæftigede, der forventes tilbage inden 26 uger, er som "
        "udgangspunkt fritaget; øvrige skal have mindst én samtale i første halvår."
    ),
}


def _optional(p: dict[str, Param], key: str) -> Param | None:
    return p.get(key)


@functools.lru_cache(maxsize=8192)
def _context(on: date) -> _Context:
    pa = load_params().at(on)
    p = dict(pa.items())
    regime = pa["sickness.follow_up_regime"]
    cat1, first = _optional(p, "sickness.category1_max_weeks"), p.get(
        "sickness.first_conversation_by_week"
    )
    f13, exempt = p.get("sickness.section_13f_weeks"), p.get("sickness.reform_exemption_weeks")
    employer, limit = pa["sickness.employer_period_days"], pa["sickness.limit_weeks"]
    window = pa["sickness.limit_window_months"]
    return _Context(
        regime=regime.value,
        horizon_days=7 * pa.value("sickness.horizon_weeks"),
        cat1_days=7 * cat1.value if cat1 else None,
        first_by_days=7 * first.value if first else None,
        min_conversations=pa.value("sickness.min_conversations_first_half_year"),
        f13_weeks=f13.value if f13 else None,
        exemption_weeks=exempt.value if exempt else None,
        ft_request_days=7 * pa.value("sickness.fast_track_request_weeks"),
        ft_conversation_days=7 * pa.value("sickness.fast_track_conversation_weeks"),
        employer_days=employer.value,
        limit_days=7 * limit.value,
        window_months=window.value,
        life_restores=bool(pa.value("sickness.life_threatening_restores")),
        r_regime=regime.reason(_REGIME_TEXT[regime.value]),
        p_min=pa["sickness.min_conversations_first_half_year"],
        p_f13=f13,
        p_exempt=exempt,
        p_first=first,
        p_cat1=cat1,
        p_ft=pa["sickness.fast_track_conversation_weeks"],
        r_employer=employer.reason(
            f"Arbejdsgiverperioden (de første {employer.value} kalenderdage) tæller ikke med."
        ),
        r_limit=limit.reason(
            f"Sygedagpenge ophører ved udgangen af den måned, hvor der er udbetalt i mere end "
            f"{limit.value} uger inden for de seneste {window.value} måneder."
        ),
        grounds=_grounds(pa["sickness.extension_grounds"]),
    )


def _grounds(param: Param) -> tuple[ExtensionGround, ...]:
    return tuple(
        ExtensionGround(
            number=i,
            code=code,
            reason=Reason(
                f"§ 27, stk. 1, nr. {i}: {EXTENSION_GROUND_LABELS[code]}.",
                f"Sygedagpengeloven § 27, stk. 1, nr. {i}",
                param.source,
                param.provisional,
            ),
        )
        for i, code in enumerate(param.value, start=1)
    )


# --------------------------------------------------------------------------- exemption


def _r(param: Param | None, text: str) -> Reason:
    assert param is not None
    return param.reason(text)


def _exemption_2025(facts: SpellFacts, ctx: _Context) -> Answer[bool]:
    """§ 13 f: employed, predictable, fit before the end of week 13 from the first conversation."""
    weeks = ctx.f13_weeks
    assert weeks is not None
    if facts.employment_status != "employed" or not facts.predictable_course:
        text = "§ 13 f gælder kun beskæftigede med et forudsigeligt forløb."
        return Answer(False, (_r(ctx.p_f13, text),))
    if facts.expected_return_weeks is None:
        return Answer(False, (_r(ctx.p_f13, "Forventet varighed er ikke oplyst; § 13 f kan "
                                            "ikke anvendes."),))  # fmt: skip
    first = facts.first_conversation_date or facts.onset_date + timedelta(
        days=(ctx.first_by_days or 0) - 1
    )
    last_sick_day = facts.onset_date + timedelta(days=7 * facts.expected_return_weeks - 1)
    end_of_week = first + timedelta(days=7 * weeks - 1)
    ok = last_sick_day <= end_of_week
    verdict = "inden" if ok else "efter"
    text = (
        f"Forventet fuldt rask {verdict} udgangen af uge {weeks} regnet fra første "
        f"opfølgningssamtale ({first.isoformat()}): "
        + ("ingen yderligere opfølgning end kontrol af raskmelding." if ok else "ikke fritaget.")
    )
    return Answer(ok, (_r(ctx.p_f13, text),))


def _exemption_reform(facts: SpellFacts, ctx: _Context) -> Answer[bool]:
    """Reform: employed AND person AND employer expect return in under 26 weeks."""
    limit = ctx.exemption_weeks
    assert limit is not None
    if facts.employment_status != "employed":
        return Answer(False, (_r(ctx.p_exempt, "Fritagelsen gælder kun sygemeldte i job."),))
    reasons = []
    ok = True
    for who, weeks in (
        ("Den sygemeldte", facts.expected_return_weeks),
        ("Arbejdsgiveren", facts.employer_expected_return_weeks),
    ):
        if weeks is None:
            ok = False
            reasons.append(_r(ctx.p_exempt, f"{who}s forventning er ikke oplyst."))
            continue
        under = weeks < limit
        ok = ok and under
        relation = "under" if under else "ikke under"
        reasons.append(
            _r(ctx.p_exempt, f"{who} forventer fravær i {weeks} uger, {relation} {limit} uger.")
        )
    return Answer(ok, tuple(reasons))


def _exemption(facts: SpellFacts, ctx: _Context) -> Answer[bool]:
    if ctx.regime == REFORM_2026:
        return _exemption_reform(facts, ctx)
    if ctx.regime == RULES_2025:
        return _exemption_2025(facts, ctx)
    return Answer(False, (ctx.r_regime,))


def exemption(facts: SpellFacts, on: date) -> Answer[bool]:
    """Is the spell exempt from (further) municipal follow-up under the rules in force on `on`?

    Reform regime: the 26-week rule (both expectations strictly under 26 weeks). 2025 regime:
    § 13 f. Before 2025: no exemption rule (False).
    """
    return _exemption(facts, _context(on))


# --------------------------------------------------------------------------- follow-up


def _category(facts: SpellFacts, ctx: _Context, on: date) -> tuple[int, Reason]:
    cat1_days = ctx.cat1_days or 0
    weeks = facts.expected_return_weeks
    past_cat1 = on >= facts.onset_date + timedelta(days=cat1_days) and (
        facts.spell_end is None or facts.spell_end >= facts.onset_date + timedelta(days=cat1_days)
    )
    if weeks is not None and 7 * weeks <= cat1_days and not past_cat1:
        return 1, _r(ctx.p_cat1, f"Kategori 1: forventet rask inden for {cat1_days // 7} uger.")
    cat = 3 if facts.other_barriers and ctx.regime == PRE_2025 else 2
    why = (
        "fraværet har passeret 8 uger (revisitation)"
        if weeks is not None and 7 * weeks <= cat1_days
        else "forventet fravær over 8 uger eller ikke oplyst"
    )
    return cat, _r(ctx.p_cat1, f"Kategori {cat}: {why}.")


def _fast_track(facts: SpellFacts, ctx: _Context) -> tuple[tuple[Deadline, ...], Reason | None]:
    req = facts.fast_track_request_date
    if req is None:
        return (), None
    if (req - facts.onset_date).days >= ctx.ft_request_days:
        text = (
            f"Anmodningen om tidlig opfølgning kom efter de første {ctx.ft_request_days // 7} "
            "uger; ingen fast track-frist."
        )
        return (), ctx.p_ft.reason(text)
    due = req + timedelta(days=ctx.ft_conversation_days)
    text = (
        f"Fast track: anmodning inden for de første {ctx.ft_request_days // 7} uger giver en "
        f"samtale senest {ctx.ft_conversation_days // 7} uger efter anmodningen."
    )
    return (Deadline("fast_track_conversation", due, ctx.p_ft.reason(text)),), None


def _legacy_deadlines(facts: SpellFacts, ctx: _Context, n: int) -> tuple[Deadline, ...]:
    first_by = ctx.first_by_days or 0
    first = Deadline(
        "first_conversation",
        facts.onset_date + timedelta(days=first_by - 1),
        _r(ctx.p_first, f"Første opfølgningssamtale senest ved udgangen af uge {first_by // 7}."),
    )
    if n <= 1:
        return (first,)
    half = Deadline(
        "conversations_first_half_year",
        facts.onset_date + timedelta(days=ctx.horizon_days - 1),
        ctx.p_min.reason(f"Mindst {n} opfølgningssamtaler i første halvår."),
    )
    return first, half


def _legacy(facts: SpellFacts, ctx: _Context, on: date) -> FollowUp:
    category, cat_reason = _category(facts, ctx, on)
    reasons = [ctx.r_regime, cat_reason]
    if category == 1:
        return FollowUp(ctx.regime, 1, False, 0, (), tuple(reasons))
    exempt = False
    n = ctx.min_conversations
    if ctx.regime == RULES_2025:
        f13 = _exemption_2025(facts, ctx)
        reasons.extend(f13.reasons)
        exempt = f13.value
        n = 1 if exempt else n
    return FollowUp(ctx.regime, category, exempt, n, _legacy_deadlines(facts, ctx, n), tuple(reasons))


def _reform(facts: SpellFacts, ctx: _Context) -> FollowUp:
    ex = _exemption_reform(facts, ctx)
    reasons = (ctx.r_regime, *ex.reasons)
    if ex.value:
        return FollowUp(ctx.regime, None, True, 0, (), reasons)
    n = ctx.min_conversations
    due = facts.onset_date + timedelta(days=ctx.horizon_days - 1)
    text = f"Mindst {n} samtale i første halvår (senest {due.isoformat()})."
    return FollowUp(
        ctx.regime, None, False, n, (Deadline("conversation_first_half_year", due,
                                              ctx.p_min.reason(text)),), reasons
    )  # fmt: skip


def follow_up(facts: SpellFacts, on: date) -> FollowUp:
    """Regime, category, exemption, required conversations and deadlines as of `on`."""
    ctx = _context(on)
    result = _reform(facts, ctx) if ctx.regime == REFORM_2026 else _legacy(facts, ctx, on)
    ft, ft_reason = _fast_track(facts, ctx)
    if ft or ft_reason:
        extra = (ft_reason,) if ft_reason else ()
        result = FollowUp(
            result.regime,
            result.category,
            result.exempt,
            result.conversations_required,
            tuple(sorted(result.deadlines + ft, key=lambda d: d.due)),
            result.reasons + extra,
        )
    return result


def follow_up_many(spells: Iterable[SpellFacts], on: date) -> list[FollowUp]:
    """`follow_up` for many spells on one date."""
    return [follow_up(s, on) for s in spells]


# --------------------------------------------------------------------------- limit clock

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def minus_months(d: date, months: int) -> date:
    """`d` moved back `months` calendar months, the day clamped to the month's length."""
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    return date(y, m + 1, min(d.day, _month_days(y, m + 1)))


def end_of_month(d: date) -> date:
    """The last day of `d`'s month."""
    return date(d.year, d.month, _month_days(d.year, d.month))


def benefit_start(facts: SpellFacts, on: date) -> date:
    """First day the municipality pays: after the employer period for an employee."""
    if facts.employment_status == "employed":
        return facts.onset_date + timedelta(days=_context(on).employer_days)
    return facts.onset_date


def _days_in_window(facts: SpellFacts, start: date, d: date, months: int) -> int:
    """Benefit days in (d - months, d]: the current spell from `start` plus prior periods."""
    lo = minus_months(d, months) + timedelta(days=1)
    end = d if facts.spell_end is None or facts.spell_end > d else facts.spell_end
    total = max(0, (end - max(start, lo)).days + 1)
    for p_start, p_end in facts.prior_benefit_periods:
        a = p_start if p_start > lo else lo
        b = p_end if p_end < d else d
        if b >= a:
            total += (b - a).days + 1
    return total


def _limit_date(facts: SpellFacts, start: date, limit: int, months: int) -> date | None:
    """First day with more than `limit` benefit days in the window (the count never falls)."""
    hi = start + timedelta(days=limit)
    if facts.prior_benefit_periods:
        lo = start
        while lo < hi:
            mid = lo + (hi - lo) // 2
            if _days_in_window(facts, start, mid, months) > limit:
                hi = mid
            else:
                lo = mid + timedelta(days=1)
    if facts.spell_end is not None and facts.spell_end < hi:
        return None
    return hi


@functools.lru_cache(maxsize=4096)
def _outcome(stop: date) -> tuple[str, Reason]:
    p = load_params().at(stop + timedelta(days=1))["sickness.outcome_at_limit"]
    text = {
        "jobafklaringsforloeb": "Uden forlængelse overgår den sygemeldte til jobafklaringsforløb.",
        "nedsat_sats": "Uden forlængelse overgår den sygemeldte til nedsat sygedagpengesats "
        "(jobafklaringsforløb afskaffes med 2027-loven).",
    }[p.value]
    return p.value, p.reason(text)


def _extension(facts: SpellFacts, ctx: _Context) -> tuple[bool, bool, tuple[Reason, ...]]:
    code = facts.extension_ground
    if code is None:
        return False, False, ()
    ground = next(g for g in ctx.grounds if g.code == code)
    restores = code == LIFE_THREATENING and ctx.life_restores
    reasons: tuple[Reason, ...] = (ground.reason,)
    if restores:
        reasons += (
            Reason(
                "Livstruende, alvorlig sygdom giver ret til sygedagpenge igen, også efter "
                "varighedsbegrænsningen.",
                "Sygedagpengeloven § 24 b",
                "https://star.dk/om-styrelsen/nyt/nyt-om-reformer/nyt-om-sygedagpengereformen/"
                "2017/12/sygedagpenge-til-personer-med-livstruende-alvorlig-sygdom/",
            ),
        )
    return True, restores, reasons


def _weeks(days: int) -> str:
    return f"{days / 7:.1f}".replace(".", ",")


def limit_clock(facts: SpellFacts, on: date) -> LimitClock:
    """Weeks used, the date the 22-week limit is passed, the end-of-month stop, extension."""
    ctx = _context(on)
    start = benefit_start(facts, on)
    used = _days_in_window(facts, start, on, ctx.window_months)
    limit_date = _limit_date(facts, start, ctx.limit_days, ctx.window_months)
    stop = end_of_month(limit_date) if limit_date else None
    outcome, outcome_reason = _outcome(stop or on)
    extended, restores, ext_reasons = _extension(facts, ctx)
    used_reason = Reason(
        f"{used} dage ({_weeks(used)} uger) med sygedagpenge inden for de seneste "
        f"{ctx.window_months} måneder pr. {on.isoformat()}.",
        ctx.r_limit.rule,
        ctx.r_limit.source,
    )
    reasons = [used_reason, ctx.r_limit]
    if facts.employment_status == "employed":
        reasons.append(ctx.r_employer)
    reasons.extend(ext_reasons or (outcome_reason,))
    return LimitClock(
        on=on,
        benefit_start=start,
        days_used=used,
        limit_days=ctx.limit_days,
        limit_date=limit_date,
        stop_date=stop,
        limit_passed=limit_date is not None and on >= limit_date,
        extension_ground=facts.extension_ground,
        extended=extended,
        restores_entitlement=restores,
        outcome_at_limit=outcome,
        extension_grounds=ctx.grounds,
        reasons=tuple(reasons),
    )


def limit_clock_many(spells: Iterable[SpellFacts], on: date) -> list[LimitClock]:
    """`limit_clock` for many spells on one date."""
    return [limit_clock(s, on) for s in spells]
