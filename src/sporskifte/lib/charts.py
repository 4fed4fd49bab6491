"""Charts rendered on the server: an Altair / Vega-Lite chart to an SVG string.

No charting JavaScript reaches the browser, so the strict Content-Security-Policy stays
intact. Embed the SVG as an `<img>` with a data: URI (allowed by `img-src data:`): an inline
`<svg>` element would carry style attributes the policy forbids. Every chart needs a table
alternative in the page and a text alternative on the image; this module only draws.

A leaf helper: imports only `lib.danish`, whose format the axes use.
"""

from __future__ import annotations

import base64
import functools
import json
from collections.abc import Mapping, Sequence
from typing import Any

import altair as alt

from sporskifte.lib.danish import D3_FORMAT, MONTHS_SHORT

FONT = "Helvetica, Arial, sans-serif"
PALETTE = ("#0059b3", "#d45f00", "#358000", "#6b2c91", "#8a6d00", "#454545")
"""Colours with at least 3:1 contrast on white, told apart also by order and legend."""


def to_svg(chart: alt.TopLevelMixin | Mapping[str, Any]) -> str:
    """Render a chart (Altair object or Vega-Lite spec as a dict) to an SVG document."""
    spec = chart.to_dict() if isinstance(chart, alt.TopLevelMixin) else dict(chart)
    return _render(json.dumps(spec, sort_keys=True, default=str))


@functools.lru_cache(maxsize=64)
def _render(spec_json: str) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(spec_json, format_locale=D3_FORMAT))


def data_uri(svg: str) -> str:
    """The SVG as a data: URI for `<img src=...>`."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def _config(chart: alt.TopLevelMixin, width: int, height: int) -> alt.TopLevelMixin:
    return (
        chart.properties(width=width, height=height)
        .configure(font=FONT)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#1a1a1a")
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="bottom")
        .configure_view(stroke=None)
    )


def stacked_bars(
    records: Sequence[Mapping[str, Any]],
    *,
    x: str,
    y: str,
    color: str,
    x_title: str,
    y_title: str,
    color_title: str,
    order: Sequence[str] | None = None,
    width: int = 720,
    height: int = 260,
) -> str:
    """Stacked bars of `y` per `x` (ordinal), one colour per `color` value; returns SVG."""
    domain = list(order) if order else sorted({str(r[color]) for r in records})
    chart = (
        alt.Chart(alt.Data(values=list(records)))
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:O", title=x_title, axis=_x_axis()),
            y=alt.Y(f"{y}:Q", title=y_title, stack="zero"),
            color=alt.Color(
                f"{color}:N", title=color_title,
                scale=alt.Scale(domain=domain, range=list(PALETTE[: len(domain)])),
            ),
            order=alt.Order(f"{color}_order:Q"),
        )
        .transform_calculate(**{f"{color}_order": _order_expression(color, domain)})
    )  # fmt: skip
    return to_svg(_config(chart, width, height))


MONTH_KEY_LABEL = (
    "test(regexp('^[0-9]{4}-[0-9]{2}$'), datum.label) ? "
    + json.dumps(list(MONTHS_SHORT))
    + "[toNumber(slice(datum.label, 5, 7)) - 1] + ' ' + slice(datum.label, 0, 4) : datum.label"
)
"""A month key on an axis ('2026-11', which sorts as text) shown as 'nov. 2026'."""


def _x_axis() -> alt.Axis:
    return alt.Axis(labelAngle=-45, labelExpr=MONTH_KEY_LABEL)


def _order_expression(field: str, domain: Sequence[str]) -> str:
    return "indexof(" + json.dumps(list(domain)) + f", datum['{field}'])"


def bars_with_interval(
    records: Sequence[Mapping[str, Any]],
    *,
    x: str,
    y: str,
    low: str,
    high: str,
    x_title: str,
    y_title: str,
    width: int = 720,
    height: int = 220,
) -> str:
    """Bars of `y` per `x` (ordinal) with a vertical interval from `low` to `high`; SVG."""
    base = alt.Chart(alt.Data(values=list(records))).encode(
        x=alt.X(f"{x}:O", title=x_title, axis=_x_axis())
    )
    bars = base.mark_bar(color=PALETTE[0]).encode(y=alt.Y(f"{y}:Q", title=y_title))
    rules = base.mark_rule(color="#1a1a1a", strokeWidth=1.5).encode(
        y=alt.Y(f"{low}:Q"), y2=alt.Y2(f"{high}:Q")
    )
    return to_svg(_config(alt.layer(bars, rules), width, height))
