"""Kontanthjælp means test, pre-check for a person leaving a course (ressourceforløb, JAF, ...).

Not a decision: it flags who is likely to fall through to "selvforsørgende" (no benefit) so the
caseworker can act before the course ends. Three tests, each with its own reason:

1. Assets against the limit in force (a single person's own assets; a married couple's combined
   assets against the couple limit). More than the limit fails; exactly the limit passes.
2. Household income against the household's kontanthjælp level. The rates are not in the
   sources, so they are provisional parameters: an income within `PROVISIONAL_MARGIN` of the
   level gives `uncertain` rather than a firm yes or no.
3. Whose means count: a married spouse's assets and income always; an unmarried cohabitant's
   only while the cohabitant support duty was in force (not since 1 Jan 2016).

Result: `no` if any test fails, else `uncertain` if any is unsettled (close to a provisional
value, or a married spouse's figures are missing), else `yes`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sporskifte.rules._text import kr
from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.params import load_params

CivilStatus = Literal["single", "married", "cohabiting"]
CIVIL_STATUSES: frozenset[str] = frozenset({"single", "married", "cohabiting"})

# Relative band around a provisional rate inside which the answer is `uncertain`. A design
# choice, not law: a rate guessed within ~10 % should not decide a case on its own.
PROVISIONAL_MARGIN = 0.10

YES, NO, UNCERTAIN = "yes", "no", "uncertain"


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    """The applicant's household. Amounts in DKK; spouse figures may be None when unknown."""

    civil_status: CivilStatus
    own_assets_dkk: float
    spouse_assets_dkk: float | None = None
    own_monthly_income_dkk: float = 0.0
    spouse_monthly_income_dkk: float | None = None
    children_under_18: int = 0

    def __post_init__(self) -> None:
        if self.civil_status not in CIVIL_STATUSES:
            raise ValueError(
                f"civil_status must be one of {sorted(CIVIL_STATUSES)}, got {self.civil_status!r}"
            )
        if self.children_under_18 < 0 or self.own_monthly_income_dkk < 0:
            raise ValueError("children_under_18 and own_monthly_income_dkk must be >= 0")


@dataclass(frozen=True, slots=True)
class _Context:
    """Parameters and fixed reasons for one date, built once per date (see `_context`)."""

    limit_single: float
    limit_married: float
    rate: float
    rate_provider: float
    rate_provisional: bool
    cohabitant_counts: bool
    r_assets: Reason
    r_assets_married: Reason
    r_spouse: Reason
    r_cohabitant: Reason
    r_rate: Reason
    r_rate_provider: Reason


@functools.lru_cache(maxsize=4096)
def _context(on: date) -> _Context:
    p = load_params().at(on)
    single = p["means_test.asset_limit_single_dkk"]
    married = p["means_test.asset_limit_married_dkk"]
    rate = p["means_test.kontanthjaelp_monthly_rate_dkk"]
    rate_provider = p["means_test.kontanthjaelp_monthly_rate_provider_dkk"]
    spouse = p["means_test.spouse_support_duty"]
    cohab = p["means_test.cohabitant_support_duty"]
    cohab_text = (
        "Ugifte samlevende har gensidig forsørgelsespligt på datoen; samleverens formue og "
        "indtægt medregnes."
        if cohab.value
        else "Ugifte samlevende har ikke gensidig forsørgelsespligt (siden 1. januar 2016); "
        "samleverens formue og indtægt medregnes ikke."
    )
    return _Context(
        limit_single=single.value,
        limit_married=married.value,
        rate=rate.value,
        rate_provider=rate_provider.value,
        rate_provisional=rate.provisional or rate_provider.provisional,
        cohabitant_counts=bool(cohab.value),
        r_assets=single.reason(f"Formuegrænsen for en person er {kr(single.value)}"),
        r_assets_married=married.reason(
            f"Formuegrænsen for et gift par er samlet {kr(married.value)}"
        ),
        r_spouse=spouse.reason(
            "Gifte har gensidig forsørgelsespligt; ægtefællens formue og indtægt medregnes."
        ),
        r_cohabitant=cohab.reason(cohab_text),
        r_rate=rate.reason(
            f"Kontanthjælp uden forsørgerpligt er sat til {kr(rate.value)} pr. måned pr. person."
        ),
        r_rate_provider=rate_provider.reason(
            f"Kontanthjælp med forsørgerpligt er sat til {kr(rate_provider.value)} pr. måned "
            "pr. person."
        ),
    )


