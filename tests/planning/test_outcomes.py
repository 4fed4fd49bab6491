"""Kaplan–Meier and the share back at work against figures computed by hand."""

from __future__ import annotations

import pytest

from sporskifte.planning.outcomes import (
    SpellRow,
    by_group,
    curve_points,
    group_outcome,
    kaplan_meier,
)

# Six spells: ends at 2 (work), 4 (other benefit), 4 (work), 6 (work); censored at 3 and 8.
SMALL = [
    SpellRow(2, True, "work"),
    SpellRow(3, False, ""),
    SpellRow(4, True, "other_benefit"),
    SpellRow(4, True, "work"),
    SpellRow(6, True, "work"),
    SpellRow(8, False, ""),
]


def test_survival_matches_a_hand_computed_kaplan_meier_with_censoring() -> None:
    # t=2: 6 at risk, 1 end -> 5/6; t=4: 4 at risk (one censored at 3), 2 ends -> 5/6*2/4;
    # t=6: 2 at risk, 1 end -> 5/12 * 1/2 = 5/24; the spell censored at 8 ends nothing.
    curve = kaplan_meier(SMALL)
    assert curve.times.tolist() == [2, 4, 6]
    assert curve.at_risk.tolist() == [6, 4, 2]
    assert curve.survival_at(1) == 1.0
    assert curve.survival_at(2) == pytest.approx(5 / 6)
    assert curve.survival_at(3.9) == pytest.approx(5 / 6)
    assert curve.survival_at(4) == pytest.approx(5 / 12)
    assert curve.survival_at(10) == pytest.approx(5 / 24)


def test_back_at_work_treats_other_benefits_as_competing_not_censored() -> None:
    # Aalen–Johansen: 1/6 at t=2; + S(4-)=5/6 * 1/4 at t=4; + S(6-)=5/12 * 1/2 at t=6.
    curve = kaplan_meier(SMALL)
    assert curve.work_by(2) == pytest.approx(1 / 6)
    assert curve.work_by(5) == pytest.approx(1 / 6 + 5 / 24)
    assert curve.work_by(52) == pytest.approx(1 / 6 + 5 / 24 + 5 / 24)


def test_counts_weight_rows_like_repeated_spells() -> None:
    weighted = kaplan_meier([SpellRow(2, True, "work", 2), SpellRow(5, False, "", 2)])
    repeated = kaplan_meier([SpellRow(2, True, "work")] * 2 + [SpellRow(5, False, "")] * 2)
    assert weighted.survival_at(3) == repeated.survival_at(3) == pytest.approx(0.5)


def test_without_censoring_survival_is_the_plain_share_still_running() -> None:
    rows = [SpellRow(d, True, "work") for d in (1, 2, 3, 4)]
    curve = kaplan_meier(rows)
    assert [curve.survival_at(t) for t in (1, 2, 3, 4)] == pytest.approx([0.75, 0.5, 0.25, 0])
    assert curve.work_by(4) == pytest.approx(1.0)


def test_groups_report_shares_at_the_horizons_and_end_reasons() -> None:
    rows = [("Nørrebro", r) for r in SMALL] + [("Amager Vest", SpellRow(30, True, "work"))]
    amager, noerrebro = by_group(rows)
    assert amager.group == "Amager Vest"
    assert amager.back_at_work[26] == 0.0
    assert amager.back_at_work[52] == 1.0
    assert noerrebro.spells == 6
    assert noerrebro.ended == 4
    assert noerrebro.end_reasons == {"work": 3, "other_benefit": 1}
    assert noerrebro.back_at_work[8] == pytest.approx(7 / 12)
    assert noerrebro.followed[8] == 1  # the spell still running at 8 weeks


def test_censored_spells_make_kaplan_meier_differ_from_the_naive_share() -> None:
    # 50 spells began two weeks ago (censored at 2); of 60 followed longer, 30 went back to
    # work in week 4 and 30 are still away at week 10.
    rows = [SpellRow(2, False, "", 50), SpellRow(4, True, "work", 30), SpellRow(10, False, "", 30)]
    outcome = group_outcome("kohorte", rows)
    naive = 30 / 110
    assert naive == pytest.approx(0.2727, abs=1e-4)
    assert outcome.back_at_work[8] == pytest.approx(0.5)
    assert outcome.still_away[8] == pytest.approx(0.5)
    assert outcome.followed[8] == 30
    assert outcome.shown[8]
    # nobody is followed to 13 weeks and 80 were censored before: no figure at 13, 26, 52
    assert outcome.followed[13] == 0
    assert not any(outcome.shown[h] for h in (13, 26, 52))


def test_a_group_whose_spells_all_ended_shows_every_horizon() -> None:
    outcome = group_outcome("afsluttet", [SpellRow(3, True, "work", 5)])
    assert outcome.followed[52] == 0
    assert all(outcome.shown.values())
    assert outcome.back_at_work[52] == 1.0


def test_no_spells_give_an_empty_curve() -> None:
    curve = kaplan_meier([])
    assert curve.survival_at(10) == 1.0
    assert curve.work_by(10) == 0.0
    assert curve_points(curve, 2) == [(0, 1.0, 0.0), (1, 1.0, 0.0), (2, 1.0, 0.0)]
