"""Benchmark: generate 1,000,000 synthetic spells, then validate them (targets < 30 s, < 10 s).

Also times the pandera part of validation on its own, and reading the same million rows back
from CSV and Parquet files, so the cost of each step is visible.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

N = 1_000_000
SEED = 2026
T = TypeVar("T")


def timed(label: str, rows: int, target: float | None, work: Callable[[], T]) -> T:
    """Run `work`, print its time and rows per second (and the target, if any)."""
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    goal = (
        f"  (target < {target:.0f} s: {'ok' if seconds < target else 'MISSED'})" if target else ""
    )
    print(f"{label:<38} {seconds:7.2f} s  {rows / seconds:12,.0f} rows/s{goal}", flush=True)
    return result


def main() -> None:
    from sporskifte.registers import read_table, validate_frame
    from sporskifte.registers.contracts import SICKNESS_SPELLS
    from sporskifte.registers.schema import pandera_schema
    from sporskifte.synth.io import write_table
    from sporskifte.synth.spells import generate_spells

    spells = timed("generate 1,000,000 spells", N, 30, lambda: generate_spells(seed=SEED, n=N))
    result = timed("validate (in memory)", N, 10, lambda: validate_frame(spells, "sickness_spells"))
    assert result.ok, result.to_text(limit=5)
    schema = pandera_schema(SICKNESS_SPELLS, date.today())
    timed("  of which pandera column checks", N, None, lambda: schema.validate(spells, lazy=True))
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("parquet", "csv"):
            path = Path(folder) / f"spells.{fmt}"
            timed(f"write {fmt}", N, None, lambda p=path, f=fmt: write_table(spells, p, f))  # type: ignore[misc]
            read = timed(
                f"read + validate {fmt}",
                N,
                10,
                lambda p=path: read_table(p, "sickness_spells"),  # type: ignore[misc]
            )
            assert read.ok, read.to_text(limit=5)


if __name__ == "__main__":
    main()
