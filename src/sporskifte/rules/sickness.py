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

from sporskifte.rules import vocabulary
from sporskifte.rules._dates import end_of_month, minus_months
from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.params import Param, ParamsAt, load_params
from sporskifte.rules.vocabulary import EmploymentStatus

EMPLOYMENT_STATUSES: frozenset[str] = frozenset(vocabulary.EMPLOYMENT_STATUSES)

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
_Periods = tuple[tuple[int, int], ...]  # benefit periods as date ordinals (hot path)


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
        for start, end in self.prior_benefit_periods:
            if not start <= end < self.onset_date:
                raise ValueError(
                    f"prior benefit period {start}..{end} must be ordered and end before the "
                    f"onset date {self.onset_date}"
                )


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
    def days_to_limit(self) -> int | None:
        """Days from `on` until the limit is passed (0 once passed; None if never reached)."""
        if self.limit_date is None:
            return None
        return max(0, (self.limit_date - self.on).days)

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
    """Parameters and the fixed reasons for one date; built once per date by `_context`."""

    on: date
    regime: str
    horizon_days: int
    cat1_days: int
    first_by_days: int
    min_conversations: int
    f13_weeks: int
    exemption_weeks: int
    ft_request_days: int
    ft_conversation_days: int
    employer_days: int
    limit_days: int
    window_months: int
    life_restores: bool
    p_f13: Param | None
    p_exempt: Param | None
    r: dict[str, Reason]
    grounds: tuple[ExtensionGround, ...]


_REGIME_TEXT = {
    PRE_2025: "Reglerne før 2025 gælder: visitation til kategori 1, 2 eller 3.",
    RULES_2025: "Reglerne fra 1. januar 2025 gælder: kategori 1 eller 2 og § 13 f.",
    REFORM_2026: (
        "Reformens regler gælder: beskæftigede, der forventes tilbage inden 26 uger, er som "
        "udgangspunkt fritaget; øvrige skal have mindst én samtale i første halvår."
    ),
}


def _weeks_of(param: Param | None) -> int:
    return int(param.value) if param is not None else 0


def _static_reasons(pa: ParamsAt) -> dict[str, Reason]:
    """Reasons whose text depends only on the parameters (not on the spell)."""
    regime, ft = pa["sickness.follow_up_regime"], pa["sickness.fast_track_conversation_weeks"]
    ft_req, n_min = (
        pa.value("sickness.fast_track_request_weeks"),
        pa["sickness.min_conversations_first_half_year"],
    )
    employer, limit = pa["sickness.employer_period_days"], pa["sickness.limit_weeks"]
    window = pa.value("sickness.limit_window_months")
    life = pa["sickness.life_threatening_restores"]
    r = {
        "life_restores": life.reason(
            "Livstruende, alvorlig sygdom giver ret til sygedagpenge igen, også efter "
            "varighedsbegrænsningen."
        ),
        "regime": regime.reason(_REGIME_TEXT[regime.value]),
        "ft": ft.reason(f"Fast track: anmodning inden for de første {ft_req} uger giver en "
                        f"samtale senest {ft.value} uger efter anmodningen."),
        "ft_late": ft.reason(f"Anmodningen om tidlig opfølgning kom efter de første {ft_req} "
                             "uger; ingen fast track-frist."),
        "half": n_min.reason(
            f"Mindst {n_min.value} {'samtale' if n_min.value == 1 else 'samtaler'} i første "
            "halvår (regnet fra første fraværsdag)."
        ),
        "employer": employer.reason(
            f"Arbejdsgiverperioden (de første {employer.value} kalenderdage) tæller ikke med."),
        "limit": limit.reason(
            f"Sygedagpenge ophører ved udgangen af den måned, hvor der er udbetalt i mere end "
            f"{limit.value} uger inden for de seneste {window} måneder."),
    }  # fmt: skip
    r.update(_legacy_reasons(pa))
    r.update(_exemption_reasons(pa))
    return r


