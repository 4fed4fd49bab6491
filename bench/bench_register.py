"""Register features at scale: DuckDB and Spark (local) on the same synthetic register.

Default (quick, part of `make bench`): 10,000 persons × 520 weeks = 5.2 million person-weeks.
Long part (`BENCH_LONG=1 make bench BENCH=register`): 100,000 persons × 1,000 weeks =
100 million person-weeks, the figures behind docs/scale.md. `BENCH_ENGINES=duckdb` (or
`spark`) runs one engine only.

Each engine runs in its own process; the parent samples the resident memory of that process
and all its children (Spark's JVM included) every 0.2 s and reports the peak, with the wall
time of the feature query (generation and reading the inputs' metadata excluded) and the
cost per person-week. The register is kept under var/bench/ and reused when its size matches.
Spark is skipped (with the reason) where pyspark or Java is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

QUICK = (10_000, 520)
LONG = (100_000, 1_000)
THREADS = 2
SPARK_MASTER = f"local[{THREADS}]"
ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench" / "register"


def _tree_usage(pid: int) -> tuple[int, float]:
    """(resident bytes, CPU seconds) of `pid` and every descendant (Linux /proc).

    CPU seconds count user + system time, including reaped children's: unlike wall time,
    they hardly change when other work shares the cores.
    """
    children: dict[int, list[int]] = {}
    usage: dict[int, tuple[int, int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            ticks = sum(int(f) for f in fields[11:15])
            usage[int(entry.name)] = (int(fields[21]) * os.sysconf("SC_PAGE_SIZE"), ticks)
        except (OSError, ValueError, IndexError):
            continue
    rss, ticks, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        rss += usage.get(current, (0, 0))[0]
        ticks += usage.get(current, (0, 0))[1]
        todo.extend(children.get(current, []))
    return rss, ticks / os.sysconf("SC_CLK_TCK")


def _run_child(engine: str, weeks: Path, spells: Path, out: Path) -> dict[str, float]:
    command = [sys.executable, "-W", "ignore::FutureWarning", __file__, "--child", engine]
    command += [str(weeks), str(spells), str(out)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    peak, cpu = 0, 0.0

    def sample() -> None:
        nonlocal peak, cpu
        while process.poll() is None:
            rss, seconds = _tree_usage(process.pid)
            peak, cpu = max(peak, rss), max(cpu, seconds)
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{engine} run failed with exit code {process.returncode}")
    result = json.loads(output.strip().splitlines()[-1])
    result["peak_rss_gb"] = peak / 1e9
    result["cpu_seconds"] = cpu
    result["process_seconds"] = time.perf_counter() - started
    return dict(result)


def _child(engine: str, weeks: Path, spells: Path, out: Path) -> None:
    from sporskifte.registers import register_features as rf

    if engine == "duckdb":
        con = rf.duckdb_connection(threads=THREADS, temp_dir=out.parent / "duckdb-tmp")
        run = rf.run_duckdb(weeks, spells, out, con=con)
    else:
        spark = rf.spark_session(SPARK_MASTER, driver_memory="8g", shuffle_partitions=64)
        spark.sparkContext.setLogLevel("ERROR")
        run = rf.run_spark(weeks, spells, out, spark=spark)
        spark.stop()
    print(json.dumps({"seconds": run.seconds, "rows": run.rows}), flush=True)


def spark_missing() -> str | None:
    """Why Spark cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install '.[spark]')"
    if shutil.which("java") is None:
        return "no java on PATH (apt-get install openjdk-17-jre-headless)"
    return None


def _register(persons: int, weeks: int) -> tuple[Path, Path, int]:
    from sporskifte.synth.national import NationalPlan, write_national

    folder = VAR / f"{persons}x{weeks}"
    stamp = folder / "done.json"
    if stamp.is_file():
        info = json.loads(stamp.read_text())
        print(f"register {info['rows']:,} person-weeks reused from {folder}", flush=True)
        return folder / "weeks", folder / "spells.parquet", int(info["rows"])
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    summary, spells = write_national(folder, NationalPlan(persons=persons, weeks=weeks))
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in (folder / "weeks").rglob("*.parquet"))
    print(
        f"generate {summary.rows:,} person-weeks ({persons:,} persons × {weeks:,} weeks): "
        f"{seconds:.1f} s, {summary.rows / seconds:,.0f} rows/s, {summary.files} files, "
        f"{size / 1e6:,.0f} MB Parquet",
        flush=True,
    )
    stamp.write_text(json.dumps({"rows": summary.rows, "seconds": seconds, "bytes": size}))
    return folder / "weeks", spells, summary.rows


def _measure(persons: int, weeks: int) -> None:
    import pyarrow.parquet as pq

    weeks_path, spells_path, rows = _register(persons, weeks)
    spells = pq.ParquetFile(spells_path).metadata.num_rows
    print(f"spells described: {spells:,}; engines use {THREADS} threads", flush=True)
    wanted = os.environ.get("BENCH_ENGINES", "duckdb,spark").split(",")
    engines = [e for e in ("duckdb", "spark") if e in wanted]
    missing = spark_missing()
    if missing and "spark" in engines:
        print(f"spark: skipped, {missing}")
        engines.remove("spark")
    for engine in engines:
        out = weeks_path.parent / f"features-{engine}"
        shutil.rmtree(out, ignore_errors=True)
        load = os.getloadavg()[0]
        result = _run_child(engine, weeks_path, spells_path, out)
        load = max(load, os.getloadavg()[0])
        per_row = result["seconds"] / rows * 1e9
        print(
            f"{engine:<7} {rows:,} person-weeks: query {result['seconds']:.1f} s "
            f"({rows / result['seconds']:,.0f} rows/s, {per_row:.1f} ns/row, "
            f"{per_row * THREADS:.1f} core-ns/row), process {result['process_seconds']:.1f} s "
            f"using {result['cpu_seconds']:.1f} CPU s ({result['cpu_seconds'] / rows * 1e9:.0f} "
            f"CPU-ns/row), peak memory {result['peak_rss_gb']:.2f} GB; machine load {load:.1f} "
            f"on {os.cpu_count()} cores",
            flush=True,
        )


def main() -> None:
    persons, weeks = QUICK
    _measure(persons, weeks)
    if os.environ.get("BENCH_LONG") == "1":
        _measure(*LONG)
    else:
        print("long part (100 million person-weeks) skipped: set BENCH_LONG=1 to run it")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--child":
        _child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), Path(sys.argv[5]))
    else:
        main()
