"""One population: course participants carry the spells that led to the course."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sporskifte import synth
from sporskifte.synth.linkage import AFTER_DAYS, BEFORE_DAYS


def _spell_ends(spells: pd.DataFrame) -> pd.Series:
    return spells["onset_date"] + pd.to_timedelta(spells["duration_weeks"].astype(float) * 7, "D")


def test_courses_from_sygedagpenge_belong_to_a_person_whose_spell_led_there(
    world: synth.Copenhagen,
) -> None:
    courses, spells = world.courses, world.spells.frame
    first = spells["onset_date"].min() + pd.Timedelta(days=180)
    from_sdp = courses[(courses["previous_benefit"] == "sygedagpenge")
                       & (courses["referral_date"] >= first)]  # fmt: skip
    linked = from_sdp[from_sdp["person_id"].str.startswith("P")]
    assert len(linked) / len(from_sdp) > 0.9
    ends = spells.assign(end=_spell_ends(spells))[["person_id", "end"]]
    joined = linked.merge(ends, on="person_id")
    gap = (joined["referral_date"] - joined["end"]).dt.days
    led = joined[(gap >= -AFTER_DAYS - 1) & (gap <= BEFORE_DAYS + 1)]
    assert led["course_id"].nunique() / len(linked) > 0.95


def test_a_linked_person_is_one_person_with_one_course_and_one_household(
    world: synth.Copenhagen,
) -> None:
    courses, spells, households = world.courses, world.spells.frame, world.households
    assert courses["person_id"].is_unique
    assert households["person_id"].is_unique
    assert set(households["person_id"]) == set(courses["person_id"])
    linked = courses[courses["person_id"].str.startswith("P")]
    persons = spells.drop_duplicates("person_id").set_index("person_id")
    born = persons.loc[linked["person_id"], "birth_year"].to_numpy()
    assert np.array_equal(born, linked["birth_year"].to_numpy())


def test_no_spell_of_a_participant_begins_while_their_course_runs(
    world: synth.Copenhagen,
) -> None:
    courses, spells = world.courses, world.spells.frame
    end = courses["ended_date"].fillna(courses["planned_end_date"])
    span = courses.assign(end=end)[["person_id", "start_date", "end"]]
    joined = span.merge(spells[["person_id", "onset_date"]], on="person_id")
    during = (joined["onset_date"] >= joined["start_date"]) & (
        joined["onset_date"] <= joined["end"]
    )
    assert not during.any()


def test_sick_listed_persons_at_the_limit_move_on_to_jobafklaringsforloeb(
    world: synth.Copenhagen,
) -> None:
    spells, latent, courses = world.spells.frame, world.spells.latent, world.courses
    at_limit = spells.loc[latent["reached_review"].to_numpy() & ~latent["extended"].to_numpy()]
    jaf = courses[(courses["scheme"] == "jobafklaringsforloeb")
                  & courses["person_id"].str.startswith("P")]  # fmt: skip
    from_limit = jaf["person_id"].isin(at_limit["person_id"]).mean()
    assert from_limit > 0.5
