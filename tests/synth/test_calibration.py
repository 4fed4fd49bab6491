"""Every calibration figure lies within the tolerance stated next to its target."""

from __future__ import annotations

import pytest

from sporskifte import synth
from sporskifte.synth.calibration import Row, to_markdown
from sporskifte.synth.targets import TARGETS


@pytest.mark.parametrize("key", [t.key for t in TARGETS])
def test_the_generated_value_is_within_the_stated_tolerance(
    calibration: dict[str, Row], key: str
) -> None:
    row = calibration[key]
    target = row.target
    assert row.passed, (
        f"{target.label}: generated {row.shown()}, band {target.low} … {target.high} "
        f"({target.source})"
    )


def test_every_target_names_its_source_and_tolerance() -> None:
    for target in TARGETS:
        assert target.source
        assert target.note
        assert target.low <= target.high


def test_the_markdown_report_lists_every_target(
    world: synth.Copenhagen, calibration: dict[str, Row]
) -> None:
    text = to_markdown(list(calibration.values()), seed=1, extract_date=world.extract_date)
    for target in TARGETS:
        assert target.label in text
    assert f"{len(TARGETS)} of {len(TARGETS)} targets within tolerance" in text
