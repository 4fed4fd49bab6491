"""The Danish Excel CSV dialect: what "Gem som CSV" writes on a Danish Windows machine.

Semicolons between fields (the comma is the decimal sign), decimal commas (with a dot as
thousands separator), dates as dd-mm-yyyy (or dd.mm.yyyy), and Windows-1252 text unless
the file happens to be UTF-8. `looks_danish` recognises it from the header line;
`to_contract_csv` rewrites it as the contract's dialect (comma, dot, ISO dates, UTF-8)
and says what it changed, so the report can tell the user.
"""

from __future__ import annotations

import csv
import io
import re

_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*,\d+$|^-?\d+,\d+$")
_DATE = re.compile(r"^(\d{2})[-.](\d{2})[-.](\d{4})$")


def _text(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 when it decodes, else Windows-1252 (Danish Excel's)."""
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def looks_danish(data: bytes) -> bool:
    """A header of several semicolon-separated names and no comma."""
    first = data.split(b"\n", 1)[0].rstrip(b"\r")
    return b";" in first and b"," not in first and len(first.split(b";")) >= 2


def _cell(value: str, changed: set[str]) -> str:
    if _NUMBER.match(value):
        changed.add("decimalkomma")
        return value.replace(".", "").replace(",", ".")
    date = _DATE.match(value)
    if date:
        changed.add("datoer som dd-mm-åååå")
        return f"{date.group(3)}-{date.group(2)}-{date.group(1)}"
    return value


def to_contract_csv(data: bytes) -> tuple[bytes, str]:
    """The file in the contract's dialect, and a Danish note of what was converted."""
    text, encoding = _text(data)
    changed: set[str] = set()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=";")):
        writer.writerow(row if number == 0 else [_cell(v.strip(), changed) for v in row])
    parts = ["semikolon som skilletegn", f"tegnsæt {encoding}", *sorted(changed)]
    return out.getvalue().encode("utf-8"), ", ".join(parts)
