"""Turning raw columns into contract dtypes, cell by cell but vectorised.

A raw column is whatever a reader produced: text from CSV (every cell a string, `""` for an
empty cell), or typed values from Parquet or an in-memory frame. `coerce_column` returns the
typed column and a mask of cells that are filled but cannot be read as the contract type;
those cells become missing in the typed column and are reported once, as `type` problems.

Accepted spellings (documented in the contract): surrounding blanks are ignored; an empty
cell is missing; booleans are `true`/`false` in any letter case; dates are ISO `YYYY-MM-DD`;
integers may be written `12` or `12.0` (spreadsheets do that) but not `12.5`; decimals use a
point.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pandas.api.types import pandas_dtype

from sporskifte.registers.contracts import PANDAS_DTYPES

ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
NUMBER = r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?"
CPR_SHAPE = r"[ \t]*[0-9]{6}-?[0-9]{4}[ \t]*"
_MAX_EXACT_INT = 2**53
_DATE_UNIT = "datetime64[us]"


def coerce_column(raw: pd.Series, kind: str) -> tuple[pd.Series, pd.Series]:
    """Return (typed column, mask of unreadable filled cells) for contract type `kind`."""
    raw = raw.reset_index(drop=True)
    text = _text_cells(raw)
    if text.all():
        typed, bad = _PARSERS[kind](_clean_text(raw))
    elif not text.any():
        typed, bad = _CONVERTERS[kind](raw)
    else:  # an object column mixing text and values (e.g. edited in a spreadsheet)
        typed_text, bad_text = _PARSERS[kind](_clean_text(raw.where(text)))
        typed_other, bad_other = _CONVERTERS[kind](raw.where(~text))
        dtype = pandas_dtype(PANDAS_DTYPES[kind])
        typed = typed_text.astype(dtype).where(text, typed_other.astype(dtype))
        bad = (bad_text & text) | (bad_other & ~text)
    return typed.astype(pandas_dtype(PANDAS_DTYPES[kind])), bad.fillna(False).astype(bool)


def _text_cells(raw: pd.Series) -> pd.Series:
    """True for cells holding text (missing cells count as text: they parse as missing)."""
    if isinstance(raw.dtype, pd.CategoricalDtype):
        return pd.Series(False, index=raw.index)
    if pd.api.types.is_string_dtype(raw.dtype) and raw.dtype != object:
        return pd.Series(True, index=raw.index)
    if raw.dtype != object:
        return pd.Series(False, index=raw.index)
    is_text = raw.map(lambda v: isinstance(v, str), na_action="ignore")
    return is_text.fillna(True).astype(bool)


def raw_text(raw: pd.Series) -> pd.Series:
    """The raw cells as text, for quoting the offending value in a report."""
    return raw.astype("string").reset_index(drop=True)


def _clean_text(raw: pd.Series) -> pd.Series:
    """Strip blanks; empty text becomes missing."""
    text = raw.astype("string").str.strip()
    return text.mask(text == "")


# --- parsing text ----------------------------------------------------------------------------


def _parse_string(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return text, pd.Series(False, index=text.index)


def _to_number(text: pd.Series) -> pd.Series:
    """Text to Float64 (missing where not a plain number), in Arrow: ~5x faster than
    `pd.to_numeric` on a million cells."""
    shaped = text.str.fullmatch(NUMBER).fillna(False).astype(bool)
    values = pc.cast(pa.array(text.where(shaped), type=pa.string()), pa.float64())
    return pd.Series(pd.array(values.to_numpy(zero_copy_only=False), dtype="Float64"))


def _parse_integer(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _whole_numbers(_to_number(text), text.notna())


def _parse_decimal(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    return _finite(_to_number(text), text.notna())


def _parse_boolean(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    lowered = text.str.lower()
    typed = lowered.map({"true": True, "false": False}, na_action="ignore").astype("boolean")
    return typed, text.notna() & typed.isna()


def _parse_date(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    shaped = text.str.fullmatch(ISO_DATE).fillna(False).astype(bool)
    typed = pd.to_datetime(text.where(shaped), format="%Y-%m-%d", errors="coerce")
    typed = typed.astype(pandas_dtype(_DATE_UNIT))
    return typed, text.notna() & typed.isna()


_PARSERS = {
    "string": _parse_string,
    "integer": _parse_integer,
    "decimal": _parse_decimal,
    "boolean": _parse_boolean,
    "date": _parse_date,
}


# --- converting typed values -----------------------------------------------------------------


def _no_problems(raw: pd.Series) -> pd.Series:
    return pd.Series(False, index=raw.index)


def _convert_string(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_float_dtype(raw.dtype):  # e.g. occupation stored as 3.0
        whole = raw.dropna()
        if (whole == np.floor(whole)).all():
            raw = raw.astype("Int64")
    text = raw.astype("string").str.strip()
    return text.mask(text == ""), _no_problems(raw)


def _convert_integer(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_bool_dtype(raw.dtype):
        return pd.Series(pd.NA, index=raw.index, dtype="Int64"), raw.notna()
    if pd.api.types.is_integer_dtype(raw.dtype):
        return raw.astype("Int64"), _no_problems(raw)
    number = pd.to_numeric(raw, errors="coerce").astype("Float64")
    return _whole_numbers(number, raw.notna())


def _convert_decimal(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_bool_dtype(raw.dtype):
        return pd.Series(pd.NA, index=raw.index, dtype="Float64"), raw.notna()
    number = pd.to_numeric(raw, errors="coerce").astype("Float64")
    return _finite(number, raw.notna())


def _finite(number: pd.Series, filled: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Keep finite numbers; flag filled cells that are not."""
    finite = number.notna() & np.isfinite(number.fillna(0.0).to_numpy(dtype=float))
    number = number.where(finite)
    return number, filled & number.isna()


def _convert_boolean(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_bool_dtype(raw.dtype):
        return raw.astype("boolean"), _no_problems(raw)
    values = raw.map(lambda v: v if isinstance(v, bool | np.bool_) else None, na_action="ignore")
    typed = values.astype("boolean")
    return typed, raw.notna() & typed.isna()


def _convert_date(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        stamps = raw.dt.tz_localize(None) if getattr(raw.dt, "tz", None) else raw
        has_time = stamps.notna() & (stamps != stamps.dt.normalize())
        return stamps.where(~has_time).astype(pandas_dtype(_DATE_UNIT)), has_time
    typed = pd.to_datetime(raw, errors="coerce")
    if getattr(typed.dt, "tz", None) is not None:
        typed = typed.dt.tz_localize(None)
    has_time = typed.notna() & (typed != typed.dt.normalize())
    typed = typed.where(~has_time).astype(pandas_dtype(_DATE_UNIT))
    return typed, raw.notna() & typed.isna()


_CONVERTERS = {
    "string": _convert_string,
    "integer": _convert_integer,
    "decimal": _convert_decimal,
    "boolean": _convert_boolean,
    "date": _convert_date,
}


def _whole_numbers(number: pd.Series, filled: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Keep finite whole numbers within the exactly representable range; flag the rest."""
    values = number.fillna(0.5).to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        ok = np.isfinite(values) & (values == np.floor(values)) & (np.abs(values) < _MAX_EXACT_INT)
    ok_series = pd.Series(ok, index=number.index) & number.notna()
    typed = number.where(ok_series).astype("Int64")
    return typed, filled & ~ok_series


def is_cpr_shaped(values: pd.Series) -> pd.Series:
    """Vectorised pre-filter: 10 digits with an optional dash after six (blanks allowed)."""
    return values.str.fullmatch(CPR_SHAPE).fillna(False).astype(bool)
