"""The duration limit of sickness benefit (SDL §§ 24, 25 and 27), as of a date.

- **What counts** (§ 24, stk. 3-4): every day of the spell, except the first 30 days for a
  lønmodtager (employed, unemployed and fleksjob alike, whoever pays them) and the first 2 weeks
  for the self-employed. Earlier periods in the window count too (`prior_benefit_periods`).
- **The window** (§ 24, stk. 1): "de 9 forudgående kalendermåneder". The count is made when a
  calendar month ends, over that month and the 8 before it (provisional reading, see
  `sickness.limit_window_includes_month`); payment stops at the end of the first month whose
  count exceeds 22 weeks (154 days). `limit_date` is the day in that month the count first
  exceeds the limit, `stop_date` the month's last day (the revurderingstidspunkt).
- **§ 25**: for pensioners and people past folkepensionsalderen, 26 weeks in 12 months.
- **New sick leave after the limit is used up** (Ankestyrelsen 15-15): if more than the limit
  is already paid in the window on the first day the municipality would pay, it pays nothing;
  `entitled_at_start` is False and `stop_date` is the day before that first day.
- **Extensions** (§ 27): nr. 2 up to 69 weeks and nr. 3 up to 134 weeks from the
  revurderingstidspunkt (`extension_end`); the others run until an event (no fixed end); a
  life-threatening illness also restores entitlement past the limit (§ 24 b, from 2018).

Parameters are read as of the date asked about (`on`); the outcome at the limit (jobafklarings-
forløb, from 2027 the reduced rate) as of the day after the stop.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sporskifte.lib import danish
from sporskifte.rules._dates import end_of_month, minus_months
from sporskifte.rules._text import dato
from sporskifte.rules.answers import Reason
from sporskifte.rules.params import Param, ParamsAt, load_params
from sporskifte.rules.spell import (
    EXTENSION_GROUND_LABELS,
    LIFE_THREATENING,
    LOENMODTAGER_STATUSES,
    SpellFacts,
)

_Periods = tuple[tuple[int, int], ...]  # counted periods as date ordinals (hot path)
_MAX_MONTHS = 120  # an open spell passes any limit long before this

_OUTCOME_NAMES = {
    "ressourceforloeb": "ressourceforløb",
    "fleksjob": "fleksjob",
    "foertidspension": "førtidspension",
}


@dataclass(frozen=True, slots=True)
class ExtensionGround:
    """One of the seven § 27 extension grounds."""

    number: int
    code: str
    reason: Reason


@dataclass(frozen=True, slots=True)
class LimitClock:
    """The duration-limit clock of a spell as of `on`.

    `benefit_start` is the first day that counts towards the limit. `limit_date` is the first
    day the count in its month's window exceeds the limit (None if the spell ends first);
    `stop_date` is the last day the municipality pays unless the spell is extended.
    `reasons[1]` is the limit rule, `reasons[2]` the days left out and `reasons[-1]` the
    extension or the outcome; `limit_reason`, `start_reason` and `stop_reason` name them.
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
    section: str = "§ 24"
    window_months: int = 9
    entitled_at_start: bool = True
    extension_end: date | None = None
    entitlement_reason: Reason | None = None
    """Why the municipality pays nothing in this spell (15-15); None when it pays."""

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

    @property
    def limit_reason(self) -> Reason:
        """The reason stating the limit rule (§ 24 or § 25)."""
        return self.reasons[1]

    @property
    def start_reason(self) -> Reason:
        """The reason for `benefit_start`: which first days are left out (§ 24, stk. 3)."""
        return self.reasons[2]

    @property
    def stop_reason(self) -> Reason:
        """The reason for what happens at the stop: the extension or the outcome."""
        return self.reasons[-1]


@dataclass(frozen=True, slots=True)
class _Context:
    """Parameters and fixed reasons for one date (built once per date)."""

    excluded_employee: int
    excluded_self_employed: int
    unknown_as_employee: Param
    p_excluded_employee: Param
    p_excluded_self: Param
    includes_month: bool
    p_window_reading: Param
    used_up_rule: Param
    s24: tuple[int, int, Param, Param]
    s25: tuple[int, int, Param, Param]
    nr2_weeks: Param
    nr3_weeks: Param
    life_restores: Param
    grounds: tuple[ExtensionGround, ...]


