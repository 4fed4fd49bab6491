"""Validating a weekly register on disk: one file, or a directory of Parquet files.

A directory (the year-partitioned layout of `synth.register_io`) is validated file by file,
so memory stays at one file. Each file gets the full `register_weeks` contract (codes,
weeks, municipality, duplicate person-weeks and gaps named by row within the file); a
person's weeks that continue into the next year's file are checked inside each file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sporskifte.registers.readers import read_table
from sporskifte.registers.register_features import register_files
from sporskifte.registers.report import ValidationResult


def check_register(
    path: Path,
    *,
    lang: str = "en",
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, list[ValidationResult]]:
    """(rows checked, the reports of files with errors); an empty list means accepted."""
    _, files = register_files(path)
    rows = 0
    rejected: list[ValidationResult] = []
    for number, name in enumerate(files, start=1):
        result = read_table(name, "register_weeks", lang=lang, today=today)
        result.frame = None  # only the verdict is kept: the next file may be as large
        rows += result.rows
        if not result.ok:
            rejected.append(result)
        if progress:
            progress(number, len(files))
    return rows, rejected
