"""Synthetic courses and households: contracts, the phase-out rules, one household per person."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from sporskifte import synth
from sporskifte.registers import validate_frame
from sporskifte.synth.courses import generate_courses


def test_courses_and_households_pass_their_contracts(world: synth.Copenhagen) -> None:
    for table, frame in (("courses", world.courses), ("households", world.households)):
        result = validate_frame(frame, table)
        assert result.ok, result.to_text(limit=10)


def test_every_participant_has_exactly_one_household(world: synth.Copenhagen) -> None:
    people = set(world.courses["person_id"])
    assert set(world.households["person_id"]) == people
    assert world.households["person_id"].is_unique


def test_all_three_schemes_are_present_with_running_and_ended_courses(
    world: synth.Copenhagen,
) -> None:
    courses = world.courses
    assert set(courses["scheme"]) == {"ressourceforloeb", "jobafklaringsforloeb", "revalidering"}
    running = courses["ended_date"].isna()
    assert running.any()
    assert (~running).any()
    assert courses.loc[running, "end_reason"].isna().all()
    assert courses.loc[~running, "end_reason"].notna().all()


def test_the_same_seed_gives_the_same_courses() -> None:
    first = generate_courses(seed=4)
    second = generate_courses(seed=4)
    for a, b in zip(first, second, strict=True):
        pd.testing.assert_frame_equal(a, b)


@pytest.mark.parametrize("extract", [date(2026, 6, 30), date(2027, 6, 30)])
def test_no_course_is_granted_after_its_scheme_closes(extract: date) -> None:
    courses, _ = generate_courses(seed=5, extract_date=extract)
    referral = courses["referral_date"]
    closed = courses["scheme"].isin(["ressourceforloeb", "revalidering"])
    assert not (closed & (referral >= pd.Timestamp("2026-02-01"))).any()
    jaf = courses["scheme"] == "jobafklaringsforloeb"
    assert not (jaf & (referral >= pd.Timestamp("2027-01-01"))).any()
    assert (courses.loc[jaf, "planned_end_date"] <= pd.Timestamp("2026-12-31")).all()
    assert courses["referral_date"].max() <= pd.Timestamp(extract)


def test_ressourceforloeb_granted_from_2022_last_at_most_three_years(
    world: synth.Copenhagen,
) -> None:
    courses = world.courses
    rf = courses[
        (courses["scheme"] == "ressourceforloeb")
        & (courses["referral_date"] >= pd.Timestamp("2022-01-01"))
    ]
    assert len(rf) > 1_000
    assert (rf["planned_end_date"] < rf["start_date"] + pd.DateOffset(years=3)).all()
    older = courses[
        (courses["scheme"] == "ressourceforloeb")
        & (courses["referral_date"] < pd.Timestamp("2022-01-01"))
    ]
    assert (older["planned_end_date"] >= older["start_date"] + pd.DateOffset(years=4)).any()


def test_some_running_courses_have_a_plan_and_some_have_had_no_contact_for_a_year(
    world: synth.Copenhagen,
) -> None:
    running = world.courses[world.courses["ended_date"].isna()]
    stale = running["last_contact_date"] < pd.Timestamp(world.extract_date) - pd.DateOffset(years=1)
    assert 0.05 < stale.mean() < 0.5
    assert 0.05 < running["next_step"].notna().mean() < 0.6


def test_married_and_cohabiting_households_both_occur(world: synth.Copenhagen) -> None:
    mix = world.households["civil_status"].value_counts(normalize=True)
    assert set(mix.index) == {"single", "married", "cohabiting"}
    married = world.households["civil_status"] == "married"
    assert world.households.loc[married, "spouse_monthly_income_dkk"].notna().all()
