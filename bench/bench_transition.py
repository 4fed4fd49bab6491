"""Transition benchmark: the analysts' report for 10,000 running courses (< 5 s), plus the
pure assessment of a Copenhagen-sized stock (~3,000 courses, what the overview page does per
request) and the forecast.

The courses are the synthetic Copenhagen's running courses (`synth.courses`), copied with new
ids until there are 10,000; the report reads and validates both CSV files, assesses every
course (end date, pre-check, flags) and writes the CSV, as `sporskifte transition report` does.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

COURSES = 10_000
REPORT_BUDGET_S = 5.0
ON = date(2026, 11, 23)


def _verdict(seconds: float, budget: float) -> str:
    return "ok" if seconds < budget else f"OVER BUDGET ({budget:.0f} s)"


def _files(folder: Path) -> tuple[Path, Path, int]:
    import pandas as pd

    from sporskifte.synth.courses import generate_courses
    from sporskifte.transition.policy import courses_from_frame, is_running

    courses, households = generate_courses(seed=1, extract_date=ON)
    mask = [is_running(c, ON) for c in courses_from_frame(courses)]
    running = courses[mask].reset_index(drop=True)
    copies = -(-COURSES // len(running))
    parts, homes = [], []
    for n in range(copies):
        part = running.copy()
        part["course_id"] = part["course_id"] + f"-{n}"
        part["person_id"] = part["person_id"] + f"{n:02d}"
        parts.append(part)
        home = households[households["person_id"].isin(running["person_id"])].copy()
        home["person_id"] = home["person_id"] + f"{n:02d}"
        homes.append(home)
    big = pd.concat(parts, ignore_index=True).head(COURSES)
    homes_all = pd.concat(homes, ignore_index=True)
    homes_all = homes_all[homes_all["person_id"].isin(big["person_id"])]
    course_file, household_file = folder / "courses.csv", folder / "households.csv"
    big.to_csv(course_file, index=False, date_format="%Y-%m-%d")
    homes_all.to_csv(household_file, index=False, date_format="%Y-%m-%d")
    return course_file, household_file, len(running)


def main() -> None:
    from sporskifte.cli.transition import write_report
    from sporskifte.registers import read_table
    from sporskifte.transition import policy as planning
    from sporskifte.transition import projection

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        course_file, household_file, stock = _files(folder)
        started = time.perf_counter()
        statuses = write_report(course_file, household_file, ON, folder / "report.csv")
        households = planning.households_from_frame(read_table(household_file, "households").frame)
        seconds = time.perf_counter() - started
        print(
            f"report for {len(statuses):,} running courses (read, validate, assess, write): "
            f"{seconds:.2f} s {_verdict(seconds, REPORT_BUDGET_S)}"
        )
        assert len(statuses) == COURSES, len(statuses)
    copenhagen = [s for s in statuses if s.facts.course_id.endswith("-0")]  # the first copy
    assert len(copenhagen) == stock
    facts = [s.facts for s in copenhagen]
    started = time.perf_counter()
    again = planning.assess_running(facts, households, ON)
    seconds = time.perf_counter() - started
    print(f"assess {len(again):,} courses (the overview's pure part): {seconds * 1000:.0f} ms")
    started = time.perf_counter()
    fc = projection.forecast(copenhagen, ON)
    seconds = time.perf_counter() - started
    print(
        f"forecast for {len(copenhagen):,} courses through {fc.last_month:%Y-%m}: "
        f"{seconds * 1000:.0f} ms; expected without benefit {fc.total.expected:.0f} "
        f"({fc.level:.0%} interval {fc.total.low}-{fc.total.high})"
    )


if __name__ == "__main__":
    main()
