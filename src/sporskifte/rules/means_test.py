"""Kontanthjælp means test, pre-check for a person leaving a course (ressourceforløb, JAF, ...).

Not a decision: it flags who is likely to fall through to "selvforsørgende" (no benefit) so the
caseworker can act before the course ends. During the course the ressourceforløbsydelse does
not depend on assets or a spouse (aktivloven § 69 j); the means test bites when the course ends,
or, for a person who came from sygedagpenge, when the sygedagpenge would have stopped (the date
the test is made for is then moved; see `means_tested_from`).

1. **Whose means count**: a married spouse's always; an unmarried cohabitant's by year
   (`means_test.cohabitant_rule`: counted 2014-2015, a provisional rule, so where it decides
   the answer the pre-check says "uncertain"; not counted from 1 Jan 2016).
2. **Assets** against the limit in force (a single person's own; a couple's combined against
   the couple limit), after the assets the law disregards (housing or work/education needs, a
   car needed for transport, kapitalpension - wholly in the first 6 months of help, then up to
   50,000 / 100,000 kr. - and compensation for lost earning capacity). More than the limit
   fails; exactly the limit passes. Over the limit without having asked about the disregarded
   kinds (`disregarded_assets` None, e.g. register data) fails *provisionally*: the answer is
   marked provisional and names the kinds to ask about.
3. **Income** against the household's kontanthjælp level: the year's rate for 30+ (with or
   without children), twice for a couple (a simplification of the income deduction). Where the
   year's rate is not known (`value: null`), the pre-check says "uncertain" and why - unless the
   answer cannot depend on it (no income at all). Under 30 or with the age unknown only a clear
   "no" (income at or above the 30+ level) or "yes" (no income) is given.

Result: `no` if any test fails, else `uncertain` if any is unsettled, else `yes`. No guessed
value ever takes part in a yes or no.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from sporskifte.rules._text import dato, kr
from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.params import Param, load_params

CivilStatus = Literal["single", "married", "cohabiting"]
CIVIL_STATUSES: frozenset[str] = frozenset({"single", "married", "cohabiting"})
DISREGARDED_KINDS: tuple[str, ...] = (
    "bolig", "arbejde_uddannelse", "bil", "kapitalpension", "erhvervsevnetab",
)  # fmt: skip
DISREGARDED_LABELS: dict[str, str] = {
    "bolig": "formue bundet i boligen til eget behov",
    "arbejde_uddannelse": "formue, der er nødvendig for arbejde eller uddannelse",
    "bil": "en bil, der er nødvendig til transport",
    "kapitalpension": "kapitalpension",
    "erhvervsevnetab": "erstatning for tab af erhvervsevne",
}
BENEFITS_BEFORE: frozenset[str] = frozenset(
    {"sygedagpenge", "kontanthjaelp", "dagpenge", "ledighedsydelse", "other", "none"}
)
ADULT_AGE = 30

YES, NO, UNCERTAIN = "yes", "no", "uncertain"


@dataclass(frozen=True, slots=True)
class DisregardedAsset:
    """Part of the assets the law disregards: its kind, amount and whose it is."""

    kind: str
    amount_dkk: float
    owner: Literal["own", "partner"] = "own"

    def __post_init__(self) -> None:
        if self.kind not in DISREGARDED_KINDS:
            raise ValueError(f"kind must be one of {list(DISREGARDED_KINDS)}, got {self.kind!r}")
        if self.amount_dkk < 0:
            raise ValueError("amount_dkk must be >= 0")
        if self.owner not in ("own", "partner"):
            raise ValueError(f"owner must be 'own' or 'partner', got {self.owner!r}")


@dataclass(frozen=True, slots=True)
class HouseholdFacts:
    """The applicant's household. Amounts in DKK; the partner's figures may be None (unknown).

    `own_assets_dkk` / `spouse_assets_dkk` are total assets including any disregarded ones;
    `disregarded_assets` lists those (None: not asked yet; empty: asked, there are none).
    `benefit_before_course`: what the person received before the course (e.g. sygedagpenge);
    `sygedagpenge_would_have_stopped`: the day the sygedagpenge would have stopped, if known.
    """

    civil_status: CivilStatus
    own_assets_dkk: float
    spouse_assets_dkk: float | None = None
    own_monthly_income_dkk: float = 0.0
    spouse_monthly_income_dkk: float | None = None
    children_under_18: int = 0
    age: int | None = None
    disregarded_assets: tuple[DisregardedAsset, ...] | None = None
    benefit_before_course: str | None = None
    sygedagpenge_would_have_stopped: date | None = None

    def __post_init__(self) -> None:
        if self.civil_status not in CIVIL_STATUSES:
            raise ValueError(
                f"civil_status must be one of {sorted(CIVIL_STATUSES)}, got {self.civil_status!r}"
            )
        if self.children_under_18 < 0 or self.own_monthly_income_dkk < 0:
            raise ValueError("children_under_18 and own_monthly_income_dkk must be >= 0")
        if self.age is not None and not 0 <= self.age <= 130:
            raise ValueError(f"age must be between 0 and 130, got {self.age}")
        if self.benefit_before_course is not None and (
            self.benefit_before_course not in BENEFITS_BEFORE
        ):
            raise ValueError(
                f"benefit_before_course must be one of {sorted(BENEFITS_BEFORE)}, "
                f"got {self.benefit_before_course!r}"
            )


@dataclass(frozen=True, slots=True)
class _Context:
    """Parameters for one date (built once per date, see `_context`)."""

    limit_single: Param
    limit_married: Param
    kinds: Param
    kp_months: Param
    kp_single: Param
    kp_couple: Param
    spouse: Param
    cohabitant: Param
    rate: Param
    rate_provider: Param


@functools.lru_cache(maxsize=4096)
def _context(on: date) -> _Context:
    p = load_params().at(on)
    return _Context(
        limit_single=p["means_test.asset_limit_single_dkk"],
        limit_married=p["means_test.asset_limit_married_dkk"],
        kinds=p["means_test.disregarded_asset_kinds"],
        kp_months=p["means_test.kapitalpension_free_months"],
        kp_single=p["means_test.kapitalpension_kept_single_dkk"],
        kp_couple=p["means_test.kapitalpension_kept_couple_dkk"],
        spouse=p["means_test.spouse_support_duty"],
        cohabitant=p["means_test.cohabitant_rule"],
        rate=p["means_test.rate_30plus_dkk"],
        rate_provider=p["means_test.rate_30plus_provider_dkk"],
    )


# --------------------------------------------------------------------------- when


def means_tested_from(h: HouseholdFacts, course_end: date) -> Answer[date]:
    """The first day the kontanthjælp means test applies after a course ending `course_end`:
    the day after, or - for a person who came from sygedagpenge - the day after the
    sygedagpenge would have stopped, if that is later."""
    first = course_end + timedelta(days=1)
    p = load_params().at(course_end)
    course = p["means_test.course_benefit_means_tested"]
    reasons = [
        course.reason(
            "Under forløbet afhænger ressourceforløbsydelsen ikke af egen formue eller "
            "ægtefællens forhold; formuetesten for kontanthjælp gælder, når forløbet slutter."
        )
    ]
    kept = p.get("means_test.sygedagpenge_level_kept")
    if h.benefit_before_course == "sygedagpenge" and kept is not None and kept.value:
        stop = h.sygedagpenge_would_have_stopped
        if stop is None:
            reasons.append(
                kept.reason(
                    "Kom fra sygedagpenge: ydelsen holdes på sygedagpengeniveau, indtil "
                    "sygedagpengene ville være ophørt. Den dato er ikke oplyst."
                )
            )
        elif stop >= first:
            first = stop + timedelta(days=1)
            reasons.append(
                kept.reason(
                    f"Kom fra sygedagpenge: ydelsen holdes på sygedagpengeniveau til og med "
                    f"{dato(stop)}, hvor sygedagpengene ville være ophørt; formuetesten gælder "
                    f"fra {dato(first)}."
                )
            )
    return Answer(first, tuple(reasons))


# --------------------------------------------------------------------------- assets


def _disregarded(h: HouseholdFacts, ctx: _Context, partner: bool) -> tuple[float, list[Reason]]:
    """Amount of the counted assets the law disregards (first months of help: kapitalpension
    wholly), with a reason per kind found."""
    total, reasons = 0.0, []
    for item in h.disregarded_assets or ():
        if item.owner == "partner" and not partner:
            continue
        total += item.amount_dkk
        text = f"Der ses bort fra {DISREGARDED_LABELS[item.kind]} ({kr(item.amount_dkk)})"
        if item.kind == "kapitalpension":
            cap = ctx.kp_couple if partner else ctx.kp_single
            text += (
                f" i de første {ctx.kp_months.value} måneder med hjælp; derefter kun op til "
                f"{kr(cap.value)}"
            )
            reasons.append(ctx.kp_months.reason(text))
        else:
            reasons.append(ctx.kinds.reason(text))
    return total, reasons


def _assets(h: HouseholdFacts, ctx: _Context, partner: bool) -> tuple[str, list[Reason]]:
    if partner and h.spouse_assets_dkk is None:
        return UNCERTAIN, [
            ctx.limit_married.reason("Partnerens formue er ikke oplyst; formuen kan ikke vurderes.")
        ]
    basis = ctx.limit_married if partner else ctx.limit_single
    gross = h.own_assets_dkk + ((h.spouse_assets_dkk or 0.0) if partner else 0.0)
    free, reasons = _disregarded(h, ctx, partner)
    total, limit = max(0.0, gross - free), basis.value
    who = "Parrets samlede formue" if partner else "Egen formue"
    counted = f"{who} på {kr(total)}" + (f" (efter fradrag af {kr(free)})" if free else "")
    if total <= limit:
        return YES, [*reasons, basis.reason(f"{counted} er inden for grænsen på {kr(limit)}")]
    if h.disregarded_assets is None:
        kinds = ", ".join(DISREGARDED_LABELS[k] for k in ctx.kinds.value)
        asked = ctx.kinds
        return NO, [
            basis.reason(f"{counted} er over grænsen på {kr(limit)}"),
            Reason(
                f"Foreløbigt: forudsætter, at intet af det er formue, kommunen ser bort fra. "
                f"Spørg borgeren om {kinds}.",
                asked.rule, asked.source, True, asked.kind,
            ),
        ]  # fmt: skip
    return NO, [*reasons, basis.reason(f"{counted} er over grænsen på {kr(limit)}")]


# --------------------------------------------------------------------------- income


def _income(h: HouseholdFacts, ctx: _Context, partner: bool) -> tuple[str, list[Reason]]:
    if partner and h.spouse_monthly_income_dkk is None:
        return UNCERTAIN, [ctx.spouse.reason("Partnerens indtægt er ikke oplyst.")]
    income = h.own_monthly_income_dkk + ((h.spouse_monthly_income_dkk or 0.0) if partner else 0)
    rate = ctx.rate_provider if h.children_under_18 > 0 else ctx.rate
    who = "med forsørgerpligt" if h.children_under_18 > 0 else "uden forsørgerpligt"
    if income <= 0:  # any rate is above zero: the answer does not rest on the rate's value
        text = "Husstanden har ingen indtægt, der kan dække behovet."
        return YES, [Reason(text, rate.rule, rate.source, False, rate.kind)]
    if rate.value is None:
        return UNCERTAIN, [
            rate.reason(
                f"Kontanthjælpssatsen {who} for perioden fra {dato(rate.valid_from)} er ikke "
                f"fundet i kilderne; husstandens indtægt på {kr(income)} pr. måned kan derfor "
                "ikke vurderes sikkert."
            )
        ]
    persons = 2 if partner else 1
    level = rate.value * persons
    level_text = (
        f"kontanthjælpsniveauet for {'et par' if partner else 'en person'} på 30 år eller "
        f"derover {who} ({kr(rate.value)}{' x 2' if partner else ''} = {kr(level)})"
    )
    if income >= level:
        return NO, [rate.reason(
            f"Husstandens indtægt på {kr(income)} pr. måned dækker {level_text}."
        )]  # fmt: skip
    if h.age is None or h.age < ADULT_AGE:
        why = "alderen er ikke oplyst" if h.age is None else f"ansøgeren er {h.age} år"
        return UNCERTAIN, [rate.reason(
            f"Husstandens indtægt på {kr(income)} pr. måned er under {level_text}, men {why}; "
            f"satsen for personer under {ADULT_AGE} år er lavere og ikke modelleret."
        )]  # fmt: skip
    return YES, [
        rate.reason(f"Husstandens indtægt på {kr(income)} pr. måned er under {level_text}.")
    ]


# --------------------------------------------------------------------------- combine


def _combine(verdicts: Iterable[str]) -> str:
    seen = set(verdicts)
    if NO in seen:
        return NO
    return UNCERTAIN if UNCERTAIN in seen else YES


def _judge(h: HouseholdFacts, ctx: _Context, partner: bool) -> tuple[str, list[Reason]]:
    asset_verdict, asset_reasons = _assets(h, ctx, partner)
    income_verdict, income_reasons = _income(h, ctx, partner)
    return _combine((asset_verdict, income_verdict)), asset_reasons + income_reasons


def _partner(h: HouseholdFacts, ctx: _Context) -> tuple[bool | None, list[Reason]]:
    """Whether the partner's means count: True, False, or None when the rule is provisional
    (then both ways are judged)."""
    if h.civil_status == "married":
        return True, [
            ctx.spouse.reason(
                "Gifte har gensidig forsørgelsespligt; ægtefællens formue og indtægt medregnes."
            )
        ]
    if h.civil_status == "single":
        return False, []
    rule = ctx.cohabitant
    if rule.value == "none":
        return False, [
            rule.reason(
                "Ugifte samlevende har ikke gensidig forsørgelsespligt (siden 1. januar 2016); "
                "samleverens formue og indtægt medregnes ikke."
            )
        ]
    if rule.provisional:
        return None, []
    return True, [rule.reason("Samleverens formue og indtægt medregnes på datoen.")]


def precheck(h: HouseholdFacts, on: date) -> Answer[str]:
    """Would `h` likely pass the kontanthjælp means test on `on`? 'yes' | 'no' | 'uncertain'.

    `on` is the day the test applies (see `means_tested_from`). Raises ParamNotInForce for
    dates before the modelled period (2014).
    """
    ctx = _context(on)
    partner, reasons = _partner(h, ctx)
    if partner is not None:
        verdict, found = _judge(h, ctx, partner)
        return Answer(verdict, (*reasons, *found))
    with_p, with_r = _judge(h, ctx, True)
    without_p, without_r = _judge(h, ctx, False)
    rule = ctx.cohabitant
    if with_p == without_p:
        note = rule.reason(
            "Samleverens formue og indtægt kan have medregnet på datoen (reglen for 2014-2015 "
            "er ikke bekræftet), men svaret er det samme med og uden."
        )
        return Answer(with_p, (note, *without_r))
    note = rule.reason(
        f"Svaret afhænger af samleverens formue og indtægt: '{with_p}' hvis de medregnes, "
        f"'{without_p}' hvis ikke. Reglen for samlevende i 2014-2015 er ikke bekræftet."
    )
    return Answer(UNCERTAIN, (note, *with_r, *without_r))


def precheck_many(households: Iterable[HouseholdFacts], on: date) -> list[Answer[str]]:
    """`precheck` for many households on one date (parameters looked up once)."""
    return [precheck(h, on) for h in households]
