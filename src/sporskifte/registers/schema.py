"""The contracts as pandera schemas, and pandera's failures as report problems.

Pandera checks the per-column rules (filled, allowed values, range) on the typed frame with
lazy validation, so every failing cell is collected in one pass. Three kinds of checks run
outside pandera, in `validate.py`, for reasons measured or visible in the report:

* cross-column rules: a pandera frame-wide check reports each failing row once *per column*
  (a million-row file with one broken rule would yield tens of millions of failure cases);
  our rules are already vectorised masks and know which column to blame;
* duplicate keys: the report names the row where the key first appeared;
* CPR-like `person_id`: values are masked in the report, never echoed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from sporskifte.registers.contracts import ColumnSpec, TableContract
from sporskifte.registers.report import Problem

_PANDERA_RULES = {"not_nullable": "required", "allowed": "allowed", "range": "range"}


def pandera_schema(
    contract: TableContract, today: date | None = None, columns: list[str] | None = None
) -> pa.DataFrameSchema:
    """A pandera schema for the typed frame of `contract` (only `columns`, if given)."""
    today = today or date.today()
    wanted = [c for c in contract.columns if columns is None or c.name in columns]
    return pa.DataFrameSchema(
        {c.name: _pandera_column(c, today) for c in wanted},
        name=contract.name,
        strict=False,
        coerce=False,
    )


def _pandera_column(spec: ColumnSpec, today: date) -> pa.Column:
    checks = []
    if spec.allowed is not None:
        checks.append(pa.Check(_isin(spec.allowed), name="allowed", ignore_na=True))
    low, high = spec.bounds(today)
    if low is not None or high is not None:
        checks.append(pa.Check(_in_range(low, high), name="range", ignore_na=True))
    return pa.Column(spec.pandas_dtype, checks=checks, nullable=not spec.required, required=False)


def _isin(allowed: tuple[str, ...]) -> Callable[[pd.Series], pd.Series]:
    values = list(allowed)

    def check(series: pd.Series) -> pd.Series:
        return series.isin(values)

    return check


def _in_range(low: object, high: object) -> Callable[[pd.Series], pd.Series]:
    low, high = _comparable(low), _comparable(high)

    def check(series: pd.Series) -> pd.Series:
        ok = pd.Series(True, index=series.index)
        if low is not None:
            ok &= series >= low
        if high is not None:
            ok &= series <= high
        return ok

    return check


def _comparable(bound: object) -> object:
    return pd.Timestamp(bound) if isinstance(bound, date) else bound


def column_problems(typed: pd.DataFrame, contract: TableContract, today: date) -> list[Problem]:
    """Run the pandera schema lazily; translate every failure case into a `Problem`."""
    schema = pandera_schema(contract, today, list(typed.columns))
    try:
        schema.validate(typed, lazy=True)
    except SchemaErrors as exc:
        return _translate(exc.failure_cases, contract, today)
    return []


def _translate(cases: pd.DataFrame, contract: TableContract, today: date) -> list[Problem]:
    cases = cases[cases["index"].notna() & cases["check"].isin(list(_PANDERA_RULES))]
    problems: list[Problem] = []
    for (column, check), group in cases.groupby(["column", "check"], sort=False):
        spec = contract[str(column)]
        rule = _PANDERA_RULES[str(check)]
        params = _params(spec, rule, today)
        rows = group["index"].to_numpy(dtype=np.int64) + 1
        values = [None if rule == "required" else format_value(v) for v in group["failure_case"]]
        problems.extend(
            Problem(int(r), spec.name, rule, v, params) for r, v in zip(rows, values, strict=True)
        )
    return problems


def _params(spec: ColumnSpec, rule: str, today: date) -> tuple[tuple[str, str], ...]:
    if rule == "allowed":
        return (("allowed", ", ".join(spec.allowed or ())),)
    if rule == "range":
        low, high = spec.bounds(today)
        return (("min", _bound_text(low, "−∞")), ("max", _bound_text(high, "∞")))
    return ()


def _bound_text(bound: object, open_end: str) -> str:
    return open_end if bound is None else format_value(bound)


def format_value(value: object) -> str:
    """A cell value as a user would write it: ISO dates, whole numbers without '.0'."""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    return str(value)
