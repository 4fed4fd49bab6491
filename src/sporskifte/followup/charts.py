"""The follow-up's charts (SVG drawn on the server by `lib.charts`), each with a text
alternative; the numbers are always in a table beside the chart too."""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt

from sporskifte.lib import charts, danish
from sporskifte.planning.outcomes import HORIZONS, GroupOutcome, curve_points

MAX_CURVES = len(charts.PALETTE)


@dataclass(frozen=True)
class Chart:
    """An SVG chart as a data: URI for `<img>`, with its text alternative."""

    uri: str
    alt: str


def _configured(chart: Any, width: int, height: int) -> Any:
    return (
        chart.properties(width=width, height=height)
        .configure(font=charts.FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#1a1a1a")
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="bottom", columns=3)
        .configure_view(stroke=None)
    )


def _lines(records: Sequence[Mapping[str, Any]], y: str, y_title: str, order: list[str]) -> str:
    chart = (
        alt.Chart(alt.Data(values=list(records)))
        .mark_line(interpolate="step-after", strokeWidth=2)
        .encode(
            x=alt.X("uge:Q", title="Uger siden første fraværsdag",
                    scale=alt.Scale(domain=[0, 52])),
            y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(format="%"),
                    scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("gruppe:N", title="Gruppe",
                            scale=alt.Scale(domain=order,
                                            range=list(charts.PALETTE[: len(order)]))),
            strokeDash=alt.StrokeDash("gruppe:N", title="Gruppe", scale=alt.Scale(domain=order)),
        )
    )  # fmt: skip
    return charts.to_svg(_configured(chart, 640, 260))


def largest(groups: Sequence[GroupOutcome]) -> list[GroupOutcome]:
    """The groups drawn as curves: the largest ones (a chart with 30 lines reads as none)."""
    return sorted(groups, key=lambda g: -g.spells)[:MAX_CURVES]


def survival(groups: Sequence[GroupOutcome], dimension_label: str) -> Chart | None:
    """Kaplan–Meier curves: share of spells still running, week by week."""
    shown = largest(groups)
    if not shown:
        return None
    order = [g.group for g in shown]
    records = [
        {"gruppe": g.group, "uge": t, "stadig_syg": round(s, 4)}
        for g in shown
        for t, s, _ in curve_points(g.curve, g.shown_until)
    ]
    svg = _lines(records, "stadig_syg", "Andel stadig sygemeldt", order)
    alt_text = (
        f"Overlevelseskurver (Kaplan–Meier) pr. {dimension_label.lower()} for "
        f"{', '.join(order)}: andelen af forløb, der stadig løber, uge for uge. Tallene ved "
        f"{', '.join(str(h) for h in HORIZONS)} uger står i tabellen under diagrammet. En "
        "kurve stopper, hvor for få forløb er fulgt så længe."
    )
    return Chart(charts.data_uri(svg), alt_text)


def back_at_work(
    groups: Sequence[GroupOutcome], dimension_label: str, *, png: bool = False
) -> Chart | None:
    """Share back at work by 8, 13, 26 and 52 weeks per group (grouped bars). `png`: a PNG
    instead of SVG, for the PDF (xhtml2pdf draws raster images only)."""
    shown = largest(groups)
    if not shown:
        return None
    records = [
        {"gruppe": g.group, "horisont": f"{h} uger", "andel": round(g.back_at_work[h], 4)}
        for g in shown
        for h in HORIZONS
        if g.shown[h]
    ]
    if not records:
        return None
    chart = (
        alt.Chart(alt.Data(values=records))
        .mark_bar()
        .encode(
            x=alt.X("gruppe:N", title=dimension_label, axis=alt.Axis(labelAngle=-30)),
            xOffset=alt.XOffset("horisont:N", sort=[f"{h} uger" for h in HORIZONS]),
            y=alt.Y("andel:Q", title="Andel tilbage i arbejde", axis=alt.Axis(format="%")),
            color=alt.Color("horisont:N", title="Inden for", sort=[f"{h} uger" for h in HORIZONS],
                            scale=alt.Scale(range=list(charts.PALETTE[: len(HORIZONS)]))),
        )
    )  # fmt: skip
    configured = _configured(chart, 640, 240)
    uri = _png_uri(configured) if png else charts.data_uri(charts.to_svg(configured))
    alt_text = (
        f"Søjlediagram: andelen tilbage i arbejde inden for 8, 13, 26 og 52 uger pr. "
        f"{dimension_label.lower()}, kun hvor nok forløb er fulgt så længe. Tallene står i "
        "tabellen under diagrammet."
    )
    return Chart(uri, alt_text)


