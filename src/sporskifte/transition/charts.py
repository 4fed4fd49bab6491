"""The phase-out's charts (SVG, drawn on the server by `lib.charts`) and the tables that are
their text alternative."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sporskifte.lib import charts, danish
from sporskifte.transition.policy import SCHEME_LABELS, SCHEMES
from sporskifte.transition.projection import ALL, Forecast, ForecastRow


def month_label(d: date) -> str:
    """date(2027, 1, 1) -> '2027-01': the axis key (sorts as text); texts people read use
    `danish.month`."""
    return f"{d.year}-{d.month:02d}"


@dataclass(frozen=True)
class Chart:
    """An SVG chart as a data: URI for `<img>`, with its text alternative."""

    uri: str
    alt: str


def end_months(table: list[tuple[date, dict[str, int]]]) -> Chart | None:
    """Running courses by month of end and scheme (stacked bars)."""
    if not table:
        return None
    records = [
        {"måned": month_label(m), "ordning": SCHEME_LABELS[s], "antal": n}
        for m, counts in table
        for s, n in counts.items()
    ]
    svg = charts.stacked_bars(
        records, x="måned", y="antal", color="ordning", x_title="Måned for forløbets slut",
        y_title="Antal forløb", color_title="Ordning",
        order=[SCHEME_LABELS[s] for s in SCHEMES],
    )  # fmt: skip
    total = sum(sum(c.values()) for _, c in table)
    alt = (
        f"Søjlediagram: {danish.number(total)} igangværende forløb fordelt på måned for slut, "
        f"fra {danish.month(table[0][0])} til {danish.month(table[-1][0])}. Tallene står i "
        "tabellen "
        "under diagrammet."
    )
    return Chart(charts.data_uri(svg), alt)


def stock(fc: Forecast) -> Chart | None:
    """The monthly stock of each scheme through the phase-out (stacked bars)."""
    rows = [r for r in fc.rows if r.scheme != ALL]
    if not rows:
        return None
    records = [
        {"måned": month_label(r.month), "ordning": SCHEME_LABELS[r.scheme], "antal": r.stock}
        for r in rows
    ]
    svg = charts.stacked_bars(
        records, x="måned", y="antal", color="ordning", x_title="Måned",
        y_title="Forløb i gang ved månedens start", color_title="Ordning",
        order=[SCHEME_LABELS[s] for s in SCHEMES],
    )  # fmt: skip
    alt = (
        "Søjlediagram: bestanden af forløb pr. ordning måned for måned, til det sidste forløb "
        "slutter. Tallene står i tabellen under diagrammet."
    )
    return Chart(charts.data_uri(svg), alt)


def without_benefit(fc: Forecast) -> Chart | None:
    """Expected persons leaving without benefit per month, with the interval."""
    rows: list[ForecastRow] = [r for r in fc.rows if r.scheme == ALL]
    if not rows:
        return None
    records = [
        {"måned": month_label(r.month), "forventet": round(r.expected_without_benefit, 2),
         "lav": r.low, "høj": r.high}
        for r in rows
    ]  # fmt: skip
    svg = charts.bars_with_interval(
        records, x="måned", y="forventet", low="lav", high="høj", x_title="Måned",
        y_title="Forventet antal uden ydelse",
    )  # fmt: skip
    alt = (
        f"Søjlediagram med usikkerhedsinterval: forventet antal personer, der står uden ydelse, "
        f"når forløbet slutter, måned for måned; i alt {danish.number(fc.total.expected)} "
        f"({danish.number(fc.total.low)}–{danish.number(fc.total.high)}). Tallene står i "
        "tabellen under diagrammet."
    )
    return Chart(charts.data_uri(svg), alt)
