"""The truth a screening model is measured against: p* = P(long | what the model sees).

The generator knows how every spell was made, so for a synthetic spell the Bayes-optimal
probability of still being sick-listed after the horizon, given only the inputs a screening
model may use (registers and the information form; never sex, origin or district), can be
computed by integrating out what the generator hides:

* sex (it moves the hazard and allows pregnancy), the true diagnosis when no certificate is on
  file, the person's frailty and the spell's own severity noise;
* the noise in the person's and the employer's expected return (shared between the two), the
  rounding and heaping of the written answers, whether the form was answered at all, and the
  self-rated health's noise;
* the duration draw (proportional hazards, `hazard.py`) and the 22-week review.

For a latent severity s, sex and true diagnosis, P(long) is closed form: with slowness
eta = register effects + s + offset and the employer period w, a spell is long when its municipal
weeks exceed c = horizon + 0.5 / 7 - w (whole days), so

    P(long | s) = exp(-H0(c) * exp(-eta)) * [1                                 if c <= 22
                                             p_ext(s) + (1 - p_ext(s)) *
                                             (0.4 + 0.6 * exp(-(c - 22) / 2.5)) otherwise],

the second line being the review (extended; or on in a job clarification course; or leaving
at 22 + Exp(mean 2.5) weeks). Pregnancy-related spells are never long. The answers' likelihood
given s is a sum of normal-CDF differences over the intervals of raw weeks that round to the
written answer (the own and the employer's answer share one noise: a one-dimensional Gauss-
Legendre integral). p* is then the posterior mean of P(long | s, sex, diagnosis) on a fine
grid of s (trapezoid rule; the integrand is smooth), summed over sex and diagnosis.

One piece has no closed form: how the person's earlier spells (`prior_spells_3y`,
`prior_sick_weeks_3y`) and age reveal their frailty and sex, because the generator draws that
history as a chain of spells. `HistoryTable` tabulates P(sex | history cell) and quantiles of the
frailty given (cell, sex) from a large reference run of the same generator (another seed). That
and the age, known only from the birth year (mid-year is used: at most 0.0075 on the log hazard),
are the only approximations; `tests/synth/test_oracle.py` checks the integration on closed-form
cases and p*'s calibration against simulated outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy.special import ndtr

from sporskifte.registers.contracts import (
    DIAGNOSIS_GROUPS,
    EDUCATIONS,
    EMPLOYER_SIZES,
    EMPLOYMENT_STATUSES,
    INDUSTRIES,
    OCCUPATIONS,
)
from sporskifte.synth import answers as form
from sporskifte.synth import effects as fx
from sporskifte.synth import reference as ref
from sporskifte.synth.hazard import ReviewRule, cumulative_baseline, median_municipal_weeks
from sporskifte.synth.spells import (
    DIAGNOSES,
    SEVERITY_SD,
    SLOWNESS_OFFSET,
    SimulatedSpells,
    diagnosis_probabilities,
    flag_probabilities,
    register_slowness,
    simulate_spells,
)

HORIZON_WEEKS = 26.0
GRID = np.arange(-5.0, 7.0 + 1e-9, 0.1)
"""Latent severity grid (trapezoid rule); spacing 0.1 against a prior spread of about 1."""
FRAILTY_NODES = 9
"""Equal-probability quantiles of the frailty given (history cell, sex)."""
MIN_CELL = 150
"""Reference spells a history cell needs; smaller cells fall back to a coarser one."""
REFERENCE_SEED = 20_260_901
REFERENCE_SPELLS = 300_000
PRIOR_WEEK_BANDS = (0, 1, 14, 27)
AGE_BANDS = (0, 30, 45, 60)
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(8)
_U_SD = form.EXPECTATION_SD
_V_SD = 0.45
"""The employer's own noise on top of half the person's (`answers._employer_view`)."""
_Y_SD = float(np.sqrt(0.25 * _U_SD**2 + _V_SD**2))
_PREGNANCY = DIAGNOSES.index("pregnancy")
_MENTAL = DIAGNOSES.index("mental")


# --- the written answers: which raw weeks give which answer ------------------------------------


def _answer_pieces() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each answer 1 … 104: up to 3 (low, high, weight) intervals of raw weeks giving it."""
    cuts = {1.0, 8.0, 16.0, 52.0, 104.0}
    cuts |= {k + 0.5 for k in range(1, 8)} | {float(k) for k in range(9, 16, 2)}
    cuts |= {float(k) for k in range(18, 52, 4)} | {13 * k + 6.5 for k in range(4, 8)}
    cuts |= {a for a, _, _ in form.HEAPS} | {b for _, b, _ in form.HEAPS}
    edges = np.array(sorted(cuts))
    lows = np.concatenate([[-np.inf], edges])
    highs = np.concatenate([edges, [np.inf]])
    mids = np.clip(np.where(np.isfinite(lows), lows, 0.0) + 1e-6, 0.0, None)
    mids[-1] = 200.0
    rounded = form.rounded_weeks(mids).astype(int)
    pieces: dict[int, list[list[float]]] = {a: [] for a in range(1, 105)}

    def add(answer: int, low: float, high: float, weight: float) -> None:
        last = pieces[answer][-1] if pieces[answer] else None
        if last is not None and last[1] == low and last[2] == weight:
            last[1] = high
        else:
            pieces[answer].append([low, high, weight])

    for low, high, mid, r in zip(lows, highs, mids, rounded, strict=True):
        heap = next((h for a, b, h in form.HEAPS if a <= mid < b), None)
        if heap is None:
            add(int(r), low, high, 1.0)
        else:
            add(int(r), low, high, 1.0 - form.HEAP_SHARE)
    for above, below, answer in form.HEAPS:
        pieces[answer].append([above, below, form.HEAP_SHARE])
    width = max(len(p) for p in pieces.values())
    table = np.zeros((105, width, 3))
    table[:, :, 0] = table[:, :, 1] = np.inf  # padding: an empty interval
    for answer, rows in pieces.items():
        if rows:  # answers no rounding produces (e.g. 9) keep only padding
            table[answer, : len(rows)] = rows
    return table[:, :, 0], table[:, :, 1], table[:, :, 2]


