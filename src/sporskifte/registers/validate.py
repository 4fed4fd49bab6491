"""Validate a frame against its contract and build the typed frame.

Order of work, each step vectorised over the whole column:

1. columns: duplicates and missing required columns are errors, unknown columns warnings;
2. types: every present contract column is coerced to its dtype (`coerce.py`); unreadable
   cells are `type` errors and are not reported again by later checks;
3. per-column rules with pandera (filled, allowed values, range: `schema.py`);
4. duplicate keys and CPR-like `person_id` values;
5. cross-column rules from the contract, where all their columns are present.

All problems are collected; the typed frame is returned only when there is no error.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from sporskifte.lib.cpr import looks_like_cpr, mask
from sporskifte.registers.coerce import coerce_column, is_cpr_shaped, raw_text
from sporskifte.registers.contracts import TableContract, get_contract
from sporskifte.registers.messages import check_lang
from sporskifte.registers.report import Problem, ValidationResult
from sporskifte.registers.schema import column_problems, format_value


def validate_frame(
    df: pd.DataFrame, table: str, *, lang: str = "en", today: date | None = None
) -> ValidationResult:
    """Check an in-memory frame against the contract of `table`; see the module docstring.

    `today` bounds dates that may not lie in the future (default: the current date).
    """
    contract = get_contract(table)
    result = ValidationResult(table, lang=check_lang(lang), rows=len(df))
    today = today or date.today()
    df = _unique_columns(df.reset_index(drop=True), result)
    columns = _check_columns(list(df.columns), contract, result)
    if len(df) == 0:
        result.errors.append(Problem(None, None, "no_rows"))
        _finish(result, contract)
        return result
    typed, bad = _coerce(df, contract, columns, result)
    result.errors.extend(_drop_typed(column_problems(typed, contract, today), bad))
    result.errors.extend(_key_problems(typed, contract))
    result.errors.extend(_cpr_problems(df, contract))
    result.errors.extend(_cross_problems(typed, contract, bad))
    _finish(result, contract)
    if result.ok:
        result.frame = typed
    return result


def _unique_columns(df: pd.DataFrame, result: ValidationResult) -> pd.DataFrame:
    names = [str(c).strip() for c in df.columns]
    df = df.set_axis(names, axis="columns")
    duplicated = df.columns.duplicated()
    for name in sorted(set(df.columns[duplicated])):
        result.errors.append(Problem(None, name, "duplicate_column"))
    return df.loc[:, ~duplicated] if duplicated.any() else df


def _check_columns(
    present: list[str], contract: TableContract, result: ValidationResult
) -> list[str]:
    """Column-level problems; returns the contract columns the typed frame will hold."""
    known = set(contract.names)
    for name in present:
        if name not in known:
            result.warnings.append(Problem(None, name, "extra_column"))
    for name in contract.required_columns:
        if name not in present:
            result.errors.append(Problem(None, name, "missing_column"))
    outcome = contract.outcome_columns
    has_outcome = any(name in present for name in outcome)
    for name in outcome:
        if has_outcome and contract[name].required and name not in present:
            result.errors.append(Problem(None, name, "missing_outcome_column"))
    return [
        c.name
        for c in contract.columns
        if c.name in present or (not c.required and (not c.outcome or has_outcome))
    ]


def _coerce(
    df: pd.DataFrame, contract: TableContract, columns: list[str], result: ValidationResult
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The typed frame in contract order; `type` errors; per-column masks of unreadable cells."""
    typed: dict[str, pd.Series] = {}
    bad: dict[str, np.ndarray] = {}
    for name in columns:
        spec = contract[name]
        if name not in df.columns:
            typed[name] = pd.Series(pd.NA, index=range(len(df)), dtype=spec.pandas_dtype)
            continue
        typed[name], mask_ = coerce_column(df[name], spec.dtype)
        if mask_.any():
            bad[name] = mask_.to_numpy(copy=True)
            result.errors.extend(_type_problems(df[name], mask_, name, spec.dtype))
    return pd.DataFrame(typed), bad


