"""The timeline built from one person's history (pure: no database)."""

from __future__ import annotations

from datetime import date

from sporskifte.citizens.history import (
    CourseRecord,
    Decision,
    History,
    SpellRecord,
    build_timeline,
)


def test_sygedagpenge_then_jobafklaringsforloeb_then_the_2027_target_group() -> None:
    spell = SpellRecord("S1", date(2025, 11, 3), "employed", date(2026, 5, 31), "other_benefit")
    course = CourseRecord(
        "C1", "jobafklaringsforloeb", date(2026, 5, 15), date(2026, 6, 1), date(2027, 5, 31)
    )
    timeline = build_timeline(History(spells=(spell,), courses=(course,)))
    assert [e.kind for e in timeline] == [
        "sygedagpenge",
        "jobafklaringsforloeb",
        "sygedagpengeindsats",
    ]
    sick, jaf, moved = timeline
    assert (sick.start, sick.end) == (date(2025, 11, 3), date(2026, 5, 31))
    assert jaf.start == date(2026, 6, 1)
    assert jaf.end is None
    assert moved.event
    assert moved.start == date(2027, 1, 1)
    assert moved.label.startswith("Målgruppe")


def test_kontanthjaelp_after_a_course_runs_until_the_next_spell() -> None:
    course = CourseRecord(
        "C2", "ressourceforloeb", date(2020, 1, 6), date(2020, 2, 1), date(2023, 1, 31),
        ended_date=date(2022, 8, 31), end_reason="kontanthjaelp",
    )  # fmt: skip
    spell = SpellRecord("S2", date(2023, 4, 17), "unemployed")
    timeline = build_timeline(History(spells=(spell,), courses=(course,)))
    assert [e.kind for e in timeline] == ["ressourceforloeb", "kontanthjaelp", "sygedagpenge"]
    assert timeline[1].start == date(2022, 9, 1)
    assert timeline[1].end == date(2023, 4, 16)


def test_decisions_are_points_in_time_with_who_decided() -> None:
    course = CourseRecord(
        "C3", "ressourceforloeb", date(2022, 1, 10), date(2022, 2, 1), date(2025, 1, 31)
    )
    decisions = (
        Decision("fleksjob", date(2024, 6, 3), "C3", by="Sara Sagsbehandler"),
        Decision("foertidspension", date(2024, 9, 2), "C3", by="register"),
    )
    timeline = build_timeline(History(courses=(course,), decisions=decisions))
    events = [(e.kind, e.start, e.detail) for e in timeline if e.event]
    assert events == [
        ("fleksjob", date(2024, 6, 3), "Besluttet af Sara Sagsbehandler"),
        ("foertidspension", date(2024, 9, 2), "Besluttet af registret"),
    ]
    assert all(e.as_dict()["label"] for e in timeline)


def test_self_supporting_after_a_course_is_a_period_of_its_own() -> None:
    course = CourseRecord(
        "C4", "revalidering", date(2019, 1, 7), date(2019, 2, 1), date(2021, 1, 31),
        ended_date=date(2021, 1, 31), end_reason="selvforsoergende",
    )  # fmt: skip
    timeline = build_timeline(History(courses=(course,)))
    assert [(e.kind, e.start, e.end) for e in timeline] == [
        ("revalidering", date(2019, 2, 1), date(2021, 1, 31)),
        ("selvforsoergende", date(2021, 2, 1), None),
    ]