_LOW, _HIGH, _WEIGHT = _answer_pieces()


def _log_offset(bound: np.ndarray, waiting: np.ndarray) -> np.ndarray:
    """log(bound - waiting): -inf where the bound lies at or below the waiting weeks."""
    gap = bound - waiting
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(gap > 0, np.log(np.where(gap > 0, gap, 1.0)), -np.inf)
    return np.where(np.isposinf(bound), np.inf, out)


def answer_likelihood(
    own: np.ndarray,
    employer: np.ndarray,
    waiting: np.ndarray,
    log_median: np.ndarray,
    mental: np.ndarray,
) -> np.ndarray:
    """P(written own and employer answers | median municipal weeks) per spell and grid point.

    `own`/`employer`: answers per spell (0 = not given); `waiting` per spell; `log_median` and
    `mental` broadcast as (spells, ...). Missing answers contribute 1 (their missingness is
    handled apart).
    """
    shape = np.broadcast_shapes(log_median.shape, mental.shape)
    extra = (1,) * (len(shape) - 1)
    w = waiting.reshape(-1, *extra, 1)
    centre = np.broadcast_to(
        log_median + form.EXPECTATION_BIAS + form.MENTAL_PESSIMISM * mental, shape
    )
    employer_centre = form.employer_log_centre(np.exp(np.broadcast_to(log_median, shape)))
    a = own.reshape(-1, *extra)
    b = employer.reshape(-1, *extra)
    u_lo = _log_offset(_LOW[a], w) - centre[..., None]  # (..., pieces) bounds of u
    u_hi = _log_offset(_HIGH[a], w) - centre[..., None]
    y_lo = _log_offset(_LOW[b], w) - employer_centre[..., None]
    y_hi = _log_offset(_HIGH[b], w) - employer_centre[..., None]
    own_only = np.sum(_WEIGHT[a] * (ndtr(u_hi / _U_SD) - ndtr(u_lo / _U_SD)), axis=-1)
    employer_only = np.sum(_WEIGHT[b] * (ndtr(y_hi / _Y_SD) - ndtr(y_lo / _Y_SD)), axis=-1)
    has_own = np.broadcast_to(a > 0, shape)
    has_employer = np.broadcast_to(b > 0, shape)
    out = np.where(has_own, own_only, np.where(has_employer, employer_only, 1.0))
    rows = np.flatnonzero((own > 0) & (employer > 0))
    if len(rows):
        out[rows] = _joint(
            u_lo[rows], u_hi[rows], _WEIGHT[a[rows]], y_lo[rows], y_hi[rows], _WEIGHT[b[rows]]
        )
    return np.asarray(out, dtype=float)


