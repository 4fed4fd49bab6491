"""Target-group data: 13 groups today, 5 from 2027, a complete mapping, validated on load."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

import pytest

from sporskifte.rules.params import load_params
from sporskifte.rules.target_groups import (
    DATA_FILE,
    Situation,
    TargetGroupDataError,
    load_target_group_data,
    target_group,
)


def test_there_are_13_groups_today_and_5_in_the_reform() -> None:
    data = load_target_group_data()
    assert [g.number for g in data.structures["lab_13"].groups] == list(range(1, 14))
    assert len(data.structures["reform_5"].groups) == 5
    assert data.structures["reform_5"].provisional


def test_every_structure_named_by_the_dated_parameter_exists_in_the_data() -> None:
    data = load_target_group_data()
    for period in load_params().history("target_groups.structure"):
        assert period.value in data.structures


def test_a_mapping_that_forgets_a_group_is_rejected(tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    broken = text.replace("    - {old: revalidering, new: jobhjaelpsindsats", "    # ")
    path = tmp_path / "target_groups.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(TargetGroupDataError, match="old group 'revalidering' is not mapped"):
        load_target_group_data(path)


def test_a_mapping_to_an_unknown_group_is_rejected(tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8").replace("new: oevrige", "new: andre")
    path = tmp_path / "target_groups.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(TargetGroupDataError, match="unknown new group 'andre'"):
        load_target_group_data(path)


def test_kontanthjaelp_needs_a_readiness() -> None:
    with pytest.raises(ValueError, match="readiness is required"):
        Situation("kontanthjaelp", 35)


def test_a_situation_with_an_unknown_field_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"unknown field\(s\) \['income'\]"):
        target_group({"benefit": "dagpenge", "age": 40, "income": 1}, date(2026, 1, 1))


def test_the_new_group_answer_explains_the_mapping() -> None:
    answer = target_group(Situation("sygedagpenge", 50), date(2027, 1, 1))
    assert answer.value == "sygedagpengeindsats"
    assert any("overgår til 'Sygedagpengeindsats'" in r.text for r in answer.reasons)
    assert answer.provisional
