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
        kind: vejledning
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
        assert p.value == sickness.horizon_weeks(p.valid_from) == sickness.HORIZON_WEEKS


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


def test_rates_missing_from_the_sources_are_unknown_and_provisional_not_guessed() -> None:
    at = load_params().at(date(2026, 1, 1))
    for key in ("means_test.rate_30plus_dkk", "means_test.rate_30plus_provider_dkk"):
        assert at[key].value is None
        assert at[key].provisional
        assert at[key].note


def test_the_rates_are_the_ministry_tables_values() -> None:
    def rates(day: date) -> tuple[int, int]:
        at = load_params().at(day)
        provider = at.value("means_test.rate_30plus_provider_dkk")
        return at.value("means_test.rate_30plus_dkk"), provider

    assert rates(date(2014, 6, 1)) == (10689, 14203)
    assert rates(date(2016, 6, 1)) == (10968, 14575)
    assert rates(date(2023, 6, 1)) == (11944, 15874)
    assert rates(date(2024, 6, 1)) == (12326, 16382)


def _every_period_start() -> list[date]:
    starts = {p.valid_from for p in load_params().all_periods()}
    return sorted(starts | {date.today()})


def test_no_parameter_in_force_is_a_placeholder() -> None:
    for day in _every_period_start():
        at = load_params().at(day)
        assert [k for k, p in at.items() if p.placeholder] == [], day


def test_every_parameter_names_a_known_source_kind() -> None:
    kinds = {"law", "bekendtgoerelse", "vejledning", "ankestyrelsen", "forarbejder", "secondary"}
    for p in load_params().all_periods():
        assert p.kind in kinds, (p.key, p.valid_from, p.kind)
        assert p.primary == (p.kind != "secondary"), p.key


def test_an_unknown_value_must_be_provisional_and_say_why(tmp_path: Path) -> None:
    body = _good_param().replace(
        "      value: 20\n      provisional: true\n",
        "      value: null\n      provisional: true\n      note: not found\n",
    )
    params = load_params_from(_write(tmp_path, "sickness.yaml", body))
    assert params.at(date(2026, 1, 1))["sickness.limit_weeks"].known is False
    body = body.replace("provisional: true\n      note: not found\n", "provisional: false\n")
    with pytest.raises(ParamFileError, match=r"unknown value \(null, valid_from 2026-01-01\)"):
        load_params_from(_write(tmp_path, "sickness.yaml", body))


def test_a_source_without_kind_is_rejected(tmp_path: Path) -> None:
    body = _good_param().replace("        kind: vejledning\n", "", 1)
    with pytest.raises(ParamFileError, match=r"periods.0.source: missing field 'kind'"):
        load_params_from(_write(tmp_path, "sickness.yaml", body))


def test_a_placeholder_kind_can_be_written_but_is_marked(tmp_path: Path) -> None:
    body = _good_param().replace("kind: vejledning", "kind: placeholder", 1)
    params = load_params_from(_write(tmp_path, "sickness.yaml", body))
    assert params.at(date(2020, 1, 1))["sickness.limit_weeks"].placeholder
