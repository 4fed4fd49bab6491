"""The calibration report: every target, its source, the generated value, pass or fail."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from sporskifte.rules.means_test import HouseholdFacts, precheck
from sporskifte.synth import metrics as m
from sporskifte.synth.courses import (
    JAF_ABOLISHED_FROM,
    NO_NEW_RF_OR_REVALIDERING_FROM,
    RF_MAX_3_YEARS_FROM,
    STATE_PENSION_AGE,
    running_on,
)
from sporskifte.synth.spells import SimulatedSpells
from sporskifte.synth.targets import TARGETS, Target


@dataclass(frozen=True)
class Row:
    """One line of the report."""

    target: Target
    generated: float

    @property
    def passed(self) -> bool:
        """Within the target's band."""
        return self.target.passes(self.generated)

    def shown(self) -> str:
        """The generated value formatted like the target."""
        return format_value(self.generated, self.target.kind)


def format_value(value: float, kind: str) -> str:
    """Shares as percentages, counts as whole numbers, ratios with three decimals."""
    if np.isnan(value):
        return "n/a"
    if kind == "share":
        return f"{value * 100:.1f} %"
    if kind == "count":
        return f"{value:,.0f}"
    if kind == "number":
        return f"{value:.1f}"
    return f"{value:.3f}"


def calibrate(
    spells: SimulatedSpells,
    courses: pd.DataFrame,
    households: pd.DataFrame,
    extract_date: date,
) -> list[Row]:
    """Measure every target on the generated tables."""
    values = {**spell_values(spells, extract_date), **course_values(courses, extract_date)}
    values["means_test_fail"] = means_test_fail_share(courses, households, extract_date)
    return [Row(t, float(values[t.key])) for t in TARGETS]


def spell_values(spells: SimulatedSpells, extract: date) -> dict[str, float]:
    """Generated values of the spell targets."""
    f, latent = spells.frame, spells.latent
    curve = m.stock_curve(f)
    auc_all = m.long_spell_auc(f, extract)
    auc_registers = m.long_spell_auc(f, extract, answers=())
    others = tuple(a for a in m.ANSWER_COLUMNS if a != "expected_return_weeks")
    auc_without_own = m.long_spell_auc(f, extract, answers=others)
    reached = latent["reached_review"].to_numpy(dtype=bool)
    employed = f["employment_status"] == "employed"
    return {
        "spells_per_year": m.spells_per_year(f),
        "female_share": m.share(f["sex"] == "F"),
        "self_employed_share": m.share(f["employment_status"] == "self_employed"),
        "non_western_share": m.share(f["origin"] == "non_western"),
        "non_western_bispebjerg": m.share(
            f["origin"] == "non_western", f["district"] == "Bispebjerg"
        ),
        "district_gap": m.district_deviation(f),
        "mean_age": m.mean_age(f),
        **{f"stock_{a}_{b}": m.stock_ratio(curve, a, b) for a, b in STOCK_BINS},
        "share_beyond_26": m.share_beyond(curve, 26),
        "not_back_by_52": m.not_back_by(f, extract),
        "extended_at_review": float(latent["extended"].to_numpy()[reached].mean()),
        "mental_share_long": m.mental_share_long(f),
        "rtw_rr_mental": m.rtw_rate_ratio(f),
        "rtw_rr_mental_adjusted": m.rtw_rate_ratio(f, adjust_for_expectation=True),
        "own_expectation_missing": m.share(f["expected_return_weeks"].isna()),
        "employer_expectation_answered": m.share(
            f["employer_expected_return_weeks"].notna(), employed
        ),
        "auc_with_answers": auc_all,
        "auc_gain_from_answers": auc_all - auc_registers,
        "auc_gain_from_own_expectation": auc_all - auc_without_own,
        "stock_at_extract": m.stock_at_extract(f),
    }


STOCK_BINS = ((5, 8), (9, 13), (14, 26), (27, 39), (40, 52), (53, 104))


