"""The synthetic weekly register: consistent with spells and courses, streamed in batches."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from sporskifte.registers import iso_weeks, register_codes, validate_frame
from sporskifte.synth.courses import generate_courses
from sporskifte.synth.national import NationalPlan, national_batches, transition_matrix
from sporskifte.synth.register import copenhagen_batches, history_window
from sporskifte.synth.spells import generate_spells

EXTRACT = date(2025, 12, 31)


def categories(register: pd.DataFrame) -> pd.Series:
    lookup = register_codes.current().codes
    return register["code"].map(lookup)


def test_the_copenhagen_register_passes_its_contract_and_shows_every_spell() -> None:
    spells = generate_spells(seed=4, n=150, extract_date=EXTRACT)
    register = pd.concat(
        [b.to_pandas() for b in copenhagen_batches(spells, None, seed=4, extract_date=EXTRACT)]
    )
    result = validate_frame(register.reset_index(drop=True), "register_weeks", today=EXTRACT)
    assert result.ok, result.to_text(limit=5)
    on_sick = register[categories(register) == "sygedagpenge"]
    sick = set(zip(on_sick["person_id"], on_sick["iso_week"], strict=True))
    for spell in spells.itertuples():
        onset_week = iso_weeks.iso_week_of(pd.Timestamp(spell.onset_date).date())
        assert (spell.person_id, onset_week) in sick


def test_a_course_persons_weeks_show_the_scheme_and_what_came_after() -> None:
    courses, _ = generate_courses(seed=4, extract_date=EXTRACT)
    chosen = courses[courses["ended_date"].notna() & (courses["end_reason"] == "fleksjob")]
    one = courses[courses["person_id"] == chosen["person_id"].iloc[0]]
    batches = copenhagen_batches(
        generate_spells(seed=4, n=1, extract_date=EXTRACT).head(0), one, seed=4,
        extract_date=EXTRACT,
    )  # fmt: skip
    register = pd.concat([b.to_pandas() for b in batches])
    last = one.sort_values("start_date").iloc[-1]
    during = iso_weeks.iso_week_of(pd.Timestamp(last["start_date"]).date())
    after = iso_weeks.iso_week_of(pd.Timestamp(last["ended_date"]).date() + pd.Timedelta(weeks=2))
    by_week = dict(zip(register["iso_week"], categories(register), strict=True))
    assert by_week[during] == last["scheme"]
    assert by_week[after] == "fleksjob"


def test_a_history_window_holds_exactly_the_recorded_history() -> None:
    rng = np.random.default_rng(1)
    for spells, sick, benefit in [(0, 0, 0), (1, 5, 5), (3, 40, 100), (0, 7, 9), (2, 154, 156)]:
        window, exact, carried = history_window(rng, spells, sick, benefit, "dagpenge")
        assert len(window) == 156
        is_sick = window == "sygedagpenge"
        starts = is_sick & ~np.concatenate([[carried], is_sick[:-1]])
        assert exact
        assert is_sick.sum() == sick
        assert starts.sum() == spells
        assert (window == "dagpenge").sum() == benefit - sick
        assert not is_sick[-1] or sick == 0


def test_the_national_generator_yields_one_batch_at_a_time(tmp_path: Path) -> None:
    plan = NationalPlan(persons=250, weeks=60, batch_persons=100, seed=3)
    path = tmp_path / "spells.parquet"
    sizes = [table.num_rows for table in national_batches(plan, path)]
    onsets = pd.read_parquet(path)
    assert sizes == [100 * 60, 100 * 60, 50 * 60]
    assert onsets["spell_id"].is_unique
    assert len(onsets) > 0
    np.testing.assert_allclose(transition_matrix().sum(axis=1), 1.0)