def _png_uri(chart: Any) -> str:
    import vl_convert

    spec = json.dumps(chart.to_dict(), default=str)
    png = vl_convert.vegalite_to_png(spec, scale=1.5, format_locale=danish.D3_FORMAT)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def course_destinations(records: Sequence[Mapping[str, Any]], order: list[str]) -> Chart | None:
    """Where people went after the course, per scheme (stacked bars)."""
    if not records:
        return None
    svg = charts.stacked_bars(
        records, x="ordning", y="antal", color="til", x_title="Ordning",
        y_title="Afsluttede forløb", color_title="Efter forløbet", order=order, width=480,
    )  # fmt: skip
    return Chart(
        charts.data_uri(svg),
        "Søjlediagram: afsluttede forløb pr. ordning fordelt på, hvad borgeren gik videre til. "
        "Tallene står i tabellen under diagrammet.",
    )


def budget(records: Sequence[Mapping[str, Any]]) -> Chart | None:
    """Each BI05 line against the spending it funds (grouped bars)."""
    if not records:
        return None
    series = ["Budget (BI05)", "Forbrug, det finansierer"]
    chart = (
        alt.Chart(alt.Data(values=list(records)))
        .mark_bar()
        .encode(
            y=alt.Y("linje:N", title=None, axis=alt.Axis(labelLimit=320)),
            yOffset=alt.YOffset("serie:N", sort=series),
            x=alt.X("mio:Q", title="Mio. kr. om året"),
            color=alt.Color("serie:N", title="", sort=series,
                            scale=alt.Scale(range=list(charts.PALETTE[:2]))),
        )
    )  # fmt: skip
    svg = charts.to_svg(_configured(chart, 360, 220))
    return Chart(
        charts.data_uri(svg),
        "Søjlediagram: hver BI05-budgetlinje mod det forbrug, den finansierer, ved den "
        "nuværende tilgang. Tallene står i tabellen under diagrammet.",
    )


def capacity(plan: Any) -> Chart:
    """The team's capacity against the hours its inflow needs at the stored threshold: one bar
    of demand stacked by track (and reviews), one bar of capacity (`sickness.capacity.Plan`)."""
    demand, available = "Behov ved tilgangen", "Teamets kapacitet"
    records = [
        {"serie": demand, "del": row.label, "timer": round(row.hours_per_week, 1)}
        for row in plan.rows
    ]
    records.append(
        {"serie": available, "del": available,
         "timer": round(plan.stored.caseworker_hours_per_week, 1)}
    )  # fmt: skip
    order = [row.label for row in plan.rows] + [available]
    chart = (
        alt.Chart(alt.Data(values=records))
        .mark_bar()
        .encode(
            y=alt.Y("serie:N", title=None, sort=[demand, available],
                    axis=alt.Axis(labelLimit=200)),
            x=alt.X("timer:Q", title="Timer pr. uge", stack="zero",
                    axis=alt.Axis(labelExpr="replace(datum.label, '.', ',')")),
            color=alt.Color("del:N", title="", sort=order,
                            scale=alt.Scale(domain=order,
                                            range=list(charts.PALETTE[: len(order)]))),
            order=alt.Order("orden:Q"),
        )
        .transform_calculate(orden="indexof(" + json.dumps(order) + ", datum['del'])")
    )  # fmt: skip
    svg = charts.to_svg(_configured(chart, 520, 110))
    alt_text = (
        f"Søjlediagram: tilgangen kræver {danish.number(plan.demand, 1)} timer pr. uge fordelt "
        f"på sporene mod teamets kapacitet på "
        f"{danish.number(plan.stored.caseworker_hours_per_week, 1)} timer pr. uge. Tallene står "
        "i tabellen under diagrammet."
    )
    return Chart(charts.data_uri(svg), alt_text)
