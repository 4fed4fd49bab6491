"""Run every benchmark module `bench/bench_*.py` (each has a `main()` that prints its figures)."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path


def main(selected: list[str]) -> int:
    here = Path(__file__).parent
    failures = 0
    for path in sorted(here.glob("bench_*.py")):
        if selected and not any(name in path.stem for name in selected):
            continue
        print(f"\n=== {path.stem}", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec
        assert spec.loader
        module = importlib.util.module_from_spec(spec)
        started = time.perf_counter()
        try:
            spec.loader.exec_module(module)
            module.main()
        except Exception as exc:  # a failing benchmark is reported, the others still run
            failures += 1
            print(f"FAILED: {type(exc).__name__}: {exc}", flush=True)
        print(f"--- {path.stem}: {time.perf_counter() - started:.1f} s wall", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
