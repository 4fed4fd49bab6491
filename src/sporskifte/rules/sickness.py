"""Sickness-benefit (sygedagpenge) follow-up and exemption, as of a date.

**Which rules a spell is judged by.** A spell follows the follow-up rules in force on its own
first absence day (`sickness.regime_by_onset`; the amending laws' transition provisions were
not found, so this is provisional and said so whenever it matters): a spell that began on
2 Dec 2023 keeps the pre-2025 rules and their deadlines, even when asked about in 2026.

Regimes (parameter `sickness.follow_up_regime`):

- ``pre_2025``: categories 1-3 (SDL § 12). Category 1 (fit within 8 weeks): the municipality
  decides; past week 8 the person is re-visited to category 2. Categories 2/3: at least 4
  conversations in the first half-year, the first by the end of week 8 (§ 13 b, stk. 1).
- ``2025``: categories 1-2; § 13 f exempts an employed person with a predictable course who is
  expected fully fit before the end of week 13 counted from the first follow-up conversation.
- ``reform_2026`` (lov 1750; effective date provisional): an employed person whom *both* the
  person and the employer expect back in under 26 weeks (25 yes, 26 no) is exempt; everybody
  else gets at least one conversation in the first half-year, the first still by the end of
  week 8 (no source removes it; provisional).

In every regime a request for early follow-up (§§ 7 c / 7 e) made within the first 5 weeks
gives a first conversation within 2 weeks of the request (§ 13 b, stk. 2). Weeks are counted
from the first absence day (day 1 = `onset_date`), so "the end of week 8" is onset + 55 days.

The duration limit (SDL §§ 24-27) lives in `rules.limit_clock`; its names are re-exported here.
`exemptions(frame, on)` / `exempt_mask(answers)` answer the exemption for a whole frame of
spells (the screening's batch path; `exemption_table` gives each distinct answer once).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sporskifte.rules._dates import end_of_month, minus_months
from sporskifte.rules._text import dato
from sporskifte.rules.answers import Answer, Reason
from sporskifte.rules.limit_clock import (
    ExtensionGround,
    LimitClock,
    benefit_start,
    limit_clock,
    limit_clock_many,
)
from sporskifte.rules.params import Param, ParamsAt, load_params
from sporskifte.rules.spell import (
    EMPLOYMENT_STATUSES,
    EXTENSION_GROUND_LABELS,
    LIFE_THREATENING,
    BenefitPeriod,
    EmploymentStatus,
    SpellFacts,
)

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "EMPLOYMENT_STATUSES",
    "EXTENSION_GROUND_LABELS",
    "HORIZON_WEEKS",
    "LIFE_THREATENING",
    "PRE_2025",
    "REFORM_2026",
    "RULES_2025",
    "BenefitPeriod",
    "Deadline",
    "EmploymentStatus",
    "ExtensionGround",
    "FollowUp",
    "LimitClock",
    "SpellFacts",
    "benefit_start",
    "end_of_month",
    "exempt_mask",
    "exemption",
    "exemption_table",
    "exemptions",
    "follow_up",
    "follow_up_many",
    "horizon_weeks",
    "limit_clock",
    "limit_clock_many",
    "minus_months",
    "regime_for",
]

# The half-year horizon (param `sickness.horizon_weeks`, 26 since 2014); a module constant for
# callers that need it without a date. A test checks it equals the parameter.
HORIZON_WEEKS = 26

PRE_2025, RULES_2025, REFORM_2026 = "pre_2025", "2025", "reform_2026"


def horizon_weeks(on: date) -> int:
    """The half-year horizon in force on `on` (26 weeks): the screened outcome's cut-off."""
    return int(load_params().at(on)["sickness.horizon_weeks"].value)


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


# --------------------------------------------------------------------------- context per date


