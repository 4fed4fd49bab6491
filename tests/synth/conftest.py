"""One synthetic Copenhagen per test session (default size: 40,000 spells a year)."""

from __future__ import annotations

import pytest

from sporskifte import synth
from sporskifte.synth.calibration import Row, calibrate

SEED = 2024


@pytest.fixture(scope="session")
def world() -> synth.Copenhagen:
    return synth.generate_copenhagen(SEED)


@pytest.fixture(scope="session")
def calibration(world: synth.Copenhagen) -> dict[str, Row]:
    rows = calibrate(world.spells, world.courses, world.households, world.extract_date)
    return {row.target.key: row for row in rows}
