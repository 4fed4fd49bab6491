"""Problems and validation results: what a reader or validator hands back.

Row numbers (`Problem.row`) are **1-based data rows**: row 1 is the first row below the header
(the header is not a row), for CSV, Parquet and in-memory frames alike; it equals the frame's
position + 1. For CSV files the report also shows the file line (header = line 1, so a data row
normally sits on line row + 1; a quoted field spanning lines shifts later lines).
`row` is None for problems about the whole file or a whole column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from sporskifte.registers.messages import (
    EXPECTED_TYPE,
    RULE_TEXTS,
    check_lang,
    label,
)


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: where (row, column), which rule, the offending value, and its parameters.

    `rule` is a stable code (`required`, `type`, `allowed`, `range`, `unique`, `cpr`,
    `missing_column`, `extra_column`, `encoding`, …, or a cross-rule name from the contract).
    `params` holds what the message needs (allowed values, bounds, the first row of a key).
    """

    row: int | None
    column: str | None
    rule: str
    value: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    texts: tuple[str, str] | None = None
    """(English, Danish) text for rules whose text lives in the contract (cross rules)."""

    def message(self, lang: str = "en") -> str:
        """What is wrong, in English (`en`) or Danish (`da`), without the location."""
        check_lang(lang)
        if self.texts is not None:
            text = self.texts[0] if lang == "en" else self.texts[1]
            text = text[:1].upper() + text[1:]
            return f"{text} ({self.value})." if self.value else f"{text}."
        params = dict(self.params)
        if "kind" in params:
            params["expected"] = EXPECTED_TYPE[params["kind"]][lang]
        template = RULE_TEXTS[self.rule][lang]
        return template.format(value=self.value, **params)

    def location(self, lang: str = "en", header_lines: int = 0) -> str:
        """'Row 5 (line 6), column sex' style location, or '' for a file-level problem."""
        parts = []
        if self.row is not None:
            where = f"{label('row', lang)} {self.row}"
            if header_lines:
                where += f" ({label('line', lang)} {self.row + header_lines})"
            parts.append(where)
        if self.column is not None:
            parts.append(f"{label('column', lang).lower()} {self.column}")
        text = ", ".join(parts)
        return text[:1].upper() + text[1:]


def sort_key(problem: Problem) -> tuple[int, int, str, str]:
    """File-level problems first, then by row, column and rule."""
    row = -1 if problem.row is None else problem.row
    return (row, 0, problem.column or "", problem.rule)


@dataclass
class ValidationResult:
    """The outcome of reading or validating one table.

    `frame` is the typed frame (contract dtypes, contract column order, extra columns
    dropped) and is set only when there are no errors: a bad file is rejected whole.
    """

    table: str
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    frame: pd.DataFrame | None = None
    rows: int = 0
    source: str | None = None
    header_lines: int = 0
    """1 for CSV (file line = row + 1), 0 for Parquet and frames."""
    lang: str = "en"

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings are allowed)."""
        return not self.errors

    def summary(self, lang: str | None = None) -> str:
        """One line: accepted with n rows, or rejected with the number of errors."""
        lang = check_lang(lang or self.lang)
        if self.ok:
            return label("accepted", lang, rows=self.rows, table=self.table)
        return label("rejected", lang, errors=len(self.errors), table=self.table)

    def problems(self) -> list[tuple[str, Problem]]:
        """All problems as ('error' | 'warning', problem), errors first."""
        return [("error", p) for p in self.errors] + [("warning", p) for p in self.warnings]

    def to_text(self, lang: str | None = None, limit: int | None = None) -> str:
        """Plain-text report: a summary line, then every problem (or the first `limit`)."""
        lang = check_lang(lang or self.lang)
        lines = [self.summary(lang)]
        if self.source:
            lines.insert(0, f"{label('file', lang)}: {self.source}")
        for key, problems in (("errors", self.errors), ("warnings", self.warnings)):
            if problems:
                lines.append(f"{label(key, lang)} ({len(problems)}):")
                lines.extend(self._text_lines(problems, lang, limit))
        if self.errors or self.warnings:
            lines.append(label("row_note", lang))
        return "\n".join(lines)

    def _text_lines(self, problems: list[Problem], lang: str, limit: int | None) -> list[str]:
        shown = problems if limit is None else problems[:limit]
        lines = []
        for p in shown:
            where = p.location(lang, self.header_lines)
            prefix = f"  - {where}: " if where else "  - "
            lines.append(f"{prefix}{p.message(lang)} [{p.rule}]")
        if len(shown) < len(problems):
            lines.append("  " + label("more", lang, count=len(problems) - len(shown)))
        return lines

    def to_markdown(self, lang: str | None = None, limit: int | None = None) -> str:
        """Markdown report: summary, then one table of errors and one of warnings."""
        lang = check_lang(lang or self.lang)
        out = [f"**{self.summary(lang)}**"]
        if self.source:
            out.insert(0, f"{label('file', lang)}: `{self.source}`\n")
        for key, problems in (("errors", self.errors), ("warnings", self.warnings)):
            if problems:
                out.append(f"\n### {label(key, lang)} ({len(problems)})\n")
                out.extend(self._markdown_table(problems, lang, limit))
        if self.errors or self.warnings:
            out.append(f"\n_{label('row_note', lang)}_")
        return "\n".join(out)

    def _markdown_table(self, problems: list[Problem], lang: str, limit: int | None) -> list[str]:
        heads = [label(k, lang) for k in ("row", "column", "rule", "value", "problem")]
        rows = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        shown = problems if limit is None else problems[:limit]
        for p in shown:
            row = "" if p.row is None else str(p.row)
            if p.row is not None and self.header_lines:
                row += f" ({label('line', lang)} {p.row + self.header_lines})"
            cells = [row, p.column or "", p.rule, p.value or "", p.message(lang)]
            rows.append("| " + " | ".join(_md_cell(c) for c in cells) + " |")
        if len(shown) < len(problems):
            rows.append("\n" + label("more", lang, count=len(problems) - len(shown)))
        return rows

    def raise_for_errors(self) -> pd.DataFrame:
        """Return the typed frame, or raise `ContractError` carrying this result."""
        if not self.ok or self.frame is None:
            raise ContractError(self)
        return self.frame


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


class ContractError(ValueError):
    """A table broke its contract; `.result` carries the full report."""

    def __init__(self, result: ValidationResult) -> None:
        self.result = result
        super().__init__(result.to_text(limit=20))
