"""Synthetic sickness spells: contract, determinism, censoring and the structure they carry."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from sporskifte import synth
from sporskifte.registers import validate_frame
from sporskifte.synth import metrics
from sporskifte.synth.spells import generate_spells

EXTRACT = pd.Timestamp(synth.DEFAULT_EXTRACT_DATE)


def test_generated_spells_pass_their_own_contract(world: synth.Copenhagen) -> None:
    result = validate_frame(world.spells.frame, "sickness_spells")
    assert result.ok, result.to_text(limit=10)
    assert result.warnings == []


def test_the_same_seed_gives_the_same_spells_and_another_seed_does_not() -> None:
    first = generate_spells(seed=7, n=2_000)
    pd.testing.assert_frame_equal(first, generate_spells(seed=7, n=2_000))
    assert not first.equals(generate_spells(seed=8, n=2_000))


@pytest.mark.parametrize("n", [0, 1, 1_234])
def test_exactly_n_spells_are_generated(n: int) -> None:
    spells = generate_spells(seed=3, n=n)
    assert len(spells) == n
    assert spells["spell_id"].is_unique


def test_onsets_fall_inside_the_requested_window() -> None:
    spells = generate_spells(
        seed=3, n=3_000, start=date(2021, 3, 1), extract_date=date(2023, 6, 30)
    )
    assert spells["onset_date"].min() >= pd.Timestamp("2021-03-01")
    assert spells["onset_date"].max() <= pd.Timestamp("2023-06-30")


def test_spells_are_censored_at_the_extract_date(world: synth.Copenhagen) -> None:
    spells = world.spells.frame
    end = spells["onset_date"] + pd.to_timedelta(spells["duration_weeks"].astype(float) * 7, "D")
    ended = spells["ended"].astype(bool)
    assert (end[ended] <= EXTRACT + pd.Timedelta(days=1)).all()
    running_end = end[~ended]
    assert ((running_end - EXTRACT).abs() <= pd.Timedelta(days=1)).all()
    assert spells.loc[~ended, "end_reason"].isna().all()
    assert 0.02 < (~ended).mean() < 0.2


def test_a_persons_traits_stay_the_same_and_spells_do_not_overlap(
    world: synth.Copenhagen,
) -> None:
    spells = world.spells.frame.sort_values(["person_id", "onset_date"])
    per_person = spells.groupby("person_id")
    assert (per_person["birth_year"].nunique() == 1).all()
    assert (per_person["sex"].nunique() == 1).all()
    end = spells["onset_date"] + pd.to_timedelta(spells["duration_weeks"].astype(float) * 7, "D")
    next_onset = per_person["onset_date"].shift(-1)
    has_next = next_onset.notna()
    assert (next_onset[has_next] >= end[has_next] - pd.Timedelta(days=1)).all()
    assert per_person.size().max() > 1  # some people do come back


def test_prior_spells_include_the_persons_earlier_spells_in_the_data(
    world: synth.Copenhagen,
) -> None:
    spells = world.spells.frame.sort_values(["person_id", "onset_date"]).reset_index(drop=True)
    previous = spells.groupby("person_id")["onset_date"].shift(1)
    recent = previous.notna() & (spells["onset_date"] - previous <= pd.Timedelta(days=3 * 365))
    assert (spells.loc[recent, "prior_spells_3y"] >= 1).all()


def test_the_persons_own_expectation_is_the_strongest_single_predictor(
    world: synth.Copenhagen,
) -> None:
    spells = world.spells.frame
    followed = spells[spells["onset_date"] <= EXTRACT - pd.Timedelta(weeks=26)]
    answered = followed[followed["expected_return_weeks"].notna()]
    long = (answered["duration_weeks"].astype(float) > 26).to_numpy()
    by_expectation = metrics.auc(long, answered["expected_return_weeks"].astype(float).to_numpy())
    assert by_expectation > 0.75
    for column in ("prior_sick_weeks_3y", "benefit_weeks_3y", "birth_year"):
        values = answered[column].astype(float).to_numpy()
        assert abs(metrics.auc(long, values) - 0.5) + 0.5 < by_expectation


def test_origin_adds_nothing_once_the_other_inputs_are_known(world: synth.Copenhagen) -> None:
    spells = world.spells.frame
    without = metrics.long_spell_auc(spells, synth.DEFAULT_EXTRACT_DATE)
    with_origin = spells.assign(education=spells["education"] + "/" + spells["origin"].fillna(""))
    with_it = metrics.long_spell_auc(with_origin, synth.DEFAULT_EXTRACT_DATE)
    assert with_it - without < 0.005


def test_missing_answers_are_common_but_not_the_rule(world: synth.Copenhagen) -> None:
    spells = world.spells.frame
    assert 0.25 <= spells["expected_return_weeks"].isna().mean() <= 0.35
    assert spells["self_rated_health"].isna().mean() > 0.25
    not_employed = spells["employment_status"] != "employed"
    assert spells.loc[not_employed, "employer_size"].eq("none").all()
    no_employer = spells["employment_status"].isin(["unemployed", "self_employed", "other"])
    assert spells.loc[no_employer, "employer_expected_return_weeks"].isna().all()


def test_durations_depend_on_the_expectation_with_realistic_noise(
    world: synth.Copenhagen,
) -> None:
    spells = world.spells.frame
    done = spells[spells["ended"].astype(bool) & spells["expected_return_weeks"].notna()]
    ratio = np.log(
        done["duration_weeks"].astype(float) / done["expected_return_weeks"].astype(float)
    )
    assert 0.3 < ratio.std() < 1.5  # neither a copy of the answer nor unrelated to it
    assert (
        np.corrcoef(
            np.log(done["expected_return_weeks"].astype(float)),
            np.log(done["duration_weeks"].astype(float)),
        )[0, 1]
        > 0.5
    )