@functools.lru_cache(maxsize=4096)
def _context(on: date) -> _Context:
    pa = load_params().at(on)
    return _Context(
        excluded_employee=pa.value("sickness.limit_excluded_days_employee"),
        excluded_self_employed=pa.value("sickness.limit_excluded_days_self_employed"),
        unknown_as_employee=pa["sickness.limit_status_unknown_as_employee"],
        p_excluded_employee=pa["sickness.limit_excluded_days_employee"],
        p_excluded_self=pa["sickness.limit_excluded_days_self_employed"],
        includes_month=bool(pa.value("sickness.limit_window_includes_month")),
        p_window_reading=pa["sickness.limit_window_includes_month"],
        used_up_rule=pa["sickness.limit_used_up_at_start"],
        s24=(
            7 * pa.value("sickness.limit_weeks"),
            pa.value("sickness.limit_window_months"),
            pa["sickness.limit_weeks"],
            pa["sickness.limit_window_months"],
        ),
        s25=(
            7 * pa.value("sickness.pension_limit_weeks"),
            pa.value("sickness.pension_limit_window_months"),
            pa["sickness.pension_limit_weeks"],
            pa["sickness.pension_limit_window_months"],
        ),
        nr2_weeks=pa["sickness.extension_nr2_max_weeks"],
        nr3_weeks=pa["sickness.extension_nr3_max_weeks"],
        life_restores=pa["sickness.life_threatening_restores"],
        grounds=_grounds(pa),
    )


def _grounds(pa: ParamsAt) -> tuple[ExtensionGround, ...]:
    param = pa["sickness.extension_grounds"]
    nr4 = pa["sickness.extension_nr4_outcomes"]
    grounds = []
    for i, code in enumerate(param.value, start=1):
        label, basis = EXTENSION_GROUND_LABELS[code], param
        if code == "rehabiliteringsteam":
            names = [_OUTCOME_NAMES.get(c, c) for c in nr4.value]
            label += " med henblik på afgørelse om " + " eller ".join(
                [", ".join(names[:-1]), names[-1]] if len(names) > 1 else names
            )
            basis = nr4
        reason = Reason(
            f"§ 27, stk. 1, nr. {i}: {label}.",
            f"Sygedagpengeloven § 27, stk. 1, nr. {i}",
            basis.source,
            basis.provisional,
            basis.kind,
        )
        grounds.append(ExtensionGround(number=i, code=code, reason=reason))
    return tuple(grounds)


# --------------------------------------------------------------------------- counting


def _window(d_ord: int, months: int, includes_month: bool) -> tuple[int, int]:
    """(first, last) ordinal of the window judged at the end of `d`'s month."""
    d = date.fromordinal(d_ord)
    first_of_month = d.replace(day=1)
    if includes_month:
        lo = minus_months(first_of_month, months - 1)
        hi = end_of_month(d)
    else:
        lo = minus_months(first_of_month, months)
        hi = first_of_month - timedelta(days=1)
    return lo.toordinal(), hi.toordinal()


def _overlap(periods: _Periods, lo: int, hi: int) -> int:
    total = 0
    for a, b in periods:
        a, b = max(a, lo), min(b, hi)
        if b >= a:
            total += b - a + 1
    return total


def _count(current: tuple[int, int], prior: _Periods, d: int, window: tuple[int, int]) -> int:
    """Days counted in `window` up to and including day `d`."""
    lo, hi = window[0], min(window[1], d)
    return _overlap(prior, lo, hi) + _overlap((current,), lo, hi)


def _limit_day(
    start: int, end: int | None, prior: _Periods, limit: int, months: int, includes: bool
) -> int | None:
    """First day whose month-window count exceeds `limit` (None if the spell ends first).

    Month by month from the start: the window of month M is fixed, so the count rises within
    M and the first day over the limit is found by walking M's days."""
    last = end if end is not None else date.max.toordinal()
    current = (start, last)
    month_start = date.fromordinal(start).replace(day=1)
    for _ in range(_MAX_MONTHS):
        window = _window(month_start.toordinal(), months, includes)
        month_last = min(end_of_month(month_start).toordinal(), last)
        if month_last >= start and _count(current, prior, month_last, window) > limit:
            day = max(start, month_start.toordinal())
            while _count(current, prior, day, window) <= limit:
                day += 1
            return day
        if month_last == last:
            return None
        month_start = end_of_month(month_start) + timedelta(days=1)
    return None


