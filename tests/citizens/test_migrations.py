"""The move of the first `casework` app's models into `citizens` and `sickness` keeps every row:
a database populated under the old layout is migrated forward and read through the new one."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = [
    ("accounts", "0002_apitoken"),
    ("casework", "0004_screening_workflow"),
    ("transition", "0001_initial"),
]


def _migrate(targets: list[tuple[str, str]] | None) -> Any:
    """Migrate to `targets` (None: every app's latest) and return the apps of that state."""
    executor = MigrationExecutor(connection)
    plan_targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(plan_targets)
    executor.loader.build_graph()
    return executor.loader.project_state(plan_targets).apps


def _populate(old: Any) -> dict[str, int]:
    team = old.get_model("accounts", "Team").objects.create(name="Team Nord")
    user = old.get_model("accounts", "User").objects.create(username="sara", team=team)
    person = old.get_model("casework", "Person").objects.create(
        cpr="0101901234", pseudonym="Pabc", name="Mette Jensen", district="Nørrebro", team=team
    )
    spell = old.get_model("casework", "SicknessSpell").objects.create(
        person_key="Pabc", person=person, spell_id="S1", onset_date=date(2026, 11, 2),
        birth_year=1990, sex="F", employment_status="employed", employer_size="10-49",
        education="bachelor", partial_sick_leave=False, work_related=False,
        diagnosis_group="mental", prior_spells_3y=0, prior_sick_weeks_3y=0, benefit_weeks_3y=0,
        district="Nørrebro",
    )  # fmt: skip
    course = old.get_model("casework", "Course").objects.create(
        person_key="Pabc", person=person, course_id="C1", scheme="ressourceforloeb",
        referral_date=date(2024, 1, 10), start_date=date(2024, 2, 1),
        planned_end_date=date(2027, 1, 31), previous_benefit="kontanthjaelp", birth_year=1990,
        district="Nørrebro",
    )  # fmt: skip
    case = old.get_model("casework", "SpellCase").objects.create(
        spell=spell, person=person, opened_via="form", opened_on=date(2026, 11, 9),
        receipt_token="r1", employer_token="e1", track="let_opfoelgning",
    )  # fmt: skip
    screening = old.get_model("casework", "Screening").objects.create(
        case=case, screened_on=date(2026, 11, 9), trigger="application", mode="rules_only",
        proposed_track="let_opfoelgning", exempt=False,
    )  # fmt: skip
    case.current_screening = screening
    case.save()
    old.get_model("casework", "Review").objects.create(
        screening=screening, proposed_track="let_opfoelgning"
    )
    contact = old.get_model("casework", "Contact").objects.create(
        person=person, spell=spell, kind="phone", held_on=date(2026, 11, 10), recorded_by=user
    )
    old.get_model("casework", "ContactDue").objects.create(
        case=case, key="law:first_conversation", kind="first_conversation",
        due=date(2026, 12, 1), reason="Første samtale", rule="SDL § 13", contact=contact,
    )  # fmt: skip
    old.get_model("casework", "Alert").objects.create(
        code="limit_22_weeks_near", person=person, spell=spell, message="Grænsen nærmer sig",
        rule="SDL § 24",
    )  # fmt: skip
    old.get_model("transition", "NextStepDecision").objects.create(
        course=course, next_step="job", decided_on=date(2026, 11, 20), reason="Job",
        decided_by=user,
    )  # fmt: skip
    return {"person": person.pk, "spell": spell.pk, "course": course.pk, "case": case.pk}


def test_a_populated_database_keeps_every_row_through_the_move() -> None:
    old = _migrate(BEFORE_THE_MOVE)
    ids = _populate(old)
    try:
        new = _migrate(None)
        person = new.get_model("citizens", "Person").objects.get(pk=ids["person"])
        assert person.name == "Mette Jensen"
        spell = new.get_model("citizens", "SicknessSpell").objects.get(pk=ids["spell"])
        assert spell.person_id == person.pk
        case = new.get_model("sickness", "SpellCase").objects.get(pk=ids["case"])
        assert (case.spell_id, case.person_id, case.track) == (
            spell.pk,
            person.pk,
            "let_opfoelgning",
        )
        assert case.current_screening.review.proposed_track == "let_opfoelgning"
        due = new.get_model("sickness", "ContactDue").objects.get(case=case)
        assert due.contact.person_id == person.pk
        assert new.get_model("citizens", "Alert").objects.get(spell=spell).code == (
            "limit_22_weeks_near"
        )
        decision = new.get_model("transition", "NextStepDecision").objects.get()
        assert decision.course_id == ids["course"]
        assert decision.course.course_id == "C1"

        content_types = new.get_model("contenttypes", "ContentType").objects
        assert content_types.filter(app_label="citizens", model="person").exists()
        assert not content_types.filter(app_label="casework", model="person").exists()
        tables = set(connection.introspection.table_names())
        assert {"citizens_person", "sickness_spellcase"} <= tables
        assert "casework_person" not in tables
    finally:
        _migrate(None)
