"""Every template formats dates, numbers and percentages through `{% load danish %}`: Django's
own `floatformat`, `widthratio`, `|date:`, `|time:` and `stringformat` give '0.5', '1. Dec'
or an unrounded ratio, so they are not used anywhere."""

from __future__ import annotations

import re
from pathlib import Path

import sporskifte

SOURCE = Path(sporskifte.__file__).parent
FORBIDDEN = re.compile(r"floatformat|widthratio|\|\s*date\s*:|\|\s*time\s*:|stringformat")


def templates() -> list[Path]:
    return sorted(p for p in SOURCE.glob("**/templates/**/*") if p.suffix in {".html", ".txt"})


def test_the_scan_sees_the_page_and_letter_templates() -> None:
    names = {p.name for p in templates()}
    assert {"planner.html", "summary_pdf.html", "letter.html", "base.html"} <= names


def test_no_template_formats_dates_or_numbers_with_djangos_own_filters() -> None:
    found = [
        f"{path.relative_to(SOURCE)}:{n}: {match.group(0)}"
        for path in templates()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for match in FORBIDDEN.finditer(line)
    ]
    assert found == [], "use the danish filters ({% load danish %}) instead:\n" + "\n".join(found)


def test_the_scan_would_catch_each_forbidden_filter() -> None:
    for text in (
        "{{ x|floatformat:1 }}", "{% widthratio a 1 100 %}", '{{ d|date:"j. F Y" }}',
        '{{ t|time:"H:i" }}', '{{ y|stringformat:"d" }}', "{{ d | date : 'Y' }}",
    ):  # fmt: skip
        assert FORBIDDEN.search(text), text
    assert not FORBIDDEN.search("{{ d|long_date }} {{ p|percent:1 }} {{ d|iso_date }}")
