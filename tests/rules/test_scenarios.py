"""The law as tables: every row of tests/rules/scenarios/*.yaml is `(situation, date) ->
expected`, run through the same entry point as `sporskifte rules explain`."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from sporskifte.rules.explain import KINDS, explain, to_jsonable

SCENARIO_DIR = Path(__file__).parent / "scenarios"

# Every boundary the law names, each of which must appear on both sides (two rows with
# different dates or situations and different expected results).
REQUIRED_BOUNDARIES = {
    "phase_out_2026_02_01",
    "limit_22_weeks",
    "assets_15500_15501",
    "married_vs_cohabiting",
    "weeks_25_26",
    "asset_limit_2025_07_01",
    "contact_2026_07_01",
    "jaf_2027_01_01",
    "groups_2027_01_01",
    # the limit clock: left-out days, the calendar window, 15-15, § 25, § 27
    "employee_30_days",
    "self_employed_2_weeks",
    "prior_in_window",
    "calendar_window",
    "spell_end_154",
    "used_up_15_15",
    "section_25",
    "pension_status",
    "extension_limits",
    "rehab_team_2026_02_01",
    # which rules a spell is judged by
    "judged_by_onset",
    "reform_2026_07_01",
    "rules_2025_01_01",
    "fast_track_5_weeks",
    # contacts (LAB § 31 and the 2026 shares)
    "contact_2024_01_01",
    "per_person_4",
    "kontanthjaelp_first_week",
    "required_conversations",
    "required_conversations_jobparat",
    "first_conversation_all",
    # the kontanthjælp pre-check
    "disregarded_asked",
    "disregarded_kinds",
    "spouse_income_2024",
    "cohabitants_2016",
    "rate_2014",
    "rate_2016",
    "rate_2023",
    "rate_2024",
    "rate_2024_provider",
    "rate_unknown_year",
    "rate_structure_2025",
    "under_30",
    "sygedagpenge_level",
    # jobafklaringsforløb
    "jaf_runs_to_end",
}


def _load() -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows += [(table["kind"], row) for row in table["rows"]]
    return rows


ROWS = _load()


def _mismatches(expected: Any, actual: Any, path: str) -> list[str]:
    """Differences between `expected` (a subset) and `actual`. Two shorthands: `deadlines`
    given as {kind: due} is compared in full; `checks` given as {name: met} as a subset."""
    if isinstance(expected, dict) and path.endswith("deadlines") and isinstance(actual, list):
        actual = {d["kind"]: d["due"] for d in actual}
        return [] if actual == expected else [f"{path}: expected {expected}, got {actual}"]
    if isinstance(expected, dict) and path.endswith("checks") and isinstance(actual, list):
        actual = {c["name"]: c["met"] for c in actual}
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected a mapping, got {actual!r}"]
        problems = []
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{path}.{key}: missing in result")
            else:
                problems += _mismatches(value, actual[key], f"{path}.{key}")
        return problems
    return [] if expected == actual else [f"{path}: expected {expected!r}, got {actual!r}"]


@pytest.mark.parametrize(("kind", "row"), ROWS, ids=[f"{k}: {r['name']}" for k, r in ROWS])
def test_scenario(kind: str, row: dict[str, Any]) -> None:
    out = explain(kind, row["situation"], row["date"])
    problems = _mismatches(to_jsonable(row["expect"]), out, "answer")
    assert not problems, "\n".join(problems)
    assert out["reasons"], "every answer must give its reasons"
    for reason in out["reasons"]:
        assert reason["text"], reason
        assert reason["rule"], reason
        assert reason["source"].startswith(("http://", "https://")), reason


def test_scenario_tables_have_at_least_80_rows() -> None:
    assert len(ROWS) >= 80


def test_scenario_tables_cover_every_kind() -> None:
    assert {kind for kind, _ in ROWS} == set(KINDS)


def test_scenario_names_are_unique() -> None:
    names = Counter(row["name"] for _, row in ROWS)
    assert [n for n, c in names.items() if c > 1] == []


def test_every_boundary_is_tested_on_both_sides() -> None:
    sides: dict[str, set[str]] = {}
    for _, row in ROWS:
        if "boundary" in row:
            sides.setdefault(row["boundary"], set()).add(repr(row["expect"]))
    missing = {b for b in REQUIRED_BOUNDARIES if len(sides.get(b, ())) < 2}
    assert missing == set()
