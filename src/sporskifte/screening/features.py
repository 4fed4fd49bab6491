"""Model inputs: which contract columns the models see and how they are encoded.

Contract: every model reads the `sickness_spells` table (see `sporskifte.registers`) and passes
it through `model_frame`, the one place where inputs are validated and derived. Three columns
are **audit-only** and never reach a model:

* `origin` (the contract forbids it as an input);
* `sex` (the Austrian AMS model's "woman: -0.14" is the lesson: a protected trait must not move
  a person's score);
* `district` (a proxy for origin in Copenhagen, and no plausible reason for a longer absence).

All three are still audited for fairness. Age is kept: it is medically relevant and the evidence
links it to duration; the fairness audit watches it by age band.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from sporskifte.registers.contracts import CONTRACTS

AUDIT_ONLY: tuple[str, ...] = ("origin", "sex", "district")
"""Columns used only by the fairness audit, never as model inputs."""

OUTCOME_COLUMNS: tuple[str, ...] = ("duration_weeks", "ended", "end_reason")
MISSING = "unknown"

_CONTRACT = {c.name: c for c in CONTRACTS["sickness_spells"].columns}


def _allowed(name: str) -> tuple[str, ...]:
    values = tuple(_CONTRACT[name].allowed or ())
    return values if MISSING in values else (*values, MISSING)


CATEGORIES: dict[str, tuple[str, ...]] = {
    **{
        name: _allowed(name)
        for name in (
            "employment_status",
            "employer_size",
            "industry",
            "occupation",
            "education",
            "diagnosis_group",
        )
    },
    "partial_sick_leave": ("false", "true", MISSING),
    "work_related": ("false", "true", MISSING),
}
"""Allowed values of each categorical input (the contract's, plus `unknown` for empty cells)."""

NUMERIC: tuple[str, ...] = (
    "age",
    "expected_return_weeks",
    "employer_expected_return_weeks",
    "self_rated_health",
    "prior_spells_3y",
    "prior_sick_weeks_3y",
    "benefit_weeks_3y",
)
"""Numeric inputs; empty cells stay NaN (an unanswered question is information in itself)."""

FEATURES: tuple[str, ...] = (
    "expected_return_weeks",
    "employer_expected_return_weeks",
    "self_rated_health",
    "diagnosis_group",
    "employment_status",
    "employer_size",
    "partial_sick_leave",
    "work_related",
    "age",
    "education",
    "industry",
    "occupation",
    "prior_spells_3y",
    "prior_sick_weeks_3y",
    "benefit_weeks_3y",
)
"""The default input list, in display order. Never contains an `AUDIT_ONLY` column."""

REQUIRED_COLUMNS: tuple[str, ...] = (
    "spell_id",
    "onset_date",
    "birth_year",
    "employment_status",
    "employer_size",
    "education",
    "partial_sick_leave",
    "work_related",
    "diagnosis_group",
    "prior_spells_3y",
    "prior_sick_weeks_3y",
    "benefit_weeks_3y",
)


AGE_BANDS = (0, 30, 40, 50, 60, 200)
AGE_LABELS = ("under 30", "30-39", "40-49", "50-59", "60+")


def age_band(spells: pd.DataFrame) -> pd.Series:
    """Age at onset in bands (under 30, 30-39, ..., 60+; `unknown` without a birth year)."""
    age = pd.to_datetime(spells["onset_date"]).dt.year - pd.to_numeric(spells["birth_year"])
    bands = pd.cut(age, AGE_BANDS, right=False, labels=AGE_LABELS)
    return pd.Series(bands.astype("string").fillna("unknown"), index=spells.index)


class InputError(ValueError):
    """The spells table cannot be scored: a column is missing or a value is not allowed."""


@dataclass(frozen=True)
class FeatureSet:
    """An ordered list of model inputs; refuses audit-only columns at construction."""

    names: tuple[str, ...] = FEATURES

    def __post_init__(self) -> None:
        banned = sorted(set(self.names) & set(AUDIT_ONLY))
        if banned:
            raise ValueError(f"audit-only columns cannot be model inputs: {banned}")
        unknown = sorted(set(self.names) - set(NUMERIC) - set(CATEGORIES))
        if unknown:
            raise ValueError(f"unknown features: {unknown}")

    def numeric(self) -> list[str]:
        """Numeric inputs in this set."""
        return [n for n in self.names if n in NUMERIC]

    def categorical(self) -> list[str]:
        """Categorical inputs in this set."""
        return [n for n in self.names if n in CATEGORIES]


def _as_flag(values: pd.Series) -> pd.Series:
    text = values.astype("string").str.strip().str.lower()
    return text.map({"true": "true", "1": "true", "false": "false", "0": "false"}).fillna(MISSING)


def _categorical(spells: pd.DataFrame, name: str) -> pd.Series:
    if name not in spells:
        raw = pd.Series(MISSING, index=spells.index)
    elif name in ("partial_sick_leave", "work_related"):
        raw = _as_flag(spells[name])
    else:
        column = spells[name]
        if pd.api.types.is_numeric_dtype(column):  # e.g. occupation read as numbers
            column = column.astype("Int64")
        raw = column.astype("string").fillna(MISSING)
    bad = sorted(set(raw.unique()) - set(CATEGORIES[name]))
    if bad:
        raise InputError(f"column {name!r} has values outside the contract: {bad[:5]}")
    return pd.Series(pd.Categorical(raw, categories=CATEGORIES[name]), index=spells.index)


def onset_years(spells: pd.DataFrame) -> np.ndarray:
    """Calendar year of onset for each spell (onset_date may be date, datetime or ISO text)."""
    return pd.to_datetime(spells["onset_date"]).dt.year.to_numpy()


def _numeric(spells: pd.DataFrame, name: str) -> pd.Series:
    if name == "age":
        age = onset_years(spells) - pd.to_numeric(spells["birth_year"]).to_numpy(dtype=float)
        return pd.Series(age, index=spells.index, dtype="float64")
    if name not in spells:
        return pd.Series(np.nan, index=spells.index, dtype="float64")
    return pd.to_numeric(spells[name], errors="raise").astype("float64")


def check_columns(spells: pd.DataFrame) -> None:
    """Raise `InputError` naming every required column that is missing."""
    missing = [c for c in REQUIRED_COLUMNS if c not in spells.columns]
    if missing:
        raise InputError(f"spells table lacks required columns: {missing}")


def model_frame(spells: pd.DataFrame, features: FeatureSet | None = None) -> pd.DataFrame:
    """The one place inputs are validated: contract frame in, model inputs out (same index).

    Categoricals become pandas categoricals over the contract's allowed values (empty cells
    become `unknown`), numerics become float64 with NaN for empty. Audit-only and outcome
    columns are dropped by construction: only `features.names` are built.
    """
    features = features or FeatureSet()
    if not isinstance(spells, pd.DataFrame):
        raise InputError("spells must be a pandas DataFrame in the sickness_spells shape")
    check_columns(spells)
    columns = {
        name: _categorical(spells, name) if name in CATEGORIES else _numeric(spells, name)
        for name in features.names
    }
    return pd.DataFrame(columns, index=spells.index)


LOG_SCALE: frozenset[str] = frozenset(
    {
        "expected_return_weeks",
        "employer_expected_return_weeks",
        "prior_spells_3y",
        "prior_sick_weeks_3y",
        "benefit_weeks_3y",
    }
)
"""Counts and week figures enter the linear models as log1p: a duration scales, it does not add."""


class DesignEncoder:
    """Numeric design matrix for the linear models (baseline logit, duration AFT).

    Numerics: log1p where in `LOG_SCALE`, standardised, NaN imputed at the mean (0) plus a
    missing indicator when training had NaNs. Categoricals: one column per contract value. Each
    column remembers its source feature (`groups_`), so a linear model's terms can be summed
    back to one contribution per feature.
    """

    def fit(self, frame: pd.DataFrame) -> DesignEncoder:
        """Learn means, scales and which numerics need a missing indicator."""
        self.columns_ = list(frame.columns)
        self.stats_: dict[str, tuple[float, float, bool]] = {}
        for name in self.columns_:
            if isinstance(frame[name].dtype, pd.CategoricalDtype):
                continue
            values = self._scale(name, frame[name].to_numpy(dtype=float))
            mean = float(np.nanmean(values)) if np.isfinite(values).any() else 0.0
            std = float(np.nanstd(values)) if np.isfinite(values).any() else 1.0
            self.stats_[name] = (mean, std if std > 0 else 1.0, bool(np.isnan(values).any()))
        self.groups_ = [g for name in self.columns_ for g in self._column_groups(frame, name)]
        return self

    @staticmethod
    def _scale(name: str, values: np.ndarray) -> np.ndarray:
        return np.log1p(values) if name in LOG_SCALE else values

    def _column_groups(self, frame: pd.DataFrame, name: str) -> list[str]:
        if name in self.stats_:
            return [name, name] if self.stats_[name][2] else [name]
        return [name] * len(frame[name].cat.categories)

    def transform(self, frame: pd.DataFrame) -> np.ndarray:
        """Design matrix (float64) with columns in the order of `groups_`."""
        blocks: list[np.ndarray] = []
        for name in self.columns_:
            if name not in self.stats_:
                blocks.append(pd.get_dummies(frame[name]).to_numpy(dtype=float))
                continue
            mean, std, indicator = self.stats_[name]
            values = (self._scale(name, frame[name].to_numpy(dtype=float)) - mean) / std
            missing = np.isnan(values)
            blocks.append(np.where(missing, 0.0, values)[:, None])
            if indicator:
                blocks.append(missing.astype(float)[:, None])
        return np.hstack(blocks)
