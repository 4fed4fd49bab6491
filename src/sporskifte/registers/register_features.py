"""Register features of each spell, defined once in SQL and run on DuckDB or Spark.

The definition is `register_features.sql`, written in DuckDB's dialect and transpiled to
Spark SQL with SQLGlot. Why SQL + SQLGlot rather than a dataframe layer such as ibis:

* the definition stays one readable SQL file that an analyst at a national agency can run in
  any SQL engine, review line by line, and diff between versions;
* SQLGlot is one small pure-Python dependency with no engine pins, while ibis brings its own
  expression layer, more dependencies and version coupling to both DuckDB and PySpark;
* the features need only joins, a window (`LAG`) and aggregates, which transpile plainly; the
  equality test runs both engines on the same register (including ISO week 53, week 1 and a
  person without history) and fails on any drift.

Features (all as of the spell's onset, reading only weeks *before* its ISO week):
`prior_spells_3y` (runs of sickness benefit that began in the 156 weeks before),
`prior_sick_weeks_3y`, `benefit_weeks_3y` (public provision, sickness benefit included),
`last_scheme` (category of the latest week on a scheme, `none` without one) and
`weeks_since_last_scheme` (empty without one).
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from sporskifte.registers import register_codes

if TYPE_CHECKING:
    import duckdb
    from pyspark.sql import SparkSession

ENGINES = ("duckdb", "spark")
FEATURE_COLUMNS: tuple[str, ...] = (
    "prior_spells_3y",
    "prior_sick_weeks_3y",
    "benefit_weeks_3y",
    "last_scheme",
    "weeks_since_last_scheme",
)
OUTPUT_COLUMNS: tuple[str, ...] = ("spell_id", "person_id", "onset_date", *FEATURE_COLUMNS)
OUTPUT_NAME = "register_features.parquet"
MANIFEST_NAME = "manifest.json"
REGISTER_COLUMNS = ("person_id", "iso_week", "code", "municipality")
SPELL_COLUMNS = ("spell_id", "person_id", "onset_date")


@cache
def definition() -> str:
    """The feature SQL as written (DuckDB dialect)."""
    return resources.files("sporskifte.registers").joinpath("register_features.sql").read_text()


@cache
def sql(dialect: str = "duckdb") -> str:
    """The feature SQL for `dialect` (`duckdb` as written, `spark` transpiled by SQLGlot)."""
    if dialect == "duckdb":
        return definition()
    import sqlglot

    return str(sqlglot.transpile(definition(), read="duckdb", write=dialect, pretty=True)[0])


def definition_sha256() -> str:
    """Hash of the definition, kept in every output's manifest."""
    return hashlib.sha256(definition().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class FeatureRun:
    """What one run wrote and how."""

    engine: str
    out: Path
    rows: int
    seconds: float
    manifest: dict[str, Any]


def register_files(path: Path) -> tuple[str, list[str]]:
    """('parquet' | 'csv', files) of a register: one file, or a directory of Parquet files."""
    if path.is_dir():
        files = sorted(str(p) for p in path.rglob("*.parquet"))
        if not files:
            raise FileNotFoundError(f"no Parquet files under {path}")
        return "parquet", files
    if not path.is_file():
        raise FileNotFoundError(f"no such file or directory: {path}")
    return ("parquet" if path.suffix.lower() in {".parquet", ".pq"} else "csv"), [str(path)]


def write_spells(spells: pd.DataFrame, path: Path) -> Path:
    """The three columns the features need, as Parquet (dates as calendar dates)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = spells.loc[:, list(SPELL_COLUMNS)]
    table = pa.table(
        {
            "spell_id": pa.array(frame["spell_id"].astype(str).tolist(), pa.string()),
            "person_id": pa.array(frame["person_id"].astype(str).tolist(), pa.string()),
            "onset_date": pa.array(pd.to_datetime(frame["onset_date"]).dt.date, pa.date32()),
        }
    )
    pq.write_table(table, path)
    return path


# --- DuckDB ----------------------------------------------------------------------------------


def duckdb_connection(
    threads: int | None = None, memory_limit: str | None = None, temp_dir: Path | None = None
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection (spilling to `temp_dir` past `memory_limit`)."""
    import duckdb

    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    if memory_limit:
        con.execute("SET memory_limit = ?", [memory_limit])
    if temp_dir:
        con.execute("SET temp_directory = ?", [str(temp_dir)])
    con.execute("SET preserve_insertion_order = false")
    return con


def run_duckdb(
    weeks: Path,
    spells: Path,
    out: Path,
    *,
    con: duckdb.DuckDBPyConnection | None = None,
) -> FeatureRun:
    """Compute the features with DuckDB; writes `out/register_features.parquet`."""
    import time

    import duckdb

    con = con or duckdb_connection()
    kind, files = register_files(weeks)
    columns = ", ".join(REGISTER_COLUMNS)
    listed = ", ".join(_literal(f) for f in files)
    if kind == "parquet":
        source = f"read_parquet([{listed}], hive_partitioning = false)"
    else:
        types = "{'person_id': 'VARCHAR', 'iso_week': 'INTEGER', 'code': 'VARCHAR', "
        types += "'municipality': 'VARCHAR'}"
        source = f"read_csv({listed}, header = true, columns = {types})"
    # Only our own column names and quoted file paths are pasted into these statements.
    select = "SELECT " + columns + " FROM " + source  # noqa: S608
    spells_source = "SELECT * FROM read_parquet(" + _literal(spells) + ")"  # noqa: S608
    views = (
        "CREATE OR REPLACE TEMP VIEW register_weeks AS " + select,
        "CREATE OR REPLACE TEMP VIEW spells AS " + spells_source,
    )
    for statement in views:
        con.execute(statement)
    con.register("code_map", register_codes.code_map_table())
    out.mkdir(parents=True, exist_ok=True)
    target = out / OUTPUT_NAME
    started = time.perf_counter()
    con.execute(f"COPY ({sql('duckdb')}) TO {_literal(target)} (FORMAT parquet)")
    seconds = time.perf_counter() - started
    rows = int(con.execute("SELECT count(*) FROM read_parquet(?)", [str(target)]).fetchone()[0])  # type: ignore[index]
    return _finish("duckdb", duckdb.__version__, out, rows, seconds, weeks, spells)


def _literal(path: Path | str) -> str:
    """A path as an SQL string literal (quotes doubled)."""
    return "'" + str(path).replace("'", "''") + "'"


# --- Spark -----------------------------------------------------------------------------------


def spark_session(
    master: str = "local[*]", *, driver_memory: str = "2g", shuffle_partitions: int | None = None
) -> SparkSession:
    """A Spark session for local runs (on a cluster, pass the cluster's master URL)."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName("sporskifte-register-features")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", driver_memory)
        .config("spark.sql.ansi.enabled", "true")
        # Only the code map is broadcast (hinted in `run_spark`); the register and the spells
        # are joined by person with a shuffle, which scales where a broadcast of the spells
        # would not (measured: 100 million person-weeks failed to broadcast in 8 GB).
        .config("spark.sql.autoBroadcastJoinThreshold", "-1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
    )
    if shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(shuffle_partitions))
    return builder.getOrCreate()


def run_spark(weeks: Path, spells: Path, out: Path, *, spark: SparkSession) -> FeatureRun:
    """Compute the features with Spark; writes `out/register_features.parquet` (a directory)."""
    import time

    import pyspark

    kind, files = register_files(weeks)
    if kind == "parquet":
        register = spark.read.parquet(*files)
    else:
        schema = "person_id STRING, iso_week INT, code STRING, municipality STRING"
        register = spark.read.csv(files[0], header=True, schema=schema)
    register.select(*REGISTER_COLUMNS).createOrReplaceTempView("register_weeks")
    spark.read.parquet(str(spells)).createOrReplaceTempView("spells")
    from pyspark.sql.functions import broadcast

    # Built in SQL (VALUES), so no Python worker is needed on the executors.
    mapped = spark.sql(code_map_values())
    broadcast(mapped).createOrReplaceTempView("code_map")
    out.mkdir(parents=True, exist_ok=True)
    target = out / OUTPUT_NAME
    started = time.perf_counter()
    result = spark.sql(sql("spark"))
    result.write.mode("overwrite").parquet(str(target))
    seconds = time.perf_counter() - started
    rows = spark.read.parquet(str(target)).count()
    return _finish("spark", pyspark.__version__, out, rows, seconds, weeks, spells)


def code_map_values() -> str:
    """The code map as one `SELECT * FROM VALUES` statement (our own constants only)."""
    rows = []
    for r in register_codes.code_map_table().itertuples(index=False):
        rows.append(
            f"('{r.code}', '{r.category}', {str(r.benefit).upper()}, {str(r.scheme).upper()}, "
            f"CAST({r.first_week_no} AS BIGINT), CAST({r.last_week_no} AS BIGINT), '{r.version}')"
        )
    columns = "code, category, benefit, scheme, first_week_no, last_week_no, version"
    return "SELECT * FROM VALUES " + ", ".join(rows) + f" AS code_map({columns})"  # noqa: S608


# --- both ------------------------------------------------------------------------------------


def _finish(
    engine: str, version: str, out: Path, rows: int, seconds: float, weeks: Path, spells: Path
) -> FeatureRun:
    manifest = {
        "engine": engine,
        "engine_version": version,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "rows": rows,
        "weeks": str(weeks),
        "spells": str(spells),
        "definition_sha256": definition_sha256(),
        "code_map": register_codes.describe(),
        "features": list(FEATURE_COLUMNS),
        "as_of": "each spell's onset; weeks before the onset's ISO week only",
    }
    (out / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return FeatureRun(engine, out / OUTPUT_NAME, rows, seconds, manifest)


@contextmanager
def spells_parquet(spells: pd.DataFrame) -> Iterator[Path]:
    """`spells` written to a temporary Parquet file for the engines to read."""
    with tempfile.TemporaryDirectory(prefix="sporskifte-spells-") as folder:
        yield write_spells(spells, Path(folder) / "spells.parquet")


def compute(
    weeks: Path,
    spells: pd.DataFrame,
    out: Path,
    *,
    engine: str = "duckdb",
    spark: SparkSession | None = None,
    con: duckdb.DuckDBPyConnection | None = None,
) -> FeatureRun:
    """Compute the register features of `spells` on `engine` into `out`."""
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, got {engine!r}")
    with spells_parquet(spells) as path:
        if engine == "duckdb":
            return run_duckdb(weeks, path, out, con=con)
        return run_spark(weeks, path, out, spark=spark or spark_session())


def read_features(path: Path) -> pd.DataFrame:
    """Features written by either engine (a file or a Spark directory), in a fixed order."""
    target = path / OUTPUT_NAME if (path / OUTPUT_NAME).exists() else path
    frame = pd.read_parquet(target)
    frame = frame.loc[:, list(OUTPUT_COLUMNS)].sort_values("spell_id", kind="stable")
    return frame.reset_index(drop=True)


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest next to a features output (empty when there is none)."""
    manifest = path / MANIFEST_NAME if path.is_dir() else path.parent / MANIFEST_NAME
    if not manifest.is_file():
        return {}
    data: dict[str, Any] = json.loads(manifest.read_text())
    return data