def _joint(
    u_lo: np.ndarray,
    u_hi: np.ndarray,
    u_wt: np.ndarray,
    y_lo: np.ndarray,
    y_hi: np.ndarray,
    y_wt: np.ndarray,
) -> np.ndarray:
    """sum over own pieces of the integral over u of phi(u) * P(employer answer | u)."""
    lo = np.clip(u_lo, -7 * _U_SD, 7 * _U_SD)
    hi = np.clip(u_hi, -7 * _U_SD, 7 * _U_SD)
    half = (hi - lo) / 2.0
    u = (lo + hi)[..., None] / 2.0 + half[..., None] * _GL_NODES  # (..., own pieces, nodes)
    density = np.exp(-0.5 * (u / _U_SD) ** 2) / (_U_SD * np.sqrt(2 * np.pi))
    shift = 0.5 * u[..., None]  # (..., own pieces, nodes, 1) against employer pieces
    given = ndtr((y_hi[..., None, None, :] - shift) / _V_SD) - ndtr(
        (y_lo[..., None, None, :] - shift) / _V_SD
    )
    p_employer = np.sum(y_wt[..., None, None, :] * given, axis=-1)
    inner = np.sum(_GL_WEIGHTS * density * p_employer, axis=-1) * half
    return np.sum(u_wt * inner, axis=-1)


def health_likelihood(health: np.ndarray, z: np.ndarray) -> np.ndarray:
    """P(self-rated health = answer | standardised severity z); 1 where not answered (0)."""
    cuts = np.concatenate([[-np.inf], form.HEALTH_CUTS, [np.inf]])
    h = health.reshape(-1, *(1,) * (z.ndim - 1))
    low = cuts[np.clip(h - 1, 0, 5)] * form.HEALTH_LATENT_SD + 0.7 * z
    high = cuts[np.clip(h, 0, 5)] * form.HEALTH_LATENT_SD + 0.7 * z
    return np.where(h > 0, ndtr(high) - ndtr(low), 1.0)


# --- the duration and the review ------------------------------------------------------------


def p_long_given_slowness(
    eta: np.ndarray, severity: np.ndarray, waiting: np.ndarray, horizon: float = HORIZON_WEEKS
) -> np.ndarray:
    """Closed-form P(still sick-listed after `horizon` weeks | slowness, severity, waiting)."""
    knots, cum = cumulative_baseline()
    rule = ReviewRule()
    c = horizon + 0.5 / 7.0 - waiting
    survive = np.exp(-np.interp(c, knots, cum) * np.exp(-eta))
    p_ext = rule.p_extend(severity)
    after = np.exp(-np.clip(c - rule.week, 0.0, None) / rule.mean_exit_weeks)
    stays = rule.p_jaf_if_not_extended + (1.0 - rule.p_jaf_if_not_extended) * after
    review = np.where(c > rule.week, p_ext + (1.0 - p_ext) * stays, 1.0)
    return np.asarray(survive * review * (c < knots[-1]), dtype=float)


# --- how the history reveals frailty and sex ------------------------------------------------


def history_cells(prior_spells: np.ndarray, prior_weeks: np.ndarray, status: np.ndarray,
                  age: np.ndarray) -> np.ndarray:  # fmt: skip
    """Cell number per spell: (prior spells 0-4+, prior weeks band, status, age band)."""
    spells = np.clip(np.nan_to_num(prior_spells), 0, 4).astype(int)
    weeks = np.searchsorted(PRIOR_WEEK_BANDS, np.nan_to_num(prior_weeks), side="right") - 1
    ages = np.searchsorted(AGE_BANDS, age, side="right") - 1
    n_weeks, n_status, n_age = len(PRIOR_WEEK_BANDS), len(EMPLOYMENT_STATUSES), len(AGE_BANDS)
    return ((spells * n_weeks + weeks) * n_status + status) * n_age + ages


@dataclass(frozen=True)
class HistoryTable:
    """P(female | cell) and frailty quantiles given (cell, sex), from a reference run."""

    female_share: np.ndarray  # (cells,)
    frailty: np.ndarray  # (cells, 2 [male, female], FRAILTY_NODES)

    @classmethod
    def from_simulation(cls, spells: SimulatedSpells) -> HistoryTable:
        """Tabulate a reference run's history cells (coarser cells where data is thin)."""
        frame, latent = spells.frame, spells.latent
        inputs = _inputs(frame)
        cells = history_cells(
            inputs["prior_spells"], inputs["prior_weeks"], inputs["status"], inputs["age"]
        )
        female = latent["female"].to_numpy(bool)
        frailty = latent["frailty"].to_numpy(float)
        n_cells = 5 * len(PRIOR_WEEK_BANDS) * len(EMPLOYMENT_STATUSES) * len(AGE_BANDS)
        q = (np.arange(FRAILTY_NODES) + 0.5) / FRAILTY_NODES
        share = np.full(n_cells, float(female.mean()))
        nodes = np.tile(np.quantile(frailty, q), (n_cells, 2, 1))
        n_age = len(AGE_BANDS)
        coarse = cells // n_age  # the same cell without its age band
        for cell in range(n_cells):
            rows = cells == cell
            if rows.sum() < MIN_CELL:
                rows = coarse == cell // n_age
            if rows.sum() < MIN_CELL:
                continue
            share[cell] = female[rows].mean()
            for sex in (0, 1):
                picked = frailty[rows & (female == bool(sex))]
                if len(picked) >= MIN_CELL // 3:
                    nodes[cell, sex] = np.quantile(picked, q)
        return cls(share, nodes)


