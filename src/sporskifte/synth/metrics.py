"""Measurements on generated data, compared with the calibration targets in `targets.py`.

Each function takes generated frames (contract columns; a few also the latent columns) and
returns one number. They are plain, vectorised estimators:

* survival on municipal weeks is a Kaplan–Meier estimate from the censored spells (the
  municipal clock starts after the employer period, as in the Jobindsats stock figures);
* stock ratios use the steady-state identity *stock at elapsed week w ∝ S(w)*;
* rate ratios are events per person-week (Mantel–Haenszel over strata when adjusted);
* AUCs come from a logistic regression on a random 70/30 split.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sporskifte.lib.districts import DISTRICTS
from sporskifte.registers.contracts import EMPLOYMENT_STATUSES
from sporskifte.synth import reference as ref

WEEKS = np.arange(0, 200)


def municipal_time(spells: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(weeks since municipal payment began, ended, in municipal payment at all) per spell."""
    waiting = spells["employment_status"].map(
        {s: ref.WAITING_WEEKS[s] for s in EMPLOYMENT_STATUSES}
    )
    weeks = (spells["duration_weeks"].astype(float) - waiting.astype(float)).to_numpy()
    ended = spells["ended"].to_numpy(dtype=bool)
    return np.clip(weeks, 0, None), ended, weeks > 0


def kaplan_meier(time: np.ndarray, event: np.ndarray, at: np.ndarray) -> np.ndarray:
    """Kaplan–Meier survival S(t) evaluated at the times `at`."""
    order = np.argsort(time, kind="stable")
    t, e = time[order], event[order]
    unique, first = np.unique(t, return_index=True)
    at_risk = len(t) - first
    deaths = np.add.reduceat(e.astype(np.int64), first)
    surv = np.cumprod(1.0 - deaths / at_risk)
    pos = np.searchsorted(unique, at, side="right") - 1
    return np.where(pos >= 0, surv[np.clip(pos, 0, None)], 1.0)


def stock_curve(spells: pd.DataFrame) -> np.ndarray:
    """Relative stock by elapsed municipal week (S at mid-week), weeks 0 … 199."""
    weeks, ended, paid = municipal_time(spells)
    return kaplan_meier(weeks[paid], ended[paid], WEEKS + 0.5)


def stock_ratio(curve: np.ndarray, first: int, last: int) -> float:
    """Average stock per week in weeks first…last, relative to weeks 0…4 (the first month)."""
    return float(curve[first : last + 1].mean() / curve[0:5].mean())


def share_beyond(curve: np.ndarray, week: int) -> float:
    """Share of the steady-state stock that has been paid for more than `week` weeks."""
    return float(curve[week + 1 :].sum() / curve.sum())


def spells_per_year(spells: pd.DataFrame) -> float:
    """Mean number of new spells per calendar year fully covered by the data."""
    counts = spells["onset_date"].dt.year.value_counts()
    first, last = spells["onset_date"].min(), spells["onset_date"].max()
    first_full = first.year if first.day_of_year <= 7 else first.year + 1
    last_full = last.year if (last.month, last.day) >= (12, 24) else last.year - 1
    full = [y for y in range(first_full, last_full + 1) if y in counts.index]
    return float(counts[full].mean()) if full else float(len(spells))


def share(mask: pd.Series, among: pd.Series | None = None) -> float:
    """Share of True in `mask` (within `among`, if given)."""
    values = mask.fillna(False).astype(bool)
    if among is not None:
        values = values[among.fillna(False).astype(bool)]
    return float(values.mean()) if len(values) else float("nan")


def district_deviation(spells: pd.DataFrame) -> float:
    """Largest absolute gap between a district's share of spells and of the population."""
    weights = ref.district_weights()[: len(DISTRICTS)]
    observed = spells["district"].value_counts(normalize=True)
    gaps = [abs(observed.get(d, 0.0) - w) for d, w in zip(DISTRICTS, weights, strict=True)]
    return float(max(gaps))


def not_back_by(spells: pd.DataFrame, extract: date, weeks: float = 52.0) -> float:
    """Share of spells (with full follow-up) not ended in work or education within `weeks`."""
    cutoff = pd.Timestamp(extract) - pd.Timedelta(weeks=weeks)
    full = spells[spells["onset_date"] <= cutoff]
    back = (
        full["ended"].fillna(False).astype(bool)
        & full["end_reason"].isin(["work", "education"]).fillna(False).astype(bool)
        & (full["duration_weeks"] <= weeks).fillna(False).astype(bool)
    )
    return float(1.0 - back.mean())


def rtw_rate_ratio(
    spells: pd.DataFrame, follow_up: float = 51.0, adjust_for_expectation: bool = False
) -> float:
    """Return-to-work rate, mental vs other diagnoses, among the employed (PMC4833917 design).

    Events: ended in work within `follow_up` weeks; person-time: weeks up to `follow_up`.
    Adjusted: Mantel–Haenszel over bands of the person's own expected return.
    """
    data = spells[
        (spells["employment_status"] == "employed") & (spells["diagnosis_group"] != "unknown")
    ]
    time = np.minimum(data["duration_weeks"].astype(float).to_numpy(), follow_up)
    event = (
        data["ended"].fillna(False).astype(bool)
        & (data["end_reason"] == "work").fillna(False).astype(bool)
        & (data["duration_weeks"] <= follow_up).fillna(False).astype(bool)
    ).to_numpy()
    mental = (data["diagnosis_group"] == "mental").to_numpy(dtype=bool)
    if not adjust_for_expectation:
        return _rate(event[mental], time[mental]) / _rate(event[~mental], time[~mental])
    band = pd.cut(data["expected_return_weeks"].astype(float), [0, 4, 8, 12, 26, 52, 104])
    answered = band.notna().to_numpy()
    codes = band.cat.codes.to_numpy()
    return _mantel_haenszel(event[answered], time[answered], mental[answered], codes[answered])