def _partner_counts(h: HouseholdFacts, ctx: _Context) -> tuple[bool, list[Reason]]:
    if h.civil_status == "married":
        return True, [ctx.r_spouse]
    if h.civil_status == "cohabiting":
        return ctx.cohabitant_counts, [ctx.r_cohabitant]
    return False, []


def _assets(h: HouseholdFacts, ctx: _Context, partner: bool) -> tuple[str, Reason]:
    if not partner:
        limit, basis = ctx.limit_single, ctx.r_assets
        total = h.own_assets_dkk
        who = "Egen formue"
    elif h.spouse_assets_dkk is None:
        return UNCERTAIN, _with_text(
            ctx.r_assets_married, "Ægtefællens formue er ikke oplyst; formuen kan ikke vurderes."
        )
    else:
        limit, basis = ctx.limit_married, ctx.r_assets_married
        total = h.own_assets_dkk + h.spouse_assets_dkk
        who = "Parrets samlede formue"
    if total > limit:
        return NO, _with_text(basis, f"{who} på {kr(total)} er over grænsen på {kr(limit)}")
    return YES, _with_text(basis, f"{who} på {kr(total)} er inden for grænsen på {kr(limit)}")


def _income(h: HouseholdFacts, ctx: _Context, partner: bool) -> tuple[str, Reason]:
    rate_reason = ctx.r_rate_provider if h.children_under_18 > 0 else ctx.r_rate
    rate = ctx.rate_provider if h.children_under_18 > 0 else ctx.rate
    persons = 2 if partner else 1
    if partner and h.spouse_monthly_income_dkk is None:
        return UNCERTAIN, _with_text(rate_reason, "Ægtefællens indtægt er ikke oplyst.")
    income = h.own_monthly_income_dkk + ((h.spouse_monthly_income_dkk or 0.0) if partner else 0)
    level = rate * persons
    gap = income - level
    if ctx.rate_provisional and abs(gap) <= PROVISIONAL_MARGIN * level:
        return UNCERTAIN, _with_text(
            rate_reason,
            f"Husstandens indtægt på {kr(income)} pr. måned ligger tæt på kontanthjælpsniveauet "
            f"på {kr(level)}, som bygger på en foreløbig sats; kan ikke afgøres sikkert.",
        )
    if gap >= 0:
        return NO, _with_text(
            rate_reason,
            f"Husstandens indtægt på {kr(income)} pr. måned dækker kontanthjælpsniveauet "
            f"på {kr(level)}",
        )
    return YES, _with_text(
        rate_reason,
        f"Husstandens indtægt på {kr(income)} pr. måned er under kontanthjælpsniveauet "
        f"på {kr(level)}",
    )


def _with_text(base: Reason, text: str) -> Reason:
    return Reason(text, base.rule, base.source, base.provisional)


def _combine(verdicts: Iterable[str]) -> str:
    seen = set(verdicts)
    if NO in seen:
        return NO
    return UNCERTAIN if UNCERTAIN in seen else YES


def precheck(h: HouseholdFacts, on: date) -> Answer[str]:
    """Would `h` likely pass the kontanthjælp means test on `on`? 'yes' | 'no' | 'uncertain'.

    Raises ParamNotInForce for dates before the modelled period (2014).
    """
    ctx = _context(on)
    partner, reasons = _partner_counts(h, ctx)
    asset_verdict, asset_reason = _assets(h, ctx, partner)
    income_verdict, income_reason = _income(h, ctx, partner)
    reasons.extend((asset_reason, income_reason))
    return Answer(_combine((asset_verdict, income_verdict)), tuple(reasons))


def precheck_many(households: Iterable[HouseholdFacts], on: date) -> list[Answer[str]]:
    """`precheck` for many households on one date (parameters looked up once)."""
    return [precheck(h, on) for h in households]
