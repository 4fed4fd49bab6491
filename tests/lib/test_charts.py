"""Charts drawn on the server read in the one Danish format: month keys as month names,
decimal commas and ' %' on the axes."""

from __future__ import annotations

import re

import altair as alt

from sporskifte.lib import charts


def _texts(svg: str) -> list[str]:
    return re.findall(r"<text[^>]*>([^<]*)</text>", svg)


def test_month_keys_on_the_axis_read_as_short_danish_months() -> None:
    records = [
        {"måned": "2026-11", "ordning": "a", "antal": 1},
        {"måned": "2027-01", "ordning": "b", "antal": 2},
    ]
    svg = charts.stacked_bars(
        records, x="måned", y="antal", color="ordning", x_title="Måned", y_title="Antal",
        color_title="Ordning",
    )  # fmt: skip
    texts = _texts(svg)
    assert "nov. 2026" in texts
    assert "jan. 2027" in texts
    assert "2026-11" not in texts


def test_other_axis_labels_stay_as_they_are_and_decimals_have_a_comma() -> None:
    records = [{"x": "Nørrebro", "y": 1.5, "lav": 1, "høj": 2}]
    svg = charts.bars_with_interval(
        records, x="x", y="y", low="lav", high="høj", x_title="Bydel", y_title="Antal"
    )
    texts = _texts(svg)
    assert "Nørrebro" in texts
    assert "0,5" in texts
    assert not any(re.fullmatch(r"\d+\.\d+", t) for t in texts)


def test_percent_axes_have_a_space_before_the_sign() -> None:
    chart = (
        alt.Chart(alt.Data(values=[{"a": "x", "b": 0.5}]))
        .mark_bar()
        .encode(x="a:N", y=alt.Y("b:Q", axis=alt.Axis(format="%")))
    )
    assert "50 %" in _texts(charts.to_svg(chart))