@dataclass(frozen=True, slots=True)
class _Context:
    """Parameters and the fixed reasons for one stretch of days in which no parameter changes
    (`ParamSet.segment`); built once per stretch, so 40,000 onset dates cost a handful."""

    segment: int
    regime: str
    horizon_days: int
    cat1_days: int
    first_by_days: int
    min_conversations: int
    f13_weeks: int
    exemption_weeks: int
    ft_request_days: int
    ft_conversation_days: int
    p_f13: Param | None
    p_exempt: Param | None
    p_by_onset: Param
    r: dict[str, Reason]


_REGIME_TEXT = {
    PRE_2025: "Reglerne før 2025 gælder: visitation til kategori 1, 2 eller 3.",
    RULES_2025: "Reglerne fra 1. januar 2025 gælder: kategori 1 eller 2 og § 13 f.",
    REFORM_2026: (
        "Reformens regler gælder: beskæftigede, der forventes tilbage inden 26 uger, er som "
        "udgangspunkt fritaget; øvrige skal have mindst én samtale i første halvår."
    ),
}


_REGIME_NAMES = {
    PRE_2025: "reglerne før 2025",
    RULES_2025: "reglerne fra 1. januar 2025",
    REFORM_2026: "reformens regler",
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
    r = {
        "regime": regime.reason(_REGIME_TEXT[regime.value]),
        "ft": ft.reason(f"Tidlig opfølgning (§§ 7 c og 7 e): en anmodning inden for de første "
                        f"{ft_req} uger giver en første opfølgningssamtale senest {ft.value} "
                        "uger efter anmodningen."),
        "ft_late": ft.reason(f"Anmodningen om tidlig opfølgning kom efter de første {ft_req} "
                             "uger; ingen frist efter § 13 b, stk. 2."),
        "half": n_min.reason(
            f"Mindst {n_min.value} {'samtale' if n_min.value == 1 else 'samtaler'} i første "
            "halvår (regnet fra første fraværsdag)."
        ),
    }  # fmt: skip
    first = pa.get("sickness.first_conversation_by_week")
    if first is not None:
        r["first"] = first.reason(
            f"Første opfølgningssamtale senest ved udgangen af uge {first.value} regnet fra "
            "første fraværsdag."
        )
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


_SEGMENT_CONTEXTS: dict[int, _Context] = {}


@functools.lru_cache(maxsize=8192)
def _context(on: date) -> _Context:
    segment = load_params().segment(on)
    ctx = _SEGMENT_CONTEXTS.get(segment)
    if ctx is None:
        ctx = _SEGMENT_CONTEXTS[segment] = _build_context(segment, on)
    return ctx


def _build_context(segment: int, on: date) -> _Context:
    """The context of `segment`, built from `on` (a day in it; any day gives the same)."""
    pa = load_params().at(on)
    f13, exempt = pa.get("sickness.section_13f_weeks"), pa.get("sickness.reform_exemption_weeks")
    return _Context(
        segment=segment,
        regime=pa.value("sickness.follow_up_regime"),
        horizon_days=7 * pa.value("sickness.horizon_weeks"),
        cat1_days=7 * _weeks_of(pa.get("sickness.category1_max_weeks")),
        first_by_days=7 * _weeks_of(pa.get("sickness.first_conversation_by_week")),
        min_conversations=pa.value("sickness.min_conversations_first_half_year"),
        f13_weeks=_weeks_of(f13),
        exemption_weeks=_weeks_of(exempt),
        ft_request_days=7 * pa.value("sickness.fast_track_request_weeks"),
        ft_conversation_days=7 * pa.value("sickness.fast_track_conversation_weeks"),
        p_f13=f13,
        p_exempt=exempt,
        p_by_onset=pa["sickness.regime_by_onset"],
        r=_static_reasons(pa),
    )


@functools.lru_cache(maxsize=65536)
def _spell_context(onset: date, on: date) -> tuple[_Context, Reason | None]:
    """The context a spell is judged by (the rules of its first absence day), and a reason
    when that differs from the rules in force on `on`."""
    asked = _context(on)
    if not asked.p_by_onset.value or onset >= on:
        return asked, None
    own = _context(onset)
    if own.regime == asked.regime:
        return own, None
    reason = asked.p_by_onset.reason(
        f"Sygeforløbet begyndte {dato(onset)} og bedømmes efter de opfølgningsregler, der "
        f"gjaldt på første fraværsdag ({_REGIME_NAMES[own.regime]}), ikke efter reglerne pr. "
        f"{dato(on)} ({_REGIME_NAMES[asked.regime]})."
    )
    return own, reason


def regime_for(facts: SpellFacts, on: date) -> Answer[str]:
    """The follow-up regime the spell is judged by when asked on `on`, with the reasons."""
    ctx, why = _spell_context(facts.onset_date, on)
    return Answer(ctx.regime, (ctx.r["regime"], *((why,) if why else ())))


# --------------------------------------------------------------------------- exemption


@functools.lru_cache(maxsize=65536)
def _expectation_reason(segment: int, who: str, weeks: int | None) -> tuple[bool, Reason]:
    """(under the limit?, reason) for one party's expected absence under the reform rule."""
    ctx = _SEGMENT_CONTEXTS[segment]
    assert ctx.p_exempt is not None
    limit = ctx.exemption_weeks
    if weeks is None:
        return False, ctx.p_exempt.reason(f"{who}s forventning er ikke oplyst.")
    under = weeks < limit
    relation = "under" if under else "ikke under"
    text = f"{who} forventer fravær i {weeks} uger, {relation} {limit} uger."
    return under, ctx.p_exempt.reason(text)


@functools.lru_cache(maxsize=65536)
def _f13_reason(segment: int, ok: bool, first: date) -> Reason:
    ctx = _SEGMENT_CONTEXTS[segment]
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
    first_day = (first - facts.onset_date).days
    ok = bool(_f13_fit(facts.expected_return_weeks, first_day, ctx.f13_weeks))
    return Answer(ok, (_f13_reason(ctx.segment, ok, first),))


def _f13_fit(weeks: Any, first_day: Any, limit_weeks: Any) -> Any:
    """§ 13 f's test in days from the onset (day 0), for ints or arrays of ints: the last sick
    day, day 7 * weeks - 1, is no later than the last day of week `limit_weeks` counted from
    the first conversation on day `first_day` (day first_day + 7 * limit_weeks - 1)."""
    return weeks <= (first_day + 7 * limit_weeks) // 7


def _exemption_reform(facts: SpellFacts, ctx: _Context) -> Answer[bool]:
    """Reform: employed AND person AND employer expect back in under 26 weeks (25 yes, 26 no).

    Only `employed` qualifies: flexjob employees are not named in the sources."""
    if facts.employment_status != "employed":
        return Answer(False, (ctx.r["ex_scope"],))
    own_ok, own = _expectation_reason(ctx.segment, "Den sygemeldte", facts.expected_return_weeks)
    emp_ok, emp = _expectation_reason(
        ctx.segment, "Arbejdsgiveren", facts.employer_expected_return_weeks
    )
    return Answer(own_ok and emp_ok, (own, emp))


def _exemption(facts: SpellFacts, ctx: _Context) -> Answer[bool]:
    if ctx.regime == REFORM_2026:
        return _exemption_reform(facts, ctx)
    if ctx.regime == RULES_2025:
        return _exemption_2025(facts, ctx)
    return Answer(False, (ctx.r["regime"],))


def exemption(facts: SpellFacts, on: date) -> Answer[bool]:
    """Is the spell exempt from (further) municipal follow-up, asked on `on`?

    Judged by the rules of the spell's first absence day. Reform regime: the 26-week rule (both
    expectations strictly under 26 weeks). 2025 regime: § 13 f. Before 2025: no exemption rule.
    """
    ctx, why = _spell_context(facts.onset_date, on)
    answer = _exemption(facts, ctx)
    return answer if why is None else Answer(answer.value, (why, *answer.reasons))


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
    """Not exempt: at least one conversation in the first half-year; the first by the end of
    week 8 as before (kept until a source removes it), which also meets the half-year duty."""
    ex = _exemption_reform(facts, ctx)
    reasons = (ctx.r["regime"], *ex.reasons)
    if ex.value:
        return FollowUp(ctx.regime, None, True, 0, (), reasons)
    due = min(facts.onset_date + timedelta(days=ctx.first_by_days - 1), _half_year_end(facts, ctx))
    deadline = Deadline("first_conversation", due, ctx.r["first"])
    return FollowUp(
        ctx.regime, None, False, ctx.min_conversations, (deadline,), (*reasons, ctx.r["half"])
    )


def follow_up(facts: SpellFacts, on: date) -> FollowUp:
    """Regime, category, exemption, required conversations and deadlines, asked on `on`.

    The spell is judged by the rules of its first absence day (see the module docstring);
    `on` decides only what has happened by then (e.g. whether week 8 has passed). Deadlines
    are inclusive last days, sorted by date; each carries its reason."""
    ctx, why = _spell_context(facts.onset_date, on)
    result = _reform(facts, ctx) if ctx.regime == REFORM_2026 else _legacy(facts, ctx, on)
    ft, ft_reason = _fast_track(facts, ctx)
    extra = ((why,) if why else ()) + ((ft_reason,) if ft_reason else ())
    if not ft and not extra:
        return result
    return FollowUp(
        result.regime,
        result.category,
        result.exempt,
        result.conversations_required,
        tuple(sorted(result.deadlines + ft, key=lambda d: d.due)),
        result.reasons + extra,
    )


def follow_up_many(spells: Iterable[SpellFacts], on: date) -> list[FollowUp]:
    """`follow_up` for many spells on one date."""
    return [follow_up(s, on) for s in spells]


# --------------------------------------------------------------------------- frames


def _weeks_codes(spells: pd.DataFrame, column: str) -> tuple[np.ndarray, np.ndarray, int]:
    """A column of whole weeks: (the weeks, -1 where missing or the column is absent; a code
    per row, 0 for missing and equal codes for equal weeks; the number of codes)."""
    import numpy as np
    import pandas as pd

    if column not in spells:
        return np.full(len(spells), -1, dtype=np.int64), np.zeros(len(spells), dtype=np.int64), 1
    values = pd.to_numeric(spells[column], errors="coerce")
    missing = values.isna().to_numpy()
    whole = values.fillna(0).astype("int64").to_numpy()
    codes, uniques = pd.factorize(whole)
    return np.where(missing, -1, whole), np.where(missing, 0, codes + 1), len(uniques) + 1


def _weeks_in(weeks: tuple[np.ndarray, np.ndarray, int], rows: np.ndarray) -> list[int | None]:
    """Some rows' weeks from `_weeks_codes` as Python ints (None where missing)."""
    values, missing = weeks[0][rows].tolist(), (weeks[1][rows] == 0).tolist()
    return [None if m else w for w, m in zip(values, missing, strict=True)]


def _combined(columns: list[tuple[np.ndarray, int]], rows: int) -> np.ndarray:
    """One int64 key per row for a tuple of code columns ((codes, number of codes) each)."""
    import numpy as np
    import pandas as pd

    key, size = np.zeros(rows, dtype=np.int64), 1
    for codes, count in columns:
        if size * count >= 2**62:
            key, uniques = pd.factorize(key)
            size = len(uniques)
        key, size = key * count + codes, size * count
    return key


def _exemption_keys(
    contexts: list[tuple[_Context, Reason | None]],
    onset_codes: np.ndarray,
    employed: np.ndarray,
    own: tuple[np.ndarray, np.ndarray, int],
    employer: tuple[np.ndarray, np.ndarray, int],
) -> np.ndarray:
    """What `_exemption` (plus the onset note) depends on, as one key per spell: two spells
    with equal keys get equal answers. Keep in step with the three rules above; the batch test
    compares every row with a single call.

    `contexts`: (context, onset note) per distinct onset (`onset_codes` index it); `own` and
    `employer`: the stated weeks (see `_weeks_codes`)."""
    import numpy as np

    def per_onset(values: list[int]) -> np.ndarray:
        return np.array(values, dtype=np.int64)[onset_codes]

    days = len(contexts)
    # Without a note on the onset, an answer depends on the rules' stretch of days only.
    day = per_onset([i if why else days + ctx.segment for i, (ctx, why) in enumerate(contexts)])
    stretches = days + max((ctx.segment for ctx, _ in contexts), default=0) + 1
    rule = per_onset([{REFORM_2026: 1, RULES_2025: 2}.get(c.regime, 0) for c, _ in contexts])
    # Only the employed are tested: the reform by both expectations; § 13 f by whether the
    # person's own is fit, told from the onset (with the latest first conversation, the end
    # of week 8). Everybody else is told which rules apply.
    rule = np.where(employed, rule, 0)
    fit = _f13_fit(
        own[0],
        per_onset([ctx.first_by_days - 1 for ctx, _ in contexts]),
        per_onset([ctx.f13_weeks for ctx, _ in contexts]),
    )
    f13 = np.where(own[1] == 0, 0, np.where(fit, 1, 2))
    return _combined(
        [
            (rule, 3),
            (np.where(rule == 2, onset_codes, day), stretches),
            (np.where(rule == 1, own[1], np.where(rule == 2, f13, 0)), max(own[2], 3)),
            (np.where(rule == 1, employer[1], 0), employer[2]),
        ],
        len(onset_codes),
    )


def exemption_table(spells: pd.DataFrame, on: date) -> tuple[list[Answer[bool]], np.ndarray]:
    """The exemption answers for a frame of spells (columns `onset_date`, `employment_status`,
    optionally `expected_return_weeks` and `employer_expected_return_weeks`): the distinct
    answers and, per row, the index of its answer among them.

    Identical questions are asked once. A spell judged by the reform's rules with no note
    about its onset date gets an answer that depends only on the rules' stretch of days, the
    status and the two expectations, so 40,000 spells need a few thousand evaluations."""
    import numpy as np
    import pandas as pd

    onset_codes, onset_values = pd.factorize(
        pd.to_datetime(spells["onset_date"]), use_na_sentinel=False
    )
    onsets = list(pd.DatetimeIndex(onset_values).date)
    status_codes, status_values = pd.factorize(
        spells["employment_status"].astype("string").fillna("other")
    )
    statuses = [s if s in EMPLOYMENT_STATUSES else "other" for s in status_values]
    employed = np.array([s == "employed" for s in statuses], dtype=bool)[status_codes]
    own = _weeks_codes(spells, "expected_return_weeks")
    employer = _weeks_codes(spells, "employer_expected_return_weeks")
    contexts = [_spell_context(onset, on) for onset in onsets]
    keys = _exemption_keys(contexts, onset_codes, employed, own, employer)
    codes, distinct = pd.factorize(keys)
    asked = np.zeros(len(distinct), dtype=np.int64)  # a row of each key
    asked[codes] = np.arange(len(codes))
    questions = zip(
        [onsets[i] for i in onset_codes[asked].tolist()],
        [statuses[i] for i in status_codes[asked].tolist()],
        _weeks_in(own, asked),
        _weeks_in(employer, asked),
        strict=True,
    )
    answers = [
        exemption(
            SpellFacts(
                onset_date=onset,
                employment_status=status,
                expected_return_weeks=own_weeks,
                employer_expected_return_weeks=employer_weeks,
            ),
            on,
        )
        for onset, status, own_weeks, employer_weeks in questions
    ]
    return answers, codes


def exemptions(spells: pd.DataFrame, on: date) -> list[Answer[bool]]:
    """The exemption answer (value and Danish reasons) for each row of a frame of spells, in
    row order (see `exemption_table`)."""
    answers, codes = exemption_table(spells, on)
    return [answers[i] for i in codes.tolist()]


def exempt_mask(answers: list[Answer[bool]]) -> np.ndarray:
    """Boolean array of the answers' values (row order kept)."""
    import numpy as np

    return np.fromiter((a.value for a in answers), dtype=bool, count=len(answers))
