"""The parameter files and their loader: real files load, bad files are rejected clearly."""

from __future__ import annotations

import re
import textwrap
from datetime import date
from pathlib import Path

import pytest

from sporskifte.rules import sickness
from sporskifte.rules.courses import SCHEMES
from sporskifte.rules.params import (
    PARAMS_DIR,
    ParamFileError,
    ParamNotInForce,
    load_params,
    load_params_from,
)

SOURCE = """\
      source:
        law: Sygedagpengeloven
        section: "§ 24, stk. 1"
        url: https://www.retsinformation.dk/Forms/R0710.aspx?id=167836
"""


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return tmp_path


def _good_param(key: str = "sickness.limit_weeks") -> str:
    return f"""\
{key}:
  description: Varighedsbegrænsning
  unit: weeks
  periods:
    - valid_from: 2014-07-01
      valid_to: 2025-12-31
      value: 22
      provisional: false
{SOURCE}    - valid_from: 2026-01-01
      value: 20
      provisional: true
{SOURCE}"""


def test_every_parameter_the_rules_read_is_defined() -> None:
    keys = set(load_params_from(PARAMS_DIR).keys())
    rules_dir = PARAMS_DIR.parent
    pattern = re.compile(r'"((?:sickness|means_test|courses|contact|target_groups)\.[a-z0-9_.]+)"')
    used = {m for path in rules_dir.glob("*.py") for m in pattern.findall(path.read_text())}
    assert len(used) > 20
    assert {k for k in used if not k.endswith(".yaml")} - keys == set()
    assert {f"courses.{scheme}.status" for scheme in SCHEMES} <= keys


def test_every_parameter_period_names_law_section_and_link() -> None:
    for key in load_params():
        for p in load_params().history(key):
            assert p.rule.strip(), key
            assert p.source.startswith(("http://", "https://")), key
            assert isinstance(p.provisional, bool)


def test_a_good_file_answers_as_of_a_date(tmp_path: Path) -> None:
    params = load_params_from(_write(tmp_path, "sickness.yaml", _good_param()))
    before, after = params.at(date(2025, 12, 31)), params.at(date(2026, 1, 1))
    assert before["sickness.limit_weeks"].value == 22
    assert not before["sickness.limit_weeks"].provisional
    assert after["sickness.limit_weeks"].value == 20
    assert after["sickness.limit_weeks"].provisional
    assert after["sickness.limit_weeks"].valid_from == date(2026, 1, 1)
    assert after["sickness.limit_weeks"].valid_to is None
    assert after["sickness.limit_weeks"].rule == "Sygedagpengeloven § 24, stk. 1"


def test_a_parameter_not_in_force_is_a_clear_key_error(tmp_path: Path) -> None:
    params = load_params_from(_write(tmp_path, "sickness.yaml", _good_param()))
    at = params.at(date(2014, 6, 30))
    assert "sickness.limit_weeks" not in at
    with pytest.raises(ParamNotInForce, match=r"'sickness.limit_weeks' is not in force on 2014"):
        at["sickness.limit_weeks"]


def test_overlapping_periods_are_rejected_naming_file_and_key(tmp_path: Path) -> None:
    body = _good_param().replace("valid_to: 2025-12-31", "valid_to: 2026-01-01")
    with pytest.raises(ParamFileError) as err:
        load_params_from(_write(tmp_path, "sickness.yaml", body))
    assert "sickness.yaml: sickness.limit_weeks" in str(err.value)
    assert "periods overlap: 2014-07-01..2026-01-01 and 2026-01-01..open end" in str(err.value)


def test_an_open_period_before_another_is_an_overlap(tmp_path: Path) -> None:
    body = _good_param().replace("      valid_to: 2025-12-31\n", "")
    with pytest.raises(ParamFileError, match=r"sickness.limit_weeks: periods overlap"):
        load_params_from(_write(tmp_path, "sickness.yaml", body))


def test_a_period_without_source_is_rejected(tmp_path: Path) -> None:
    body = _good_param().replace(SOURCE, "", 1)
    with pytest.raises(ParamFileError) as err:
        load_params_from(_write(tmp_path, "sickness.yaml", body))
    assert "sickness.yaml: sickness.limit_weeks: periods.0: missing field 'source'" in str(
        err.value
    )


