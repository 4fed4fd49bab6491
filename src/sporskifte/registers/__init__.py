"""Data contracts as code, readers and validation reports (no Django).

Public API::

    read_table(path, table, *, lang="en") -> ValidationResult      # CSV or Parquet
    load_table(path, table, *, lang="en") -> DataFrame             # or raises ContractError
    validate_frame(df, table, *, lang="en") -> ValidationResult    # an in-memory frame
    contracts.CONTRACTS[table].columns                              # ColumnSpec: name, dtype, ...

`ValidationResult` has `.ok`, `.frame` (typed, only when ok), `.errors` and `.warnings`
(lists of `Problem`: row, column, rule, value, `message(lang)`), `.to_text(lang)` and
`.to_markdown(lang)`. Rows are 1-based data rows (the header is not a row).
"""

from __future__ import annotations

from sporskifte.registers.contracts import CONTRACTS, ColumnSpec, CrossRule, TableContract
from sporskifte.registers.readers import load_table, read_table
from sporskifte.registers.report import ContractError, Problem, ValidationResult
from sporskifte.registers.schema import pandera_schema
from sporskifte.registers.validate import validate_frame

__all__ = [
    "CONTRACTS",
    "ColumnSpec",
    "ContractError",
    "CrossRule",
    "Problem",
    "TableContract",
    "ValidationResult",
    "load_table",
    "pandera_schema",
    "read_table",
    "validate_frame",
]
