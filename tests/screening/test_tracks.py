"""Tracks: the law first, then risk, then capacity."""

from __future__ import annotations

import numpy as np
import pytest

from sporskifte.screening.tracks import Capacity, TrackPolicy, fit_thresholds

rng = np.random.default_rng(11)
P_LONG = rng.beta(2, 5, 5000)
EXEMPT = rng.random(5000) < 0.4


def capacity(hours: float) -> Capacity:
    return Capacity(
        caseworker_hours_per_week=hours, weekly_inflow=800, hours_per_person=(0.25, 2, 12)
    )


@pytest.mark.parametrize("hours", [1400.0, 2000.0, 3000.0])
def test_fitted_thresholds_keep_the_expected_workload_within_capacity(hours: float) -> None:
    policy = fit_thresholds(P_LONG, capacity(hours), EXEMPT)
    assert policy.fits
    assert policy.hours_per_week(P_LONG, EXEMPT) <= hours
    assert policy.expected_hours_per_week == pytest.approx(policy.hours_per_week(P_LONG, EXEMPT))


def test_the_threshold_is_the_lowest_that_fits() -> None:
    policy = fit_thresholds(P_LONG, capacity(2000.0), EXEMPT)
    lower = TrackPolicy(np.nextafter(policy.threshold, 0) - 1e-6, capacity=capacity(2000.0))
    assert lower.hours_per_week(P_LONG, EXEMPT) > 2000.0


def test_more_capacity_sends_more_people_to_the_cross_disciplinary_track() -> None:
    small = fit_thresholds(P_LONG, capacity(1400.0), EXEMPT)
    large = fit_thresholds(P_LONG, capacity(3000.0), EXEMPT)
    assert large.threshold < small.threshold
    assert np.mean(large.assign(P_LONG, EXEMPT) == 3) > np.mean(small.assign(P_LONG, EXEMPT) == 3)


def test_ample_capacity_stops_at_the_minimum_threshold() -> None:
    policy = fit_thresholds(P_LONG, capacity(1e9), EXEMPT, min_threshold=0.3)
    assert policy.threshold == 0.3


def test_too_little_capacity_is_reported_not_hidden() -> None:
    policy = fit_thresholds(P_LONG, capacity(10.0), EXEMPT)
    assert not policy.fits
    assert policy.threshold == 1.0
    assert not (policy.assign(P_LONG, EXEMPT) == 3).any()


def test_the_law_decides_track_one_and_high_risk_exempt_people_are_flagged() -> None:
    policy = TrackPolicy(threshold=0.4, flag_threshold=0.5)
    p = np.array([0.9, 0.9, 0.2, 0.45])
    exempt = np.array([True, False, True, False])
    assert policy.assign(p, exempt).tolist() == [1, 3, 1, 3]
    assert policy.flags(p, exempt).tolist() == [True, False, False, False]


def test_report_shows_how_many_long_spells_reach_tracks_two_and_three() -> None:
    policy = fit_thresholds(P_LONG, capacity(2000.0), EXEMPT)
    long = rng.random(5000) < P_LONG
    report = policy.report(P_LONG, EXEMPT, long)
    expected = np.mean(policy.assign(P_LONG, EXEMPT)[long] >= 2)
    assert report["long_reaching_tracks_2_3"] == pytest.approx(expected)
    shares = report["share_by_track"]
    assert isinstance(shares, dict)
    assert sum(shares.values()) == pytest.approx(1.0)
    assert policy.hours_per_week(P_LONG, EXEMPT) <= 2000.0


def test_thresholds_by_age_band_bring_the_young_false_short_rate_down_to_the_overall() -> None:
    from sporskifte.screening.tracks import equalise_false_short, false_short_rate

    gen = np.random.default_rng(3)
    n = 20_000
    young = gen.random(n) < 0.25
    truth = gen.beta(2, 5, n)
    long = gen.random(n) < truth
    # The model under-rates the young: their scores sit lower than their risk.
    p = np.where(young, truth * 0.7, truth)
    weight = np.ones(n)
    bands = np.where(young, "under 30", "40-49").astype(object)
    policy = TrackPolicy(threshold=0.35)
    before = false_short_rate(p[young], long[young], weight[young], np.full(young.sum(), 0.35))
    overall = false_short_rate(p, long, weight, np.full(n, 0.35))
    assert before > overall + 0.05
    fair = equalise_false_short(policy, p, long, weight, bands)
    assert dict(fair.band_thresholds).keys() == {"under 30"}
    assert dict(fair.band_thresholds)["under 30"] < 0.35
    after = false_short_rate(p[young], long[young], weight[young], fair.thresholds(n, bands)[young])
    assert after == pytest.approx(overall, abs=0.01)
    # It costs: more spells reach track 3 than with one threshold.
    assert (fair.assign(p, None, bands) == 3).sum() > (policy.assign(p) == 3).sum()
    # Without bands (or with the option off) nothing changes.
    assert np.array_equal(fair.assign(p), policy.assign(p))