@lru_cache(maxsize=2)
def reference_table(seed: int = REFERENCE_SEED, n: int = REFERENCE_SPELLS) -> HistoryTable:
    """The history table of one reference run (cached; a few seconds for 300,000 spells)."""
    return HistoryTable.from_simulation(simulate_spells(seed=seed, n=n))


# --- putting it together --------------------------------------------------------------------


def _codes(column: pd.Series, values: tuple[str, ...]) -> np.ndarray:
    index = {v: i for i, v in enumerate(values)}
    text = column.astype("string")
    return np.array([index.get(v, -1) if v is not pd.NA else -1 for v in text], dtype=int)


def _ints(column: pd.Series) -> np.ndarray:
    return pd.to_numeric(column, errors="coerce").fillna(0).to_numpy(dtype=int)


def _flags(column: pd.Series) -> np.ndarray:
    text = column.astype("string").str.lower()
    return text.isin(["true", "1"]).to_numpy(dtype=bool)


def _inputs(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """The model-visible inputs of the `sickness_spells` frame, as the generator's codes."""
    onset = pd.to_datetime(frame["onset_date"])
    born = pd.to_datetime(pd.to_numeric(frame["birth_year"]).astype(int).astype(str) + "-07-02")
    status = _codes(frame["employment_status"], EMPLOYMENT_STATUSES)
    return {
        "age": ((onset - born).dt.days / 365.25).to_numpy(dtype=float),
        "status": status,
        "education": _codes(frame["education"], EDUCATIONS),
        "size": _codes(frame["employer_size"], EMPLOYER_SIZES),
        "industry": _codes(frame["industry"], INDUSTRIES),
        "occupation": _codes(frame["occupation"], OCCUPATIONS),
        "prior_spells": _ints(frame["prior_spells_3y"]),
        "prior_weeks": _ints(frame["prior_sick_weeks_3y"]),
        "benefit_weeks": _ints(frame["benefit_weeks_3y"]),
        "partial": _flags(frame["partial_sick_leave"]),
        "work_related": _flags(frame["work_related"]),
        "diagnosis": _codes(frame["diagnosis_group"], DIAGNOSIS_GROUPS),
        "own": _ints(frame["expected_return_weeks"]),
        "employer": _ints(frame["employer_expected_return_weeks"]),
        "health": _ints(frame["self_rated_health"]),
        "waiting": np.array([ref.WAITING_WEEKS[s] for s in EMPLOYMENT_STATUSES])[status],
    }


def true_p_long(
    spells: pd.DataFrame,
    table: HistoryTable | None = None,
    *,
    horizon: float = HORIZON_WEEKS,
    chunk: int = 1000,
) -> np.ndarray:
    """p* per spell of a synthetic `sickness_spells` frame (see the module docstring)."""
    table = table or reference_table()
    inputs = _inputs(spells)
    out = np.empty(len(spells))
    for start in range(0, len(spells), chunk):
        part = {k: v[start : start + chunk] for k, v in inputs.items()}
        out[start : start + chunk] = _posterior_mean(part, table, horizon)
    return out


def _diagnosis_weights(x: dict[str, np.ndarray], female: bool) -> np.ndarray:
    """P(true diagnosis, reported diagnosis and flags as on file | sex, age), (spells, 7)."""
    n = len(x["age"])
    prior = diagnosis_probabilities(x["age"], np.full(n, female))
    to_group = np.array([DIAGNOSIS_GROUPS.index(d) for d in DIAGNOSES])
    reported = x["diagnosis"]
    unknown = reported == DIAGNOSIS_GROUPS.index("unknown")
    match = unknown[:, None] | (to_group[None, :] == reported[:, None])
    weight = prior * match
    for d in range(len(DIAGNOSES)):
        p_partial, p_work = flag_probabilities(x["status"], np.full(n, d), x["occupation"])
        weight[:, d] *= np.where(x["partial"], p_partial, 1 - p_partial)
        weight[:, d] *= np.where(x["work_related"], p_work, 1 - p_work)
    return weight


def _posterior_mean(x: dict[str, np.ndarray], table: HistoryTable, horizon: float) -> np.ndarray:
    n = len(x["age"])
    s = GRID[None, :]
    z = form.standardised_severity(s)
    cells = history_cells(x["prior_spells"], x["prior_weeks"], x["status"], x["age"])
    register = register_slowness(
        female=np.zeros(n), **{k: x[k] for k in _REGISTER_INPUTS}
    )[:, None]  # fmt: skip
    not_employed = (x["status"] != EMPLOYMENT_STATUSES.index("employed"))[:, None]
    p_form = 1.0 - form.p_no_form(not_employed, z)
    answered = (x["own"] > 0)[:, None]
    health = health_likelihood(x["health"], np.broadcast_to(z, (n, len(GRID))))
    form_lik = np.where(
        answered,
        p_form * np.where((x["health"] > 0)[:, None], 0.97 * health, 0.03),
        1.0 - p_form,
    )
    shifts = np.array([fx.DIAGNOSIS_SEVERITY[d] for d in DIAGNOSES])
    numerator = np.zeros(n)
    denominator = np.zeros(n)
    for female in (False, True):
        eta = register + fx.FEMALE * female + s + SLOWNESS_OFFSET
        log_median = np.log(np.maximum(median_municipal_weeks(eta), 1e-9))
        lik = {
            mental: answer_likelihood(
                x["own"], x["employer"], x["waiting"], log_median, np.full((n, 1), mental)
            )
            for mental in (False, True)
        }
        q = p_long_given_slowness(eta, s, x["waiting"][:, None], horizon)
        sex_prior = np.where(female, table.female_share[cells], 1 - table.female_share[cells])
        nodes = table.frailty[cells, int(female)]  # (n, FRAILTY_NODES)
        d_weight = _diagnosis_weights(x, female) * sex_prior[:, None]
        for d in range(len(DIAGNOSES)):
            rows = np.flatnonzero(d_weight[:, d] > 0)  # most spells have a known diagnosis
            if not len(rows):
                continue
            centre = nodes[rows] + shifts[d]  # (rows, frailty nodes)
            prior = np.mean(
                np.exp(-0.5 * ((s[:, :, None] - centre[:, None, :]) / SEVERITY_SD) ** 2), axis=2
            )
            if d == _PREGNANCY:
                like = _pregnancy_answers({k: v[rows] for k, v in x.items()}, s, len(rows))
                q_d = np.zeros((len(rows), s.shape[1]))
            else:
                like = lik[d == _MENTAL][rows]
                q_d = q[rows]
            mass = prior * like * form_lik[rows] * d_weight[rows, d : d + 1]
            numerator[rows] += np.sum(mass * q_d, axis=1)
            denominator[rows] += np.sum(mass, axis=1)
    pregnancy = x["diagnosis"] == DIAGNOSIS_GROUPS.index("pregnancy")
    with np.errstate(invalid="ignore", divide="ignore"):
        p = numerator / denominator
    # A pregnancy-related spell is never long, even at an age the mid-year estimate puts
    # outside 20-44 (where the prior above gives it no weight).
    return np.asarray(np.where(pregnancy, 0.0, p), dtype=float)


_REGISTER_INPUTS = (
    "age", "education", "status", "size", "industry", "occupation", "prior_spells",
    "prior_weeks", "benefit_weeks", "partial", "work_related",
)  # fmt: skip


def _pregnancy_answers(x: dict[str, np.ndarray], s: np.ndarray, n: int) -> np.ndarray:
    """Answers' likelihood for a pregnancy spell: its weeks are Uniform(1, 20), not eta's."""
    weeks = 10.5 + 9.5 * _GL_NODES
    lik = answer_likelihood(
        x["own"], x["employer"], x["waiting"], np.log(weeks)[None, :], np.zeros((n, 1))
    )
    mean = np.sum(_GL_WEIGHTS * lik, axis=1) / 2.0
    return np.broadcast_to(mean[:, None], (n, s.shape[1]))


__all__ = [
    "HistoryTable",
    "answer_likelihood",
    "health_likelihood",
    "p_long_given_slowness",
    "reference_table",
    "true_p_long",
]
