"""The evaluation report: an HTML page with tables and plots.

Plots are built with Altair, rendered to SVG on the server (`sporskifte.lib.charts`, vl-convert)
and embedded as images, so the page needs no network and no JavaScript; the Vega-Lite specs are
also written as `plots/*.vl.json` and the SVGs as `plots/*.svg`. Every number is in the tables.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd

from sporskifte.lib import charts
from sporskifte.lib.danish import number, pct, signed
from sporskifte.screening.results import (
    METRIC_NAMES,
    MODEL_NAMES,
    TRUTH_NAMES,
    TRUTH_TARGETS,
    Evaluation,
)
from sporskifte.screening.tracks import TRACK_LABELS


def reliability_chart(tables: dict[str, pd.DataFrame]) -> alt.LayerChart:
    """Observed vs predicted share long per bin, one line per model, with the diagonal."""
    data = pd.concat(
        [t.assign(model=MODEL_NAMES.get(role, role)) for role, t in tables.items()],
        ignore_index=True,
    )
    diagonal = (
        alt.Chart(pd.DataFrame({"x": [0.0, 1.0], "y": [0.0, 1.0]}))
        .mark_line(strokeDash=[4, 4], color="gray")
        .encode(x="x:Q", y="y:Q")
    )
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "predicted:Q", title="Forudsagt andel langvarige", scale=alt.Scale(domain=[0, 1])
            ),
            y=alt.Y("observed:Q", title="Observeret andel (IPCW)", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("model:N", title="Model"),
            tooltip=["model", "predicted", "observed", "n"],
        )
    )
    return (diagonal + lines).properties(
        title="Kalibrering (reliability plot)", width=360, height=360
    )


def catch_chart(catch: pd.DataFrame) -> alt.Chart:
    """Share of long spells caught and share of all spells at or above each threshold."""
    data = catch.melt("threshold", ["long_caught", "share_at_or_above"], "measure", "share")
    data["measure"] = data["measure"].map(
        {"long_caught": "Andel af langvarige fanget", "share_at_or_above": "Andel af alle forløb"}
    )
    return (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("threshold:Q", title="Tærskel for p_long"),
            y=alt.Y("share:Q", title="Andel", scale=alt.Scale(domain=[0, 1])),
            color=alt.Color("measure:N", title=""),
        )
        .properties(title="Langvarige forløb fanget ved hver tærskel", width=420, height=300)
    )


def fairness_chart(fairness: pd.DataFrame) -> alt.FacetChart:
    """Group values with bootstrap intervals against the overall value, per metric."""
    data = fairness.assign(label=fairness["attribute"] + ": " + fairness["group"])
    points = (
        alt.Chart()
        .mark_point(filled=True)
        .encode(
            x=alt.X("value:Q", title="Værdi"),
            y=alt.Y("label:N", title=None),
            color=alt.Color("flagged:N", title="Markeret"),
        )
    )
    bars = alt.Chart().mark_rule().encode(x="ci_low:Q", x2="ci_high:Q", y="label:N")
    overall = alt.Chart().mark_rule(color="gray", strokeDash=[4, 4]).encode(x="mean(reference):Q")
    return (
        alt.layer(bars, points, overall, data=data)
        .facet(column=alt.Column("metric:N", title="Mål"))
        .resolve_scale(x="independent")
        .properties(title="Fairness efter gruppe (95 % bootstrap)")
    )


def _table(frame: pd.DataFrame, digits: int = 3) -> str:
    return frame.to_html(index=False, float_format=lambda v: f"{v:.{digits}f}", border=0)


def _metrics_table(evaluation: Evaluation) -> pd.DataFrame:
    rows = [
        {"Model": MODEL_NAMES.get(role, role), **{METRIC_NAMES[k]: v for k, v in m.items()}}
        for role, m in evaluation.metrics.items()
    ]
    return pd.DataFrame(rows)


def _gap_text(evaluation: Evaluation) -> str:
    gap = evaluation.auc_gap
    if gap != gap:  # NaN: no challenger
        return "Ingen udfordrer evalueret."
    if gap <= 0.01:
        return (
            f"Glasboksmodellen ligger {number(max(gap, 0), 3)} AUC fra udfordreren, inden for "
            "kravet på 0,01: den forklarlige model koster ingen nævneværdig præcision."
        )
    return (
        f"Glasboksmodellen ligger {number(gap, 3)} AUC under udfordreren, mere end kravet på 0,01. "
        "Mulige årsager: samspil mellem faktorer, som glasboksen uden samspilsled ikke fanger, "
        "eller for få data i træningsperioden. Overvej flere samspilsled (max_pairs) og vurder, "
        "om den tabte præcision opvejes af de eksakte forklaringer."
    )


def _policy_html(policy: dict[str, Any]) -> str:
    shares = policy.get("share_by_track", {})
    rows = [
        f"<tr><td>{html.escape(TRACK_LABELS[k])}</td><td>{pct(v, 1)}</td></tr>"
        for k, v in shares.items()
    ]
    nan = float("nan")
    facts = {
        "Tærskel for tværfaglig indsats (p_long)": number(policy["threshold"], 3),
        "Tærskel for markering af fritagne med høj risiko": number(policy["flag_threshold"], 2),
        "Andel markeret til menneskelig vurdering": pct(policy["share_flagged"], 1),
        "Forventet sagsbehandlertid (timer/uge)": number(policy.get("hours_per_week", nan)),
        "Kapaciteten holder": "ja" if policy["fits"] else "nej",
        "Langvarige forløb der når spor 2-3": pct(policy.get("long_reaching_tracks_2_3", nan), 1),
        "Langvarige forløb i spor 3": pct(policy.get("long_in_track_3", nan), 1),
        "Langvarige forløb markeret til vurdering": (
            f"{pct(policy.get('long_flagged_for_review', nan), 1)}"
        ),
    }
    fact_rows = "".join(f"<tr><th>{html.escape(k)}</th><td>{v}</td></tr>" for k, v in facts.items())
    track_table = f"<table><tr><th>Spor</th><th>Andel</th></tr>{''.join(rows)}</table>"
    return f"<table>{fact_rows}</table>{track_table}"


def _fairness_html(fairness: pd.DataFrame) -> str:
    flagged = fairness[fairness["flagged"]]
    intro = (
        f"<p>{len(flagged)} gruppe/mål-kombinationer er markeret (afstand til referencen over "
        "tolerancen: kalibrering i det store mere end 3 procentpoint fra 0, AUC mere end 0,05 og "
        "falsk-kort-rate mere end 10 procentpoint fra det samlede tal; grupper under 200 "
        "forløb markeres ikke).</p>"
    )
    return intro + _table(fairness)


def _truth_html(evaluation: Evaluation) -> str:
    if not evaluation.truth:
        return (
            "<p>Ikke målt (kræver syntetiske data med kendt sandhed: "
            "<code>sporskifte model evaluate --truth</code>).</p>"
        )
    rows = [
        {
            "Model": MODEL_NAMES.get(role, role),
            "AUC": v["auc"],
            "AUC for p*": v["auc_truth"],
            **{TRUTH_NAMES[k]: v[k] for k in TRUTH_NAMES},
        }
        for role, v in evaluation.truth.items()
    ]
    targets = ", ".join(f"{html.escape(TRUTH_NAMES[k])}: {v}" for k, v in TRUTH_TARGETS.items())
    return _table(pd.DataFrame(rows), 4) + f"<p>Mål (absolut for de to sidste): {targets}.</p>"


def _young_html(young: dict[str, Any]) -> str:
    if not young:
        return ""

    def ci(values: list[float]) -> str:
        return f"{number(values[0], 3)}–{number(values[1], 3)}" if values else "–"

    extra = " (tærskler pr. aldersgruppe er slået til)" if young.get("by_age_band") else ""
    return (
        f"<p>Falsk-kort-rate{extra}: under 30 år {number(young['under_30'], 3)} "
        f"(95 %-interval {ci(young['under_30_ci'])}) mod {number(young['overall'], 3)} samlet "
        f"({ci(young['overall_ci'])}); forskel {signed(young['difference'], 3)} "
        f"({ci(young['difference_ci'])}).</p>"
    )


PLOT_TITLES = {
    "reliability": "Kalibreringsplot: forudsagt mod observeret andel langvarige forløb",
    "catch": "Andel langvarige forløb fanget ved hver tærskel",
    "fairness": "Fejlrater og kalibrering pr. gruppe",
}


def _embed(svgs: dict[str, str]) -> str:
    return "".join(
        f'<figure><img src="{charts.data_uri(svg)}" alt="{html.escape(PLOT_TITLES[name])}">'
        f"<figcaption>{html.escape(PLOT_TITLES[name])}</figcaption></figure>"
        for name, svg in svgs.items()
    )


def write_report(
    out_dir: Path, evaluation: Evaluation, metadata: dict[str, Any], *, title: str
) -> Path:
    """Write `report.html` and `plots/*.{vl.json,svg}` into `out_dir`; returns the HTML path."""
    out_dir = Path(out_dir)
    plots = out_dir / "plots"
    plots.mkdir(parents=True, exist_ok=True)
    specs = {
        "reliability": reliability_chart(evaluation.reliability).to_dict(),
        "catch": catch_chart(evaluation.catch).to_dict(),
        "fairness": fairness_chart(evaluation.fairness).to_dict(),
    }
    svgs = {name: charts.to_svg(spec) for name, spec in specs.items()}
    for name, spec in specs.items():
        (plots / f"{name}.vl.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
        (plots / f"{name}.svg").write_text(svgs[name], encoding="utf-8")
    evaluation.fairness.to_csv(out_dir / "fairness.csv", index=False)
    page = _page(evaluation, metadata, title, svgs)
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    return path


def _page(
    evaluation: Evaluation, metadata: dict[str, Any], title: str, specs: dict[str, str]
) -> str:
    median = evaluation.median_check
    sections = [
        f"<h1>{html.escape(title)}</h1>",
        f"<p>Model {html.escape(str(metadata.get('version')))}; evalueret på "
        f"{evaluation.n_spells} forløb med start {evaluation.period[0]} til {evaluation.period[1]} "
        f"({evaluation.n_known} med kendt udfald ved {number(evaluation.horizon)} uger; de øvrige "
        "indgår via IPCW-vægte).</p>",
        "<h2>Modeller side om side</h2>",
        _table(_metrics_table(evaluation)),
        f"<p>{html.escape(_gap_text(evaluation))}</p>",
        "<h2>Afstand til sandheden (syntetiske data)</h2>",
        _truth_html(evaluation),
        "<h2>Kalibrering</h2>",
        _table(evaluation.reliability["glassbox"]),
        "<h2>Langvarige forløb fanget ved hver tærskel</h2>",
        _table(evaluation.catch),
        "<h2>Spor og kapacitet</h2>",
        _policy_html(evaluation.policy),
        "<h2>Varighed (median)</h2>",
        "<p>Andel stadig sygemeldt ved den forudsagte median: "
        f"{pct(median['share_past_anchored_median'], 1)} (bør være tæt på 50 %); AFT-modellens "
        f"egen median: {pct(median['share_past_aft_median'], 1)}; "
        f"sigma = {number(median['sigma'], 2)}.</p>",
        "<h2>Fairness</h2>",
        _young_html(evaluation.young_false_short),
        _fairness_html(evaluation.fairness),
        "<h2>Figurer</h2>",
        "<p>Alle tal i figurerne står også i tabellerne ovenfor.</p>",
        _embed(specs),
    ]
    style = (
        "body{font-family:sans-serif;max-width:70em;margin:2em auto}td,th{padding:2px 8px}"
        "figure img{max-width:100%}"
    )
    return (
        f'<!DOCTYPE html><html lang="da"><head><meta charset="utf-8"><title>{html.escape(title)}'
        f"</title><style>{style}</style></head><body>{''.join(sections)}</body></html>\n"
    )