# --------------------------------------------------------------------------- reasons


def _start(facts: SpellFacts, ctx: _Context) -> tuple[date, Reason]:
    status = facts.employment_status
    if status == "self_employed":
        p = ctx.p_excluded_self
        text = f"Som selvstændig tæller de første {p.value} dage af sygeperioden ikke med."
        return facts.onset_date + timedelta(days=ctx.excluded_self_employed), p.reason(text)
    p = ctx.p_excluded_employee
    text = (
        f"Som lønmodtager (også ledig eller i fleksjob) tæller de første {p.value} dage af "
        "sygeperioden ikke med, uanset hvem der betaler dem."
    )
    reason = p.reason(text)
    if status not in LOENMODTAGER_STATUSES:
        u = ctx.unknown_as_employee
        reason = u.reason(
            f"Beskæftigelsesstatus er ikke oplyst; regnet som lønmodtager: de første {p.value} "
            "dage tæller ikke med."
        )
    return facts.onset_date + timedelta(days=ctx.excluded_employee), reason


@functools.lru_cache(maxsize=4096)
def _outcome(stop: date) -> tuple[str, Reason]:
    p = load_params().at(stop + timedelta(days=1))["sickness.outcome_at_limit"]
    text = {
        "jobafklaringsforloeb": "Uden forlængelse overgår den sygemeldte til jobafklaringsforløb.",
        "nedsat_sats": "Uden forlængelse overgår den sygemeldte til nedsat sygedagpengesats "
        "(nye jobafklaringsforløb afskaffes med 2027-loven).",
    }[p.value]
    return p.value, p.reason(text)


def _extension(
    code: str | None, ctx: _Context, stop: date | None
) -> tuple[bool, bool, date | None, tuple[Reason, ...]]:
    """(extended, restores entitlement, extension end, reasons) for a recorded § 27 ground."""
    if code is None:
        return False, False, None, ()
    ground = next(g for g in ctx.grounds if g.code == code)
    reasons: tuple[Reason, ...] = (ground.reason,)
    restores = code == LIFE_THREATENING and bool(ctx.life_restores.value)
    if restores:
        reasons += (
            ctx.life_restores.reason(
                "Livstruende, alvorlig sygdom giver ret til sygedagpenge igen, også efter "
                "varighedsbegrænsningen."
            ),
        )
    limit = {"arbejdsevne_afklaring": ctx.nr2_weeks, "behandling": ctx.nr3_weeks}.get(code)
    end = None
    if limit is not None and stop is not None:
        end = stop + timedelta(weeks=limit.value)
        reasons += (
            limit.reason(
                f"Forlængelsen efter § 27, stk. 1, nr. {ground.number} varer højst "
                f"{limit.value} uger regnet fra revurderingstidspunktet ({dato(stop)}): "
                f"senest til og med {dato(end)}."
            ),
        )
    elif limit is None:
        reasons += (
            Reason(
                f"§ 27, stk. 1, nr. {ground.number} har ingen fast længste varighed; "
                "forlængelsen varer, til forholdet ophører.",
                ground.reason.rule,
                ground.reason.source,
                ground.reason.provisional,
                ground.reason.kind,
            ),
        )
    return True, restores, end, reasons


def _section(facts: SpellFacts, ctx: _Context) -> tuple[str, int, int, Param, Param]:
    """(section, limit in days, window in months, limit param, window param)."""
    if facts.under_section_25:
        return ("§ 25", *ctx.s25)
    return ("§ 24", *ctx.s24)