def _rate(events: np.ndarray, time: np.ndarray) -> float:
    return float(events.sum() / time.sum())


def _mantel_haenszel(
    event: np.ndarray, time: np.ndarray, exposed: np.ndarray, stratum: np.ndarray
) -> float:
    top = bottom = 0.0
    for s in np.unique(stratum):
        m = stratum == s
        t_exp, t_un = time[m & exposed].sum(), time[m & ~exposed].sum()
        total = t_exp + t_un
        if total == 0:
            continue
        top += event[m & exposed].sum() * t_un / total
        bottom += event[m & ~exposed].sum() * t_exp / total
    return float(top / bottom)


def mean_age(spells: pd.DataFrame) -> float:
    """Mean age at onset (onset year minus birth year)."""
    return float((spells["onset_date"].dt.year - spells["birth_year"].astype(float)).mean())


def stock_at_extract(spells: pd.DataFrame) -> float:
    """Spells running at the extract date and already paid by the municipality."""
    _, ended, paid = municipal_time(spells)
    return float((~ended & paid).sum())


def mental_share_long(spells: pd.DataFrame, weeks: float = 8.0) -> float:
    """Share mental among spells lasting `weeks`+ weeks (diagnosis known)."""
    known = spells[(spells["diagnosis_group"] != "unknown") & (spells["duration_weeks"] >= weeks)]
    return float((known["diagnosis_group"] == "mental").mean())


ANSWER_COLUMNS = ("expected_return_weeks", "employer_expected_return_weeks", "self_rated_health")
"""What the citizen and the employer answer; everything else comes from registers."""
CATEGORICAL_INPUTS = (
    "employment_status",
    "employer_size",
    "industry",
    "occupation",
    "education",
    "diagnosis_group",
)
NUMERIC_INPUTS = ("prior_spells_3y", "prior_sick_weeks_3y", "benefit_weeks_3y")
FLAG_INPUTS = ("partial_sick_leave", "work_related")


def long_spell_auc(
    spells: pd.DataFrame,
    extract: date,
    *,
    answers: tuple[str, ...] = ANSWER_COLUMNS,
    horizon: float = 26.0,
    seed: int = 0,
    max_rows: int = 100_000,
) -> float:
    """Test AUC of a logistic regression for "still sick-listed `horizon` weeks after onset".

    Inputs: the register columns (never origin, sex or district) plus the `answers` given.
    Only spells with full follow-up to the horizon are used.
    """
    cutoff = pd.Timestamp(extract) - pd.Timedelta(weeks=horizon)
    data = spells[spells["onset_date"] <= cutoff]
    rng = np.random.default_rng(seed)
    if len(data) > max_rows:
        data = data.iloc[np.sort(rng.choice(len(data), max_rows, replace=False))]
    x = _design(data, answers)
    y = (data["duration_weeks"].astype(float) > horizon).to_numpy()
    test = rng.random(len(data)) < 0.3
    coef = fit_logistic(x[~test], y[~test])
    return auc(y[test], x[test] @ coef)


def fit_logistic(x: np.ndarray, y: np.ndarray, ridge: float = 1e-3, steps: int = 25) -> np.ndarray:
    """Logistic regression by Newton's method (intercept included as a column of ones)."""
    x = np.column_stack([np.ones(len(x)), x])
    coef = np.zeros(x.shape[1])
    penalty = ridge * len(x) * np.eye(x.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ coef)))
        gradient = x.T @ (y - p) - penalty @ coef
        hessian = (x * (p * (1 - p))[:, None]).T @ x + penalty
        step = np.linalg.solve(hessian, gradient)
        coef += step
        if np.abs(step).max() < 1e-6:
            break
    return coef[1:]


def auc(y: np.ndarray, score: np.ndarray) -> float:
    """Area under the ROC curve (Mann–Whitney, ties counted half)."""
    y = y.astype(bool)
    ranks = pd.Series(score).rank().to_numpy()
    positives, negatives = y.sum(), (~y).sum()
    return float((ranks[y].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def _design(data: pd.DataFrame, answers: tuple[str, ...]) -> np.ndarray:
    parts = [
        pd.get_dummies(data[c].fillna("missing").astype(str), prefix=c, drop_first=True)
        for c in CATEGORICAL_INPUTS
    ]
    age = data["onset_date"].dt.year - data["birth_year"].astype(float)
    numeric = pd.DataFrame({"age": (age - 40) / 10}, index=data.index)
    for c in NUMERIC_INPUTS:
        numeric[c] = np.log1p(data[c].astype(float))
    for c in FLAG_INPUTS:
        numeric[c] = data[c].astype(float)
    for c in answers:
        value = data[c].astype(float)
        numeric[c] = np.log(value.fillna(value.median()))
        numeric[f"{c}_missing"] = value.isna().astype(float)
    return pd.concat([numeric, *parts], axis=1).to_numpy(dtype=float)