def course_values(courses: pd.DataFrame, extract: date) -> dict[str, float]:
    """Generated values of the course targets (rules are counted, not sampled)."""
    rf = courses[courses["scheme"] == "ressourceforloeb"]
    jaf = courses[courses["scheme"] == "jobafklaringsforloeb"]
    ended_rf = rf[rf["ended_date"].notna()]
    ended_jaf = jaf[jaf["ended_date"].notna()]
    running_rf = rf[running_on(rf, extract)]
    stale = pd.Timestamp(extract) - pd.DateOffset(months=12)
    return {
        "rf_running_2022": float(running_on(rf, date(2022, 6, 30)).sum()),
        "rf_running_2025q3": float(running_on(rf, date(2025, 9, 30)).sum()),
        "rf_end_pension": end_share(ended_rf, "foertidspension"),
        "rf_end_flexjob": end_share(ended_rf, "fleksjob"),
        "rf_end_job": end_share(ended_rf, "job"),
        "jaf_end_job": end_share(ended_jaf, "job"),
        **_rule_counts(courses),
        "rf_parked": m.share(running_rf["last_contact_date"] < stale),
    }


def end_share(ended: pd.DataFrame, reason: str) -> float:
    """Share of ended courses with `reason`."""
    return m.share(ended["end_reason"] == reason)


def _rule_counts(courses: pd.DataFrame) -> dict[str, float]:
    scheme = courses["scheme"]
    referral = courses["referral_date"]
    rf_late = (scheme == "ressourceforloeb") & (referral >= pd.Timestamp(RF_MAX_3_YEARS_FROM))
    three_years = courses["start_date"] + pd.DateOffset(years=3)
    age = referral.dt.year - courses["birth_year"].astype(float)
    stopped = scheme.isin(["ressourceforloeb", "revalidering"]) & (
        referral >= pd.Timestamp(NO_NEW_RF_OR_REVALIDERING_FROM)
    )
    jaf = scheme == "jobafklaringsforloeb"
    beyond = jaf & (
        (referral >= pd.Timestamp(JAF_ABOLISHED_FROM))
        | (courses["planned_end_date"] >= pd.Timestamp(JAF_ABOLISHED_FROM))
    )
    return {
        "rf_over_3_years": float((rf_late & (courses["planned_end_date"] >= three_years)).sum()),
        "rf_near_pension_age": float((rf_late & (age > STATE_PENSION_AGE - 6)).sum()),
        "referrals_after_stop": float(stopped.sum()),
        "jaf_beyond_2026": float(beyond.sum()),
    }


def means_test_fail_share(courses: pd.DataFrame, households: pd.DataFrame, on: date) -> float:
    """Share of participants in a running course whose household fails the means test.

    Measured with the rules engine's `precheck` (answer `no`), as of `on`.
    """
    participants = courses.loc[running_on(courses, on), "person_id"].unique()
    rows = households[households["person_id"].isin(participants)]
    if rows.empty:
        return float("nan")
    answers = [precheck(_facts(row), on).value for row in rows.to_dict("records")]
    return float(np.mean([a == "no" for a in answers]))


def _facts(row: Mapping[Hashable, Any]) -> HouseholdFacts:
    def amount(key: str) -> float | None:
        value = row[key]
        return None if _missing(value) else float(value)

    return HouseholdFacts(
        civil_status=str(row["civil_status"]),  # type: ignore[arg-type]
        own_assets_dkk=amount("own_assets_dkk") or 0.0,
        spouse_assets_dkk=amount("spouse_assets_dkk"),
        own_monthly_income_dkk=amount("own_monthly_income_dkk") or 0.0,
        spouse_monthly_income_dkk=amount("spouse_monthly_income_dkk"),
        children_under_18=int(amount("children_under_18") or 0),
    )


def _missing(value: Any) -> bool:
    return bool(pd.isna(value))


def to_markdown(rows: list[Row], *, seed: int, extract_date: date) -> str:
    """The report as a Markdown document (written as `calibration.md`)."""
    passed = sum(r.passed for r in rows)
    lines = [
        "# Calibration of the synthetic Copenhagen",
        "",
        f"Seed {seed}, extract date {extract_date.isoformat()}: "
        f"{passed} of {len(rows)} targets within tolerance.",
        "",
        "| target | published / derived | source | generated | tolerance (band) | result |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        t = r.target
        source = f"[{t.source}]({t.url})" if t.url else t.source
        band = f"{t.note}: {format_value(t.low, t.kind)} … {format_value(t.high, t.kind)}"
        result = "pass" if r.passed else "**FAIL**"
        lines.append(f"| {t.label} | {t.value} | {source} | {r.shown()} | {band} | {result} |")
    lines += ["", NOTES]
    return "\n".join(lines) + "\n"


NOTES = """Notes. Durations are measured on the municipal clock (from onset plus the employer
period), like the published stock. "Design" figures are our own choices where no public figure
was found. Origin has no direct effect on durations in the generator: differences by origin
come only through education, employment, occupation and health."""
