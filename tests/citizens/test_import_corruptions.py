"""Property: a corrupted file never half-imports. After a valid import, a corrupted version
of the file (which also changes valid rows) is rejected and the database is left unchanged."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sporskifte.citizens.imports import ImportRejected, import_files
from sporskifte.citizens.models import SicknessSpell
from sporskifte.synth.spells import generate_spells
from tests.conftest import World
from tests.registers.helpers import csv_rows, render
from tests.registers.test_corruptions import LATIN1_MARK, corruptions, distinct


@pytest.fixture(scope="module")
def spells() -> pd.DataFrame:
    return generate_spells(seed=5, n=40)


def snapshot() -> list[tuple[object, ...]]:
    return list(SicknessSpell.objects.order_by("spell_id").values_list())


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(items=st.lists(corruptions(40), min_size=1, max_size=3).filter(distinct))
def test_a_corrupted_file_changes_nothing_in_the_database(
    world: World, spells: pd.DataFrame, tmp_path_factory: pytest.TempPathFactory, items: list
) -> None:
    folder = tmp_path_factory.mktemp("import")
    header, rows = csv_rows(spells)
    valid = folder / "valid.csv"
    valid.write_bytes(render(header, rows))
    import_files(world.admin, {"sickness_spells": valid})
    before = snapshot()

    changed = [list(r) for r in rows]
    weeks = header.index("duration_weeks")
    changed[0][weeks] = str(float(changed[0][weeks]) + 1)  # a valid change that must not land
    for corruption in items:
        corruption.apply(header, changed)
    data = render(header, changed).replace(LATIN1_MARK.encode(), "Østerbro".encode("latin-1"))
    bad = folder / "bad.csv"
    bad.write_bytes(data)
    with pytest.raises(ImportRejected):
        import_files(world.admin, {"sickness_spells": bad})
    assert snapshot() == before
    assert len(before) == len(spells) == 40


def test_the_valid_change_alone_does_land(
    world: World, spells: pd.DataFrame, tmp_path: Path
) -> None:
    header, rows = csv_rows(spells)
    weeks = header.index("duration_weeks")
    (tmp_path / "a.csv").write_bytes(render(header, rows))
    import_files(world.admin, {"sickness_spells": tmp_path / "a.csv"})
    rows[0][weeks] = str(float(rows[0][weeks]) + 1)
    (tmp_path / "b.csv").write_bytes(render(header, rows))
    summary = import_files(world.admin, {"sickness_spells": tmp_path / "b.csv"})[0]
    assert (summary.updated, summary.unchanged) == (1, 39)
