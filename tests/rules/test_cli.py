"""`sporskifte rules show` and `sporskifte rules explain`, driven through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from sporskifte.cli.rules import app

runner = CliRunner()
WIDE = {"COLUMNS": "300"}
SINGLE_AT_LIMIT = '{"civil_status": "single", "own_assets_dkk": 15500}'


def test_show_prints_the_parameters_in_force_with_sources_and_provisional_marks() -> None:
    result = runner.invoke(app, ["show", "--date", "2026-07-01"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Parametre i kraft 2026-07-01" in result.output
    assert "means_test.asset_limit_single_dkk" in result.output
    assert "15500" in result.output
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
    assert "FORELØBIG" in result.output


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
                "date": "2026-06-08",
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
    assert out["result"]["stop_date"] == "2026-06-30"


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