def _legacy_reasons(pa: ParamsAt) -> dict[str, Reason]:
    cat1, first = (
        pa.get("sickness.category1_max_weeks"),
        pa.get("sickness.first_conversation_by_week"),
    )
    if cat1 is None or first is None:
        return {}
    return {
        "cat1": cat1.reason(f"Kategori 1: forventet rask inden for {cat1.value} uger."),
        "cat2_revisit": cat1.reason(
            f"Kategori 2: fraværet har passeret {cat1.value} uger (revisitation)."
        ),
        "cat2": cat1.reason(
            f"Kategori 2: forventet fravær over {cat1.value} uger eller ikke oplyst."
        ),
        "cat3": cat1.reason(
            f"Kategori 3: forventet fravær over {cat1.value} uger og andre udfordringer end "
            "helbredet (tværfaglig indsats)."
        ),
        "first": first.reason(
            f"Første opfølgningssamtale senest ved udgangen af uge {first.value}."
        ),
    }  # fmt: skip


def _exemption_reasons(pa: ParamsAt) -> dict[str, Reason]:
    r: dict[str, Reason] = {}
    f13, ex = pa.get("sickness.section_13f_weeks"), pa.get("sickness.reform_exemption_weeks")
    if f13 is not None:
        r["f13_scope"] = f13.reason("§ 13 f gælder kun beskæftigede med et forudsigeligt forløb.")
        r["f13_missing"] = f13.reason(
            "Forventet varighed er ikke oplyst; § 13 f kan ikke anvendes."
        )
    if ex is not None:
        r["ex_scope"] = ex.reason("Fritagelsen gælder kun sygemeldte i job.")
    return r