def test_a_source_without_link_is_rejected(tmp_path: Path) -> None:
    body = _good_param().replace(
        "url: https://www.retsinformation.dk/Forms/R0710.aspx?id=167836", "url: see the law", 1
    )
    with pytest.raises(ParamFileError, match=r"sickness.limit_weeks: periods.0.source.url"):
        load_params_from(_write(tmp_path, "sickness.yaml", body))


def test_an_unknown_field_is_rejected(tmp_path: Path) -> None:
    body = _good_param().replace("      value: 22\n", "      value: 22\n      valid_until: 2025\n")
    with pytest.raises(ParamFileError) as err:
        load_params_from(_write(tmp_path, "sickness.yaml", body))
    assert "sickness.yaml: sickness.limit_weeks: periods.0: unknown field 'valid_until'" in str(
        err.value
    )


def test_a_key_outside_the_file_area_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(
        ParamFileError, match=r"contact.limit_weeks: key must start with 'sickness.'"
    ):
        load_params_from(_write(tmp_path, "sickness.yaml", _good_param("contact.limit_weeks")))


def test_a_value_of_the_wrong_type_for_its_unit_is_rejected(tmp_path: Path) -> None:
    body = _good_param().replace("value: 22", 'value: "22 uger"')
    with pytest.raises(ParamFileError, match=r"value '22 uger' .* does not fit unit 'weeks'"):
        load_params_from(_write(tmp_path, "sickness.yaml", body))


def test_valid_to_before_valid_from_is_rejected(tmp_path: Path) -> None:
    body = _good_param().replace("valid_to: 2025-12-31", "valid_to: 2013-12-31")
    with pytest.raises(ParamFileError, match=r"valid_to 2013-12-31 is before valid_from"):
        load_params_from(_write(tmp_path, "sickness.yaml", body))


def test_a_duplicated_key_is_rejected_rather_than_silently_overwritten(tmp_path: Path) -> None:
    body = _good_param() + _good_param()
    with pytest.raises(ParamFileError, match=r"sickness.yaml: not valid YAML: .*duplicate key"):
        load_params_from(_write(tmp_path, "sickness.yaml", body))


def test_every_bad_file_is_reported_at_once(tmp_path: Path) -> None:
    _write(tmp_path, "sickness.yaml", _good_param().replace(SOURCE, "", 1))
    _write(tmp_path, "contact.yaml", _good_param("contact.x").replace("unit: weeks", "unit: uger"))
    with pytest.raises(ParamFileError) as err:
        load_params_from(tmp_path)
    assert "contact.yaml: contact.x: unit" in str(err.value)
    assert "sickness.yaml: sickness.limit_weeks" in str(err.value)


def test_the_26_week_exemption_starts_with_the_reform_regime_and_is_provisional() -> None:
    regime = [p for p in load_params().history("sickness.follow_up_regime")]
    reform = next(p for p in regime if p.value == sickness.REFORM_2026)
    exemption = load_params().history("sickness.reform_exemption_weeks")
    assert exemption[0].valid_from == reform.valid_from
    assert reform.provisional
    assert exemption[0].provisional
    assert exemption[0].value == 26


def test_the_horizon_constant_matches_the_parameter() -> None:
    for p in load_params().history("sickness.horizon_weeks"):
        assert p.value == sickness.horizon_weeks == sickness.HORIZON_WEEKS


def test_asset_limits_change_on_1_july_2025() -> None:
    before, after = load_params().at(date(2025, 6, 30)), load_params().at(date(2025, 7, 1))
    assert (
        before.value("means_test.asset_limit_single_dkk"),
        before.value("means_test.asset_limit_married_dkk"),
    ) == (10000, 20000)
    assert (
        after.value("means_test.asset_limit_single_dkk"),
        after.value("means_test.asset_limit_married_dkk"),
    ) == (15500, 31000)


def test_rates_missing_from_the_sources_are_provisional() -> None:
    at = load_params().at(date(2026, 1, 1))
    assert at["means_test.kontanthjaelp_monthly_rate_dkk"].provisional
    assert at["means_test.kontanthjaelp_monthly_rate_provider_dkk"].provisional
