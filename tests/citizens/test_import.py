"""Importing register files: validated whole first, one transaction, idempotent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from typer.testing import CliRunner

from sporskifte.audit.models import LogEntry
from sporskifte.citizens.imports import ImportRejected, import_files
from sporskifte.citizens.models import Course, Household, SicknessSpell
from sporskifte.cli import app
from tests.conftest import World

SPELL_HEADER = (
    "spell_id,person_id,onset_date,birth_year,sex,employment_status,employer_size,industry,"
    "occupation,education,partial_sick_leave,expected_return_weeks,"
    "employer_expected_return_weeks,self_rated_health,work_related,diagnosis_group,"
    "prior_spells_3y,prior_sick_weeks_3y,benefit_weeks_3y,district,origin,duration_weeks,"
    "ended,end_reason"
)
SPELLS = [
    "S1,P1,2025-03-03,1980,F,employed,10-49,Q,2,bachelor,false,6,8,3,false,mental,0,0,0,"
    "Nørrebro,danish,9.5,true,work",
    "S2,P2,2025-04-01,1975,M,unemployed,none,,,basic,false,,,2,false,musculoskeletal,2,14,40,"
    "Valby,non_western,30,false,",
]
COURSES = (
    "course_id,person_id,scheme,referral_date,start_date,planned_end_date,ended_date,end_reason,"
    "previous_benefit,birth_year,district,team,last_contact_date,next_step,next_step_decided_date\n"
    "C1,P1,ressourceforloeb,2024-01-10,2024-02-01,2027-01-31,,,kontanthjaelp,1970,Valby,"
    "Team Syd,2026-05-01,,\n"
)
HOUSEHOLDS = (
    "person_id,as_of_date,civil_status,own_assets_dkk,spouse_assets_dkk,own_monthly_income_dkk,"
    "spouse_monthly_income_dkk,children_under_18\n"
    "P1,2026-06-01,married,5000,20000,0,38000,1\n"
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def spells_file(tmp_path: Path) -> Path:
    return write(tmp_path / "spells.csv", "\n".join([SPELL_HEADER, *SPELLS]) + "\n")


def test_a_valid_file_is_imported_and_the_same_file_twice_changes_nothing(
    world: World, spells_file: Path
) -> None:
    first = import_files(world.admin, {"sickness_spells": spells_file})[0]
    assert (first.rows, first.created, first.updated, first.unchanged) == (2, 2, 0, 0)
    spell = SicknessSpell.objects.get(spell_id="S2")
    assert spell.expected_return_weeks is None
    assert spell.ended is False
    assert spell.end_reason == ""
    assert spell.district == "Valby"
    second = import_files(world.admin, {"sickness_spells": spells_file})[0]
    assert (second.created, second.updated, second.unchanged) == (0, 0, 2)
    assert SicknessSpell.objects.count() == 2


def test_a_changed_row_is_updated_in_place(world: World, tmp_path: Path, spells_file: Path) -> None:
    import_files(world.admin, {"sickness_spells": spells_file})
    changed = SPELLS[1].replace(",30,false,", ",31.5,false,")
    path = write(tmp_path / "changed.csv", "\n".join([SPELL_HEADER, SPELLS[0], changed]) + "\n")
    summary = import_files(world.admin, {"sickness_spells": path})[0]
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert SicknessSpell.objects.get(spell_id="S2").duration_weeks == 31.5


def test_a_bad_file_is_rejected_whole_with_every_problem(world: World, tmp_path: Path) -> None:
    bad = [SPELLS[0], SPELLS[1].replace(",M,", ",X,").replace(",Valby,", ",Atlantis,")]
    path = write(tmp_path / "bad.csv", "\n".join([SPELL_HEADER, *bad]) + "\n")
    with pytest.raises(ImportRejected) as caught:
        import_files(world.admin, {"sickness_spells": path})
    problems = {(p.row, p.column) for p in caught.value.results["sickness_spells"].errors}
    assert {(2, "sex"), (2, "district")} <= problems
    assert SicknessSpell.objects.count() == 0


def test_courses_and_households_go_in_together_or_not_at_all(world: World, tmp_path: Path) -> None:
    courses = write(tmp_path / "courses.csv", COURSES)
    bad_households = write(tmp_path / "households.csv", HOUSEHOLDS.replace(",married,", ",wed,"))
    with pytest.raises(ImportRejected):
        import_files(world.admin, {"courses": courses, "households": bad_households})
    assert Course.objects.count() == 0
    households = write(tmp_path / "households_ok.csv", HOUSEHOLDS)
    import_files(world.admin, {"courses": courses, "households": households})
    assert Course.objects.get(course_id="C1").team_name == "Team Syd"
    assert Household.objects.get(person_key="P1").spouse_monthly_income_dkk == 38000


def test_only_an_administrator_may_import(world: World, spells_file: Path) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_files(world.team_leader, {"sickness_spells": spells_file})


def test_the_cli_imports_with_a_summary_and_rejects_a_bad_file(
    world: World, spells_file: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["import", "spells", str(spells_file)])
    assert result.exit_code == 0, result.output
    assert "Import summary" in result.output
    assert SicknessSpell.objects.count() == 2
    assert LogEntry.objects.filter(
        action="data.import", actor_label__startswith="system (kommandolinje: "
    ).exists()
    bad = write(tmp_path / "bad.csv", SPELL_HEADER + "\n" + SPELLS[0].replace(",F,", ",Q,") + "\n")
    rejected = runner.invoke(app, ["import", "spells", str(bad)])
    assert rejected.exit_code == 2
    assert "sex" in rejected.output
    assert "Nothing was imported" in rejected.output


def test_an_administrator_uploads_a_file_in_the_browser_form(
    world: World, spells_file: Path
) -> None:
    client = Client()
    client.force_login(world.admin)
    with spells_file.open("rb") as handle:
        response = client.post(reverse("data-import"), {"kind": "spells", "file": handle})
    html = response.content.decode()
    assert "Data er indlæst" in html
    assert SicknessSpell.objects.count() == 2


def test_an_upload_with_errors_shows_the_danish_report_and_saves_nothing(
    world: World, tmp_path: Path
) -> None:
    bad = write(tmp_path / "bad.csv", SPELL_HEADER + "\n" + SPELLS[0].replace(",F,", ",Q,") + "\n")
    client = Client()
    client.force_login(world.admin)
    with bad.open("rb") as handle:
        response = client.post(reverse("data-import"), {"kind": "spells", "file": handle})
    html = response.content.decode()
    assert "Filen blev afvist" in html
    assert "sex" in html
    assert SicknessSpell.objects.count() == 0


def test_the_upload_page_is_for_administrators_only(world: World) -> None:
    for user, expected in (
        (world.admin, 200),
        (world.team_leader, 403),
        (world.caseworker, 403),
        (world.analyst, 403),
    ):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("data-import")).status_code == expected


def _planner_row_count(table: str) -> int | None:
    """The row count the database's query planner believes `table` has (None: never analysed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            tuples = cursor.fetchone()[0]
            return None if tuples < 0 else int(tuples)
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone() is None:
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
        found = cursor.fetchone()
        return None if found is None else int(found[0].split()[0])


def test_an_import_refreshes_the_query_planners_statistics(
    world: World, spells_file: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """After a bulk load the planner must know the tables' sizes, or it plans from empty
    statistics (seen: a 2 s nested loop on the worklist)."""
    table = SicknessSpell._meta.db_table
    with django_capture_on_commit_callbacks(execute=True):
        import_files(world.admin, {"sickness_spells": spells_file})
    assert SicknessSpell.objects.count() == 2
    assert _planner_row_count(table) == 2
