"""DuckDB and Spark give identical features on the same register (one Spark session here).

Spark needs pyspark (the `spark` extra) and Java 17: without them this module skips locally
with the reason, and fails where CI=true.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest

from sporskifte.registers import register_features as rf
from sporskifte.synth.courses import generate_courses
from sporskifte.synth.register import copenhagen_batches
from sporskifte.synth.spells import generate_spells
from tests.registers.register_cases import EXPECTED, SPELLS, register_frame, write_register

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

EXTRACT = date(2025, 12, 31)


def _missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install -e '.[spark]')"
    if shutil.which("java") is None:
        return "Java is missing (apt-get install openjdk-17-jre-headless)"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    reason = _missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Spark tests cannot run in CI: {reason}")
        pytest.skip(reason)
    session = rf.spark_session("local[1]", driver_memory="1g", shuffle_partitions=1)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    logging.getLogger("py4j").setLevel(logging.WARNING)  # no INFO lines at interpreter exit


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pd.DataFrame]:
    """The hand-worked cases plus a small synthetic Copenhagen (spell and course persons)."""
    spells = generate_spells(seed=8, n=120, extract_date=EXTRACT)
    courses, _ = generate_courses(seed=8, extract_date=EXTRACT)
    batches = copenhagen_batches(spells, courses.head(40), seed=8, extract_date=EXTRACT)
    synthetic = pd.concat([b.to_pandas() for b in batches], ignore_index=True)
    register = pd.concat([register_frame(), synthetic], ignore_index=True)
    path = write_register(register, tmp_path_factory.mktemp("register"))
    everyone = pd.concat([SPELLS, spells[["spell_id", "person_id", "onset_date"]]])
    return path, everyone.reset_index(drop=True)


@pytest.mark.slow
def test_duckdb_and_spark_give_identical_features(
    spark: SparkSession, inputs: tuple[Path, pd.DataFrame], tmp_path: Path
) -> None:
    weeks, spells = inputs
    rf.compute(weeks, spells, tmp_path / "duckdb", engine="duckdb")
    run = rf.compute(weeks, spells, tmp_path / "spark", engine="spark", spark=spark)
    assert run.rows == len(spells)
    assert rf.read_manifest(tmp_path / "spark")["engine"] == "spark"
    on_duckdb = rf.read_features(tmp_path / "duckdb")
    on_spark = rf.read_features(tmp_path / "spark")
    pd.testing.assert_frame_equal(on_duckdb, on_spark)
    edge = on_spark[on_spark["spell_id"].isin(EXPECTED["spell_id"])].reset_index(drop=True)
    assert edge["prior_sick_weeks_3y"].tolist() == EXPECTED["prior_sick_weeks_3y"].tolist()
    assert edge["last_scheme"].tolist() == EXPECTED["last_scheme"].tolist()
    assert (on_spark["last_scheme"] != "none").any()
    assert on_spark["prior_spells_3y"].gt(0).any()
