"""`sporskifte rules show` and `sporskifte rules explain`, driven through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sporskifte.cli.rules import app

runner = CliRunner()
WIDE = {"COLUMNS": "300"}
SINGLE_AT_LIMIT = '{"civil_status": "single", "own_assets_dkk": 15500, "disregarded_assets": []}'


def test_show_prints_the_parameters_in_force_with_sources_and_provisional_marks() -> None:
    result = runner.invoke(app, ["show", "--date", "2026-07-01"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Parametre i kraft 1. juli 2026" in result.output
    assert "means_test.asset_limit_single_dkk" in result.output
    assert "15.500 kr." in result.output
    assert "https://lundsteenwiederquist.dk" in result.output
    reform_line = next(
        line for line in result.output.splitlines() if "sickness.follow_up_regime" in line
    )
    assert "reform_2026" in reform_line
    assert "FORELØBIG" in reform_line


def test_show_gives_the_old_asset_limit_before_july_2025() -> None:
    result = runner.invoke(app, ["show", "--date", "2025-06-30", "--as-json"])
    assert result.exit_code == 0, result.output
    rows = {r["key"]: r for r in json.loads(result.output)["params"]}
    assert rows["means_test.asset_limit_single_dkk"]["value"] == "10000"
    assert rows["means_test.asset_limit_single_dkk"]["provisional"] is False
    assert "contact.conversation_share_min" not in rows


def test_show_rejects_a_malformed_date_with_exit_code_2() -> None:
    result = runner.invoke(app, ["show", "--date", "1. juli 2026"])
    assert result.exit_code == 2
    assert "--date must be an ISO date" in result.output


def test_explain_prints_the_result_and_danish_reasons_with_rules() -> None:
    args = ["explain", "--kind", "means_test", "--json", SINGLE_AT_LIMIT, "--date", "2025-07-01"]
    result = runner.invoke(app, args, env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Resultat: yes" in result.output
    assert "Egen formue på 15.500 kr. er inden for grænsen på 15.500 kr." in result.output
    assert "Lov om aktiv socialpolitik § 14" in result.output
    assert "FORELØBIG" not in result.output  # no income: the unknown 2025 rate cannot matter


def test_explain_as_json_matches_the_rule() -> None:
    args = ["explain", "--kind", "means_test", "--json", SINGLE_AT_LIMIT, "--date", "2025-06-30"]
    result = runner.invoke(app, [*args, "--as-json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["result"] == "no"
    assert out["date"] == "2025-06-30"
    assert all(r["source"].startswith("http") for r in out["reasons"])


def test_explain_reads_a_json_file_and_takes_the_date_from_it(tmp_path: Path) -> None:
    path = tmp_path / "spell.json"
    path.write_text(
        json.dumps(
            {
                "date": "2026-07-08",
                "onset_date": "2026-01-05",
                "employment_status": "unemployed",
                "expected_return_weeks": None,
                "employer_expected_return_weeks": None,
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["explain", "--kind", "limit_clock", "--json", str(path),
                                 "--as-json"])  # fmt: skip
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["result"]["limit_passed"] is True
    assert out["result"]["stop_date"] == "2026-07-31"


def test_explain_reads_stdin() -> None:
    situation = '{"benefit": "sygedagpenge", "age": 50}'
    args = ["explain", "--kind", "target_group", "--json", "-", "--date", "2027-01-01", "--as-json"]
    result = runner.invoke(app, args, input=situation)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["result"] == "sygedagpengeindsats"


def test_explain_rejects_bad_json_with_exit_code_2() -> None:
    result = runner.invoke(app, ["explain", "--kind", "means_test", "--json", "{not json"])
    assert result.exit_code == 2
    assert "--json is not valid JSON" in result.output


def test_explain_rejects_an_unknown_kind_with_exit_code_2() -> None:
    result = runner.invoke(app, ["explain", "--kind", "pension", "--json", SINGLE_AT_LIMIT])
    assert result.exit_code == 2
    assert "unknown kind 'pension'" in result.output


def test_explain_names_an_unknown_field() -> None:
    bad = '{"civil_status": "single", "own_assets_dkk": 1, "car": true}'
    result = runner.invoke(app, ["explain", "--kind", "means_test", "--json", bad])
    assert result.exit_code == 2
    assert "unknown field(s) ['car']" in result.output


def test_explain_names_a_field_with_a_bad_value() -> None:
    bad = '{"onset_date": "2026-13-01", "employment_status": "employed", ' \
          '"expected_return_weeks": 3, "employer_expected_return_weeks": 3}'  # fmt: skip
    result = runner.invoke(app, ["explain", "--kind", "follow_up", "--json", bad])
    assert result.exit_code == 2
    assert "onset_date" in result.output


def test_explain_rejects_a_missing_file() -> None:
    result = runner.invoke(app, ["explain", "--kind", "means_test", "--json", "nowhere.json"])
    assert result.exit_code == 2
    assert "neither JSON text nor an existing file" in result.output


def test_explain_reports_a_date_outside_the_modelled_period() -> None:
    args = ["explain", "--kind", "means_test", "--json", SINGLE_AT_LIMIT, "--date", "2010-01-01"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "not in force on 2010-01-01" in result.output


def test_explain_contact_accepts_a_bare_list_of_persons() -> None:
    population = json.dumps(
        [{"group": "dagpenge", "start_date": "2026-01-01", "conversations_first_6m": 0}] * 2
    )
    args = ["explain", "--kind", "contact", "--json", population, "--date", "2026-09-01"]
    result = runner.invoke(app, [*args, "--as-json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)["result"]
    assert out["met"] is False
    assert out["assessed"] == 2


def test_show_piped_is_a_plain_layout_without_table_columns() -> None:
    result = runner.invoke(app, ["show", "--date", "2026-07-01"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert not any(ch in result.output for ch in "│┃┏━─")
    regime = lines.index("sickness.follow_up_regime = reform_2026  FORELØBIG")
    assert lines[regime + 1] == "  gælder: fra 1. juli 2026"
    assert lines[regime + 2].startswith("  regel:  Lov nr. 1750 af 29. december 2025")
    assert lines[regime + 3] == "  kilde:  https://admin.elov.dk/prep_docs/49447"
    assert lines[regime + 4].startswith("  antagelse: ")
    unknown = next(line for line in lines if line.startswith("means_test.rate_30plus_dkk = "))
    assert unknown == "means_test.rate_30plus_dkk = ukendt (ikke fundet i kilderne)  FORELØBIG"


def test_show_offers_as_json_in_its_help() -> None:
    result = runner.invoke(app, ["show", "--help"], env=WIDE)
    assert result.exit_code == 0
    assert "--as-json" in result.output
    assert "piped" in result.output


def test_show_as_json_gives_kind_and_note() -> None:
    result = runner.invoke(app, ["show", "--date", "2026-07-01", "--as-json"])
    rows = {r["key"]: r for r in json.loads(result.output)["params"]}
    assert rows["sickness.limit_used_up_at_start"]["kind"] == "ankestyrelsen"
    assert rows["sickness.limit_used_up_at_start"]["primary"] is True
    assert rows["means_test.rate_30plus_dkk"]["value"] is None
    assert rows["means_test.rate_30plus_dkk"]["note"]


def test_explain_expresses_a_self_employed_pensioner_with_earlier_spells() -> None:
    situation = json.dumps({
        "onset_date": "2026-01-05", "employment_status": "self_employed",
        "expected_return_weeks": None, "employer_expected_return_weeks": None,
        "prior_benefit_periods": [["2025-11-01", "2025-11-30"]], "pension_age_reached": True,
        "extension_ground": "behandling",
    })  # fmt: skip
    args = ["explain", "--kind", "limit_clock", "--json", situation, "--date", "2026-03-01"]
    out = json.loads(runner.invoke(app, [*args, "--as-json"]).output)["result"]
    # Counted from 19 Jan (2 weeks left out); § 25 counts 12 calendar months, so November's 30
    # days stay in the window: 30 + 153 = 183 > 182 days on 20 June; 134 weeks from 30 June.
    assert (out["benefit_start"], out["section"], out["limit_date"], out["stop_date"]) == (
        "2026-01-19",
        "§ 25",
        "2026-06-20",
        "2026-06-30",
    )
    assert out["extension_end"] == "2029-01-23"


def test_explain_expresses_a_household_with_disregarded_assets_from_sygedagpenge() -> None:
    situation = json.dumps({
        "civil_status": "married", "own_assets_dkk": 40000, "spouse_assets_dkk": 5000,
        "spouse_monthly_income_dkk": 0, "age": 45,
        "disregarded_assets": [{"kind": "bil", "amount_dkk": 25000, "owner": "partner"}],
        "benefit_before_course": "sygedagpenge", "sygedagpenge_would_have_stopped": "2024-08-31",
    })  # fmt: skip
    args = ["explain", "--kind", "means_test", "--json", situation, "--date", "2024-06-30"]
    result = runner.invoke(app, args, env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Resultat: yes" in result.output
    assert "Der ses bort fra en bil, der er nødvendig til transport (25.000 kr.)" in result.output
    assert "formuetesten gælder fra 1. september 2024" in result.output
