"""Benchmark of the rules engine: follow-up deadlines + limit clock for 50,000 spells and the
means test for 5,000 households. Target: each under 1 s on a 2-core machine."""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from sporskifte.rules.means_test import HouseholdFacts, precheck_many
from sporskifte.rules.params import load_params
from sporskifte.rules.sickness import SpellFacts, follow_up_many, limit_clock_many

N_SPELLS = 50_000
N_HOUSEHOLDS = 5_000
ON = date(2026, 9, 1)
TARGET_S = 1.0
STATUSES = ("employed", "employed", "employed", "unemployed", "self_employed", "flexjob")


def _spell(rng: random.Random) -> SpellFacts:
    onset = ON - timedelta(days=rng.randrange(0, 400))
    prior: tuple[tuple[date, date], ...] = ()
    if rng.random() < 0.2:
        start = onset - timedelta(days=rng.randrange(60, 300))
        prior = ((start, start + timedelta(days=rng.randrange(5, 50))),)
    fast = onset + timedelta(days=rng.randrange(0, 50)) if rng.random() < 0.1 else None
    return SpellFacts(
        onset_date=onset,
        employment_status=rng.choice(STATUSES),  # type: ignore[arg-type]
        expected_return_weeks=rng.choice((None, *range(1, 53))),
        employer_expected_return_weeks=rng.choice((None, *range(1, 53))),
        fast_track_request_date=fast,
        prior_benefit_periods=prior,
        extension_ground="behandling" if rng.random() < 0.05 else None,
    )


def _household(rng: random.Random) -> HouseholdFacts:
    status = rng.choice(("single", "married", "cohabiting"))
    partner = status != "single"
    return HouseholdFacts(
        civil_status=status,  # type: ignore[arg-type]
        own_assets_dkk=rng.randrange(0, 40_000),
        spouse_assets_dkk=rng.randrange(0, 40_000) if partner else None,
        own_monthly_income_dkk=rng.randrange(0, 15_000),
        spouse_monthly_income_dkk=rng.randrange(0, 40_000) if partner else None,
        children_under_18=rng.choice((0, 0, 1, 2)),
    )


def _timed(label: str, n: int, run: object) -> float:
    assert callable(run)
    started = time.perf_counter()
    run()
    elapsed = time.perf_counter() - started
    verdict = "ok" if elapsed < TARGET_S else "TOO SLOW"
    print(f"{label:<42} {n:>7} rows {elapsed:7.3f} s {n / elapsed:>12,.0f} rows/s  [{verdict}]")
    return elapsed


def main() -> None:
    """Print the timings (params are loaded first: validation is set-up, not the hot path)."""
    load_params()
    rng = random.Random(20260201)
    spells = [_spell(rng) for _ in range(N_SPELLS)]
    households = [_household(rng) for _ in range(N_HOUSEHOLDS)]
    follow_up_many(spells[:10], ON)  # warm the per-date caches
    limit_clock_many(spells[:10], ON)
    precheck_many(households[:10], ON)
    _timed(
        "follow-up deadlines + limit clock",
        N_SPELLS,
        lambda: (follow_up_many(spells, ON), limit_clock_many(spells, ON)),
    )
    _timed("follow-up deadlines only", N_SPELLS, lambda: follow_up_many(spells, ON))
    _timed("limit clock only", N_SPELLS, lambda: limit_clock_many(spells, ON))
    _timed("means test pre-check", N_HOUSEHOLDS, lambda: precheck_many(households, ON))


if __name__ == "__main__":
    main()