def _limit_reasons(facts: SpellFacts, ctx: _Context, on: date, used: int) -> tuple[Reason, Reason]:
    """(days used, the limit rule)."""
    section, limit, months, p_limit, p_window = _section(facts, ctx)
    weeks = danish.number(used / 7, 1)
    lo, hi = _window(on.toordinal(), months, ctx.includes_month)
    used_reason = p_window.reason(
        f"{used} dage ({weeks} uger) tæller med i de {months} kalendermåneder "
        f"{dato(date.fromordinal(lo))} - {dato(date.fromordinal(hi))} pr. {dato(on)}."
    )
    who = "Pensionister og personer over folkepensionsalderen: s" if facts.under_section_25 else "S"
    limit_reason = p_limit.reason(
        f"{who}ygedagpenge ophører efter udløbet af den kalendermåned, hvor der er udbetalt i "
        f"mere end {limit // 7} uger i de {months} forudgående kalendermåneder ({section})."
    )
    return used_reason, limit_reason


# --------------------------------------------------------------------------- the clock


def benefit_start(facts: SpellFacts, on: date) -> date:
    """First day that counts towards the limit: after the first 30 days for a lønmodtager,
    the first 2 weeks for the self-employed (SDL § 24, stk. 3)."""
    return _start(facts, _context(on))[0]


def _ordinals(facts: SpellFacts) -> tuple[int | None, _Periods]:
    end = facts.spell_end.toordinal() if facts.spell_end is not None else None
    prior = tuple((s.toordinal(), e.toordinal()) for s, e in facts.prior_benefit_periods)
    return end, prior


def limit_clock(facts: SpellFacts, on: date) -> LimitClock:
    """Days used in the window, the day the limit is passed, the end-of-month stop, whether the
    municipality pays at all (15-15), the § 27 extension and its end, as of `on`."""
    ctx = _context(on)
    section, limit_days, months, _, _ = _section(facts, ctx)
    start, start_reason = _start(facts, ctx)
    s_ord, (end, prior) = start.toordinal(), _ordinals(facts)
    current = (s_ord, end if end is not None else date.max.toordinal())
    window_on = _window(on.toordinal(), months, ctx.includes_month)
    used = _count(current, prior, on.toordinal(), window_on)
    used_reason, limit_reason = _limit_reasons(facts, ctx, on, used)
    reasons = [used_reason, limit_reason, start_reason]
    if prior:
        reasons.append(ctx.p_window_reading.reason(
            "Tidligere perioder tælles med, når de ligger i vinduets hele kalendermåneder: den "
            "måned, der slutter, og de foregående."
        ))  # fmt: skip
    nothing = (s_ord, s_ord - 1)
    before = _count(nothing, prior, s_ord - 1, _window(s_ord, months, ctx.includes_month))
    entitled = not (bool(ctx.used_up_rule.value) and before > limit_days)
    used_up = None
    if entitled:
        limit_day = _limit_day(s_ord, end, prior, limit_days, months, ctx.includes_month)
        limit_date = date.fromordinal(limit_day) if limit_day is not None else None
        stop = end_of_month(limit_date) if limit_date is not None else None
    else:
        limit_date, stop = start, start - timedelta(days=1)
        used_up = ctx.used_up_rule.reason(
            f"Der var allerede udbetalt {before} dage i vinduet, før kommunen skulle "
            f"begynde at betale {dato(start)}: retten er opbrugt, og kommunen udbetaler ikke "
            "sygedagpenge i dette forløb (principafgørelse 15-15)."
        )
        reasons.append(used_up)
    outcome, outcome_reason = _outcome(stop or on)
    extended, restores, ext_end, ext_reasons = _extension(facts.extension_ground, ctx, stop)
    reasons.extend(ext_reasons or (outcome_reason,))
    return LimitClock(
        on=on,
        benefit_start=start,
        days_used=used,
        limit_days=limit_days,
        limit_date=limit_date,
        stop_date=stop,
        limit_passed=limit_date is not None and on >= limit_date,
        extension_ground=facts.extension_ground,
        extended=extended,
        restores_entitlement=restores,
        outcome_at_limit=outcome,
        extension_grounds=ctx.grounds,
        reasons=tuple(reasons),
        section=section,
        window_months=months,
        entitled_at_start=entitled,
        extension_end=ext_end,
        entitlement_reason=used_up,
    )


def limit_clock_many(spells: Iterable[SpellFacts], on: date) -> list[LimitClock]:
    """`limit_clock` for many spells on one date."""
    return [limit_clock(s, on) for s in spells]