def _type_problems(raw: pd.Series, bad: pd.Series, column: str, kind: str) -> list[Problem]:
    rows = np.flatnonzero(bad.to_numpy()) + 1
    values = raw_text(raw)[bad.to_numpy()]
    params = (("kind", kind),)
    return [
        Problem(int(r), column, "type", str(v).strip(), params)
        for r, v in zip(rows, values, strict=True)
    ]


def _drop_typed(problems: list[Problem], bad: dict[str, np.ndarray]) -> list[Problem]:
    """Drop pandera's `required` failures on cells already reported as unreadable."""
    return [
        p
        for p in problems
        if not (p.rule == "required" and p.column in bad and p.row and bad[p.column][p.row - 1])
    ]


def _key_problems(typed: pd.DataFrame, contract: TableContract) -> list[Problem]:
    problems: list[Problem] = []
    for spec in contract.columns:
        if spec.unique and spec.name in typed:
            problems.extend(_duplicates(typed[spec.name], spec.name))
    together = contract.unique_together
    if together and all(name in typed for name in together):
        combined = typed[together[0]].astype("string")
        for name in together[1:]:  # missing when any part is missing
            combined = combined + " " + typed[name].astype("string")
        problems.extend(_duplicates(combined, together[-1], rule="unique_together"))
    return problems


def _duplicates(values: pd.Series, column: str, rule: str = "unique") -> list[Problem]:
    repeated = (values.duplicated(keep="first") & values.notna()).to_numpy()
    if not repeated.any():
        return []
    codes, _ = pd.factorize(values)  # codes number the values in order of first appearance
    first_rows = np.flatnonzero(~values.duplicated(keep="first").to_numpy() & (codes >= 0)) + 1
    rows = np.flatnonzero(repeated)
    dup_values = values.iloc[rows].astype(str).tolist()
    return [
        Problem(int(r) + 1, column, rule, v, (("first", str(first_rows[codes[r]])),))
        for r, v in zip(rows, dup_values, strict=True)
    ]


def _cpr_problems(df: pd.DataFrame, contract: TableContract) -> list[Problem]:
    problems: list[Problem] = []
    for spec in contract.columns:
        if not (spec.pseudonym and spec.name in df.columns):
            continue
        text = raw_text(df[spec.name])
        if pd.api.types.is_numeric_dtype(df[spec.name].dtype):  # a lost leading zero
            text = text.str.zfill(10)
        candidates = np.flatnonzero(is_cpr_shaped(text).to_numpy())
        for position in candidates:
            value = str(text.iloc[position])
            if looks_like_cpr(value):
                problems.append(Problem(int(position) + 1, spec.name, "cpr", mask(value.strip())))
    return problems


def _cross_problems(
    typed: pd.DataFrame, contract: TableContract, bad: dict[str, np.ndarray]
) -> list[Problem]:
    problems: list[Problem] = []
    for rule in contract.rules:
        if not all(c in typed.columns for c in rule.columns):
            continue
        violated = rule.violated(typed).to_numpy(dtype=bool, copy=True)
        for column in rule.columns:  # an unreadable input was already reported
            if column in bad:
                violated &= ~bad[column]
        rows = np.flatnonzero(violated)
        if len(rows) == 0:
            continue
        shown = _shown_values(typed.iloc[rows], rule.columns)
        texts = (rule.text_en, rule.text_da)
        problems.extend(
            Problem(int(r) + 1, rule.blame, rule.name, v, texts=texts)
            for r, v in zip(rows, shown, strict=True)
        )
    return problems


def _shown_values(rows: pd.DataFrame, columns: tuple[str, ...]) -> list[str]:
    """'employment_status=unemployed, employer_size=10-49' for each row."""
    parts = [
        [f"{c}={'' if pd.isna(v) else format_value(v)}" for v in rows[c].tolist()] for c in columns
    ]
    return [", ".join(cells) for cells in zip(*parts, strict=True)]


def _finish(result: ValidationResult, contract: TableContract) -> None:
    order = {name: i for i, name in enumerate(contract.names)}

    def key(p: Problem) -> tuple[int, int, str]:
        return (-1 if p.row is None else p.row, order.get(p.column or "", len(order)), p.rule)

    result.errors.sort(key=key)
    result.warnings.sort(key=key)
