"""Texts of the validation report, in English (CLI) and Danish (user interface).

One entry per rule code; `{value}` and the problem's parameters are filled in. Cross-column
rules carry their own texts in the contract (`CrossRule.text_en` / `text_da`).
"""

from __future__ import annotations

LANGS = ("en", "da")

RULE_TEXTS: dict[str, dict[str, str]] = {
    "file_not_found": {
        "en": "The file does not exist or cannot be opened: {detail}",
        "da": "Filen findes ikke eller kan ikke åbnes: {detail}",
    },
    "empty_file": {
        "en": "The file is empty (no bytes).",
        "da": "Filen er tom (ingen bytes).",
    },
    "no_rows": {
        "en": "The file has no data rows.",
        "da": "Filen har ingen datarækker.",
    },
    "encoding": {
        "en": "The text is not UTF-8 (bytes {value}); save the file as UTF-8.",
        "da": "Teksten er ikke UTF-8 (bytes {value}); gem filen som UTF-8.",
    },
    "binary": {
        "en": "The file is not text (it holds NUL bytes); is it the right file?",
        "da": "Filen er ikke tekst (den indeholder NUL-bytes); er det den rigtige fil?",
    },
    "too_large": {
        "en": "The file is {size} MB; at most {limit} MB can be read.",
        "da": "Filen fylder {size} MB; der kan højst indlæses {limit} MB.",
    },
    "too_many_rows": {
        "en": "The file has {rows} rows; at most {limit} can be read.",
        "da": "Filen har {rows} rækker; der kan højst indlæses {limit}.",
    },
    "more_of_rule": {
        "en": "... and {count} more problems of the kind [{of_rule}].",
        "da": "... og {count} problemer mere af typen [{of_rule}].",
    },
    "danish_dialect": {
        "en": "Read as a Danish Excel file: {detail}.",
        "da": "Læst som en dansk Excel-fil: {detail}.",
    },
    "delimiter": {
        "en": "The header looks separated by semicolons; the contract requires commas.",
        "da": "Overskriften ser ud til at være adskilt med semikolon; kontrakten kræver komma.",
    },
    "unreadable": {
        "en": "The file cannot be read as {format}: {detail}",
        "da": "Filen kan ikke læses som {format}: {detail}",
    },
    "field_count": {
        "en": "The row has {actual} fields; the header has {expected}.",
        "da": "Rækken har {actual} felter; overskriften har {expected}.",
    },
    "duplicate_column": {
        "en": "The column appears more than once in the header.",
        "da": "Kolonnen står mere end én gang i overskriften.",
    },
    "missing_column": {
        "en": "The required column is missing.",
        "da": "Den påkrævede kolonne mangler.",
    },
    "missing_outcome_column": {
        "en": "The file has outcome columns, so this one is required too.",
        "da": "Filen har udfaldskolonner, så denne kolonne er også påkrævet.",
    },
    "extra_column": {
        "en": "Unknown column; it is ignored.",
        "da": "Ukendt kolonne; den ignoreres.",
    },
    "required": {
        "en": "A value is required.",
        "da": "Feltet skal udfyldes.",
    },
    "type": {
        "en": "'{value}' is not {expected}.",
        "da": "'{value}' er ikke {expected}.",
    },
    "allowed": {
        "en": "'{value}' is not an allowed value (allowed: {allowed}).",
        "da": "'{value}' er ikke en tilladt værdi (tilladt: {allowed}).",
    },
    "range": {
        "en": "{value} is outside the allowed range {min} … {max}.",
        "da": "{value} ligger uden for det tilladte interval {min} … {max}.",
    },
    "unique": {
        "en": "Duplicate key '{value}': the same value as row {first}.",
        "da": "Dubleret nøgle '{value}': samme værdi som række {first}.",
    },
    "unique_together": {
        "en": "The same person and week ('{value}') as row {first}: one row per person a week.",
        "da": "Samme person og uge ('{value}') som række {first}: én række pr. person pr. uge.",
    },
    "cpr": {
        "en": "Looks like a CPR number ({value}); person_id must be a pseudonym.",
        "da": "Ligner et CPR-nummer ({value}); person_id skal være et pseudonym.",
    },
}

EXPECTED_TYPE: dict[str, dict[str, str]] = {
    "integer": {"en": "a whole number", "da": "et heltal"},
    "decimal": {"en": "a number (with a point as decimal mark)", "da": "et tal (med punktum)"},
    "boolean": {"en": "true or false", "da": "true eller false"},
    "date": {"en": "a valid date written YYYY-MM-DD", "da": "en gyldig dato skrevet ÅÅÅÅ-MM-DD"},
    "string": {"en": "text", "da": "tekst"},
}

LABELS: dict[str, dict[str, str]] = {
    "row": {"en": "Row", "da": "Række"},
    "line": {"en": "line", "da": "linje"},
    "column": {"en": "Column", "da": "Kolonne"},
    "rule": {"en": "Rule", "da": "Regel"},
    "value": {"en": "Value", "da": "Værdi"},
    "problem": {"en": "Problem", "da": "Problem"},
    "file": {"en": "File", "da": "Fil"},
    "errors": {"en": "Errors", "da": "Fejl"},
    "warnings": {"en": "Warnings", "da": "Advarsler"},
    "accepted": {
        "en": "Accepted: {rows} rows of {table}, no errors.",
        "da": "Godkendt: {rows} rækker i {table}, ingen fejl.",
    },
    "rejected": {
        "en": "Rejected: {table} has {errors} error(s); nothing was imported.",
        "da": "Afvist: {table} har {errors} fejl; intet er indlæst.",
    },
    "more": {
        "en": "… and {count} more not shown.",
        "da": "… og {count} flere, som ikke er vist.",
    },
    "row_note": {
        "en": "Rows are data rows counted from 1 (the header is not a row); "
        "for CSV the file line is shown too.",
        "da": "Rækker er datarækker talt fra 1 (overskriften tæller ikke); "
        "for CSV vises også linjen i filen.",
    },
}


def check_lang(lang: str) -> str:
    """Return `lang` if supported, else raise a clear ValueError."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, got {lang!r}")
    return lang


def label(key: str, lang: str, **params: object) -> str:
    """A report label in `lang`, formatted with `params`."""
    return LABELS[key][lang].format(**params)