@functools.lru_cache(maxsize=8192)
def _context(on: date) -> _Context:
    pa = load_params().at(on)
    f13, exempt = pa.get("sickness.section_13f_weeks"), pa.get("sickness.reform_exemption_weeks")
    return _Context(
        on=on,
        regime=pa.value("sickness.follow_up_regime"),
        horizon_days=7 * pa.value("sickness.horizon_weeks"),
        cat1_days=7 * _weeks_of(pa.get("sickness.category1_max_weeks")),
        first_by_days=7 * _weeks_of(pa.get("sickness.first_conversation_by_week")),
        min_conversations=pa.value("sickness.min_conversations_first_half_year"),
        f13_weeks=_weeks_of(f13),
        exemption_weeks=_weeks_of(exempt),
        ft_request_days=7 * pa.value("sickness.fast_track_request_weeks"),
        ft_conversation_days=7 * pa.value("sickness.fast_track_conversation_weeks"),
        employer_days=pa.value("sickness.employer_period_days"),
        limit_days=7 * pa.value("sickness.limit_weeks"),
        window_months=pa.value("sickness.limit_window_months"),
        life_restores=bool(pa.value("sickness.life_threatening_restores")),
        p_f13=f13,
        p_exempt=exempt,
        r=_static_reasons(pa),
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


@functools.lru_cache(maxsize=65536)
def _expectation_reason(on: date, who: str, weeks: int | None) -> tuple[bool, Reason]:
    """(under the limit?, reason) for one party's expected absence under the reform rule."""
    ctx = _context(on)
    assert ctx.p_exempt is not None
    limit = ctx.exemption_weeks
    if weeks is None:
        return False, ctx.p_exempt.reason(f"{who}s forventning er ikke oplyst.")
    under = weeks < limit
    relation = "under" if under else "ikke under"
    text = f"{who} forventer fravær i {weeks} uger, {relation} {limit} uger."
    return under, ctx.p_exempt.reason(text)


@functools.lru_cache(maxsize=65536)
def _f13_reason(on: date, ok: bool, first: date) -> Reason:
    ctx = _context(on)
    assert ctx.p_f13 is not None
    verdict = "inden" if ok else "efter"
    outcome = "ingen yderligere opfølgning end kontrol af raskmelding." if ok else "ikke fritaget."
    return ctx.p_f13.reason(
        f"Forventet fuldt rask {verdict} udgangen af uge {ctx.f13_weeks} regnet fra første "
        f"opfølgningssamtale ({first.isoformat()}): {outcome}"
    )


def _exemption_2025(facts: SpellFacts, ctx: _Context) -> Answer[bool]:
    """§ 13 f: employed, predictable, fit before the end of week 13 from the first conversation.

    Without a recorded first conversation its latest lawful date (end of week 8) is used."""
    if facts.employment_status != "employed" or not facts.predictable_course:
        return Answer(False, (ctx.r["f13_scope"],))
    if facts.expected_return_weeks is None:
        return Answer(False, (ctx.r["f13_missing"],))
    first = facts.first_conversation_date or facts.onset_date + timedelta(
        days=ctx.first_by_days - 1
    )
    last_sick_day = facts.onset_date + timedelta(days=7 * facts.expected_return_weeks - 1)
    ok = last_sick_day <= first + timedelta(days=7 * ctx.f13_weeks - 1)
    return Answer(ok, (_f13_reason(ctx.on, ok, first),))


def _exemption_reform(facts: SpellFacts, ctx: _Context) -> Answer[bool]:
    """Reform: employed AND person AND employer expect back in under 26 weeks (25 yes, 26 no).

    Only `employed` qualifies: flexjob employees are not named in the sources."""
    if facts.employment_status != "employed":
        return Answer(False, (ctx.r["ex_scope"],))
    own_ok, own = _expectation_reason(ctx.on, "Den sygemeldte", facts.expected_return_weeks)
    emp_ok, emp = _expectation_reason(
        ctx.on, "Arbejdsgiveren", facts.employer_expected_return_weeks
    )
    return Answer(own_ok and emp_ok, (own, emp))


def _exemption(facts: SpellFacts, ctx: _Context) -> Answer[bool]:
    if ctx.regime == REFORM_2026:
        return _exemption_reform(facts, ctx)
    if ctx.regime == RULES_2025:
        return _exemption_2025(facts, ctx)
    return Answer(False, (ctx.r["regime"],))


def exemption(facts: SpellFacts, on: date) -> Answer[bool]:
    """Is the spell exempt from (further) municipal follow-up under the rules in force on `on`?

    Reform regime: the 26-week rule (both expectations strictly under 26 weeks). 2025 regime:
    § 13 f. Before 2025: no exemption rule (False).
    """
    return _exemption(facts, _context(on))


# --------------------------------------------------------------------------- follow-up


def _category(facts: SpellFacts, ctx: _Context, on: date) -> tuple[int, Reason]:
    """Category 1 if expected fit within 8 weeks and week 8 has not passed; else 2 (3 before
    2025 with other barriers). Unknown expectations count as 'not within 8 weeks'."""
    weeks = facts.expected_return_weeks
    short = weeks is not None and 7 * weeks <= ctx.cat1_days
    week8_over = facts.onset_date + timedelta(days=ctx.cat1_days)
    passed = on >= week8_over and (facts.spell_end is None or facts.spell_end >= week8_over)
    if short and not passed:
        return 1, ctx.r["cat1"]
    if facts.other_barriers and ctx.regime == PRE_2025:
        return 3, ctx.r["cat3"]
    return 2, ctx.r["cat2_revisit" if short else "cat2"]


def _fast_track(facts: SpellFacts, ctx: _Context) -> tuple[tuple[Deadline, ...], Reason | None]:
    """A request within the first 5 weeks (days 1-35) gives a conversation within 2 weeks."""
    req = facts.fast_track_request_date
    if req is None:
        return (), None
    if (req - facts.onset_date).days >= ctx.ft_request_days:
        return (), ctx.r["ft_late"]
    due = req + timedelta(days=ctx.ft_conversation_days)
    return (Deadline("fast_track_conversation", due, ctx.r["ft"]),), None


def _half_year_end(facts: SpellFacts, ctx: _Context) -> date:
    return facts.onset_date + timedelta(days=ctx.horizon_days - 1)


def _legacy(facts: SpellFacts, ctx: _Context, on: date) -> FollowUp:
    category, cat_reason = _category(facts, ctx, on)
    reasons = [ctx.r["regime"], cat_reason]
    if category == 1:
        return FollowUp(ctx.regime, 1, False, 0, (), tuple(reasons))
    exempt, n = False, ctx.min_conversations
    if ctx.regime == RULES_2025:
        f13 = _exemption_2025(facts, ctx)
        reasons.extend(f13.reasons)
        exempt, n = f13.value, (1 if f13.value else n)
    deadlines: tuple[Deadline, ...] = (
        Deadline("first_conversation", facts.onset_date + timedelta(days=ctx.first_by_days - 1),
                 ctx.r["first"]),
    )  # fmt: skip
    if n > 1:
        deadlines += (
            Deadline("conversations_first_half_year", _half_year_end(facts, ctx), ctx.r["half"]),
        )
    return FollowUp(ctx.regime, category, exempt, n, deadlines, tuple(reasons))


def _reform(facts: SpellFacts, ctx: _Context) -> FollowUp:
    ex = _exemption_reform(facts, ctx)
    reasons = (ctx.r["regime"], *ex.reasons)
    if ex.value:
        return FollowUp(ctx.regime, None, True, 0, (), reasons)
    deadline = Deadline("conversation_first_half_year", _half_year_end(facts, ctx), ctx.r["half"])
    return FollowUp(ctx.regime, None, False, ctx.min_conversations, (deadline,), reasons)


def follow_up(facts: SpellFacts, on: date) -> FollowUp:
    """Regime, category, exemption, required conversations and deadlines as of `on`.

    Deadlines are inclusive last days, sorted by date; each carries its reason."""
    ctx = _context(on)
    result = _reform(facts, ctx) if ctx.regime == REFORM_2026 else _legacy(facts, ctx, on)
    if facts.fast_track_request_date is None:
        return result
    ft, ft_reason = _fast_track(facts, ctx)
    return FollowUp(
        result.regime,
        result.category,
        result.exempt,
        result.conversations_required,
        tuple(sorted(result.deadlines + ft, key=lambda d: d.due)),
        result.reasons + ((ft_reason,) if ft_reason else ()),
    )


def follow_up_many(spells: Iterable[SpellFacts], on: date) -> list[FollowUp]:
    """`follow_up` for many spells on one date."""
    return [follow_up(s, on) for s in spells]


# --------------------------------------------------------------------------- limit clock


def benefit_start(facts: SpellFacts, on: date) -> date:
    """First day the municipality pays: after the employer period for an employee."""
    return _start(facts, _context(on))


@functools.lru_cache(maxsize=65536)
def _window_first(d_ord: int, months: int) -> int:
    """Ordinal of the first day of the window (d - months, d], for d given as an ordinal."""
    return minus_months(date.fromordinal(d_ord), months).toordinal() + 1


def _window_days(start: int, end: int | None, prior: _Periods, d: int, months: int) -> int:
    """Benefit days in the window ending on day `d` (ordinals throughout, for speed): the
    current spell from `start` to `end` (None = still running) plus the prior periods."""
    lo = _window_first(d, months)
    last = d if end is None or end > d else end
    total = last - (start if start > lo else lo) + 1
    total = total if total > 0 else 0
    for p_start, p_end in prior:
        a = p_start if p_start > lo else lo
        b = p_end if p_end < d else d
        if b >= a:
            total += b - a + 1
    return total


def _ordinals(facts: SpellFacts) -> tuple[int | None, _Periods]:
    end = facts.spell_end.toordinal() if facts.spell_end is not None else None
    prior = tuple((s.toordinal(), e.toordinal()) for s, e in facts.prior_benefit_periods)
    return end, prior


def _limit_day(start: int, end: int | None, prior: _Periods, limit: int, months: int) -> int | None:
    """First day (ordinal) with more than `limit` benefit days in the window, or None if the
    spell ends first.

    count(D) = P(D) + (D - start + 1), where P(D), the prior days still in the window, never
    grows (prior periods lie before `start`). The count itself may dip when the window start
    jumps at a month end, so instead of a binary search we iterate D <- start + limit - P(D)
    from below: the sequence rises to the first D with count(D) > limit and stops there.
    """
    day = start + limit
    if prior:
        day = start
        while True:
            nxt = start + limit - _window_days(start, start - 1, prior, day, months)
            if nxt <= day:
                break
            day = nxt
    return None if end is not None and end < day else day


@functools.lru_cache(maxsize=4096)
def _outcome(stop: date) -> tuple[str, Reason]:
    p = load_params().at(stop + timedelta(days=1))["sickness.outcome_at_limit"]
    text = {
        "jobafklaringsforloeb": "Uden forlængelse overgår den sygemeldte til jobafklaringsforløb.",
        "nedsat_sats": "Uden forlængelse overgår den sygemeldte til nedsat sygedagpengesats "
        "(jobafklaringsforløb afskaffes med 2027-loven).",
    }[p.value]
    return p.value, p.reason(text)


@functools.lru_cache(maxsize=1024)
def _extension(code: str | None, on: date) -> tuple[bool, bool, tuple[Reason, ...]]:
    """(extended, restores entitlement, reasons) for a recorded § 27 ground."""
    ctx = _context(on)
    if code is None:
        return False, False, ()
    ground = next(g for g in ctx.grounds if g.code == code)
    restores = code == LIFE_THREATENING and ctx.life_restores
    reasons: tuple[Reason, ...] = (ground.reason,)
    if restores:
        reasons += (ctx.r["life_restores"],)
    return True, restores, reasons


@functools.lru_cache(maxsize=65536)
def _used_reason(on: date, used: int) -> Reason:
    ctx = _context(on)
    weeks = f"{used / 7:.1f}".replace(".", ",")
    return Reason(
        f"{used} dage ({weeks} uger) med sygedagpenge inden for de seneste "
        f"{ctx.window_months} måneder pr. {on.isoformat()}.",
        ctx.r["limit"].rule,
        ctx.r["limit"].source,
        ctx.r["limit"].provisional,
    )


def _start(facts: SpellFacts, ctx: _Context) -> date:
    if facts.employment_status == "employed":
        return facts.onset_date + timedelta(days=ctx.employer_days)
    return facts.onset_date


def limit_clock(facts: SpellFacts, on: date) -> LimitClock:
    """Weeks used, the date the 22-week limit is passed, the end-of-month stop, extension.

    The outcome at the limit is the one in force the day after the stop date (so a stop on
    31 Dec 2026 leads to the 2027 rules)."""
    ctx = _context(on)
    start = _start(facts, ctx)
    s_ord, months = start.toordinal(), ctx.window_months
    end, prior = _ordinals(facts)
    used = _window_days(s_ord, end, prior, on.toordinal(), months)
    limit_day = _limit_day(s_ord, end, prior, ctx.limit_days, months)
    limit_date = date.fromordinal(limit_day) if limit_day is not None else None
    stop = end_of_month(limit_date) if limit_date is not None else None
    outcome, outcome_reason = _outcome(stop or on)
    extended, restores, ext_reasons = _extension(facts.extension_ground, on)
    reasons = [_used_reason(on, used), ctx.r["limit"]]
    if facts.employment_status == "employed":
        reasons.append(ctx.r["employer"])
    reasons.extend(ext_reasons or (outcome_reason,))
    return LimitClock(
        on, start, used, ctx.limit_days, limit_date, stop,
        limit_date is not None and on >= limit_date,
        facts.extension_ground, extended, restores, outcome, ctx.grounds, tuple(reasons),
    )  # fmt: skip


def limit_clock_many(spells: Iterable[SpellFacts], on: date) -> list[LimitClock]:
    """`limit_clock` for many spells on one date."""
    return [limit_clock(s, on) for s in spells]
