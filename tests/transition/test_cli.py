"""`sporskifte transition …`: the analysts' report and forecast on files, letters and the
nightly check on the database, and `manage.py transition_check`."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from typer.testing import CliRunner

from sporskifte.citizens.models import Alert
from sporskifte.cli import app
from sporskifte.transition.models import Letter, LetterBatch
from sporskifte.transition.policy import REPORT_COLUMNS
from tests.transition.conftest import Phaseout

HEADER = (
    "course_id,person_id,scheme,referral_date,start_date,planned_end_date,ended_date,end_reason,"
    "previous_benefit,birth_year,district,team,last_contact_date,next_step,next_step_decided_date"
)
COURSES = [
    "C1,P1,ressourceforloeb,2024-08-01,2024-09-01,2027-03-31,,,kontanthjaelp,1970,Valby,Team Nord,"
    "2026-10-01,,",
    "C2,P2,jobafklaringsforloeb,2026-03-01,2026-03-15,2027-09-14,,,sygedagpenge,1980,Valby,,,"
    "job,2026-06-01",
    "C3,P3,revalidering,2020-01-01,2020-02-01,2024-01-31,2024-01-31,job,none,1985,Valby,,,,",
]
HOUSEHOLDS = (
    "person_id,as_of_date,civil_status,own_assets_dkk,spouse_assets_dkk,own_monthly_income_dkk,"
    "spouse_monthly_income_dkk,children_under_18\n"
    "P1,2026-10-01,married,5000,200000,0,38000,1\n"
    "P2,2026-10-01,cohabiting,15500,900000,0,,0\n"
)
runner = CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    courses = tmp_path / "courses.csv"
    courses.write_text("\n".join([HEADER, *COURSES]) + "\n", encoding="utf-8")
    households = tmp_path / "households.csv"
    households.write_text(HOUSEHOLDS, encoding="utf-8")
    return courses, households


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_report_has_one_row_per_running_course(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "report.csv"
    result = runner.invoke(app, ["transition", "report", "--courses", str(files[0]),
                                 "--households", str(files[1]), "--date", "2026-11-23",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Wrote 2 running courses" in result.output
    rows = read(out)
    assert list(rows[0]) == list(REPORT_COLUMNS)
    by_id = {r["person_id"]: r for r in rows}
    assert by_id["P1"]["months_left"] == "4"
    assert by_id["P1"]["kontanthjaelp_precheck"] == "no"
    assert by_id["P1"]["flags"] == "ends_soon_no_next_step;likely_no_benefit_no_plan"
    assert by_id["P2"]["end_date"] == "2027-09-14"  # granted before 2027: runs to its end
    assert by_id["P2"]["kontanthjaelp_precheck"] == "yes"  # a cohabitant's fortune does not count
    assert "samlevende" in by_id["P2"]["reasons"]


def test_the_warning_months_are_an_option(files: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.csv"
    runner.invoke(app, ["transition", "report", "--courses", str(files[0]), "--households",
                        str(files[1]), "--date", "2026-11-23", "--months", "3", "--out",
                        str(out)])  # fmt: skip
    assert "ends_soon_no_next_step" not in read(out)[1]["flags"]


def test_a_bad_file_gets_the_validation_report_and_exit_code_2(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "\n".join([HEADER, COURSES[0].replace("ressourceforloeb", "ressource")]) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.csv"
    args = ["transition", "report", "--courses", str(bad), "--households", str(files[1]),
            "--date", "2026-11-23", "--out", str(out)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "scheme" in result.output
    assert "ressource" in result.output
    assert not out.exists()


def test_a_bad_date_is_named(files: tuple[Path, Path], tmp_path: Path) -> None:
    result = runner.invoke(app, ["transition", "report", "--courses", str(files[0]),
                                 "--households", str(files[1]), "--date", "23-11-2026",
                                 "--out", str(tmp_path / "r.csv")])  # fmt: skip
    assert result.exit_code != 0
    assert "23-11-2026" in result.output


def test_the_forecast_is_written_as_csv_with_its_method(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    out = tmp_path / "forecast.csv"
    result = runner.invoke(app, ["transition", "forecast", "--courses", str(files[0]),
                                 "--households", str(files[1]), "--date", "2026-11-23",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Poisson-binomial" in result.output
    # The summary on screen is in the one Danish format (month name, decimal comma, " %").
    assert "last month september 2027" in result.output
    assert "Expected without benefit: 0,9 (90 %" in result.output
    rows = read(out)
    assert rows[0] == {"month": "2026-11", "scheme": "ressourceforloeb", "stock": "1",
                       "ending": "0", "expected_without_benefit": "0.00", "low": "0",
                       "high": "0"}  # fmt: skip
    assert rows[-1]["month"] == "2027-09"  # the jobafklaringsforløb runs to its planned end


def test_letters_for_a_month_are_written_with_a_progress_bar(phaseout: Phaseout) -> None:
    result = runner.invoke(app, ["transition", "letters", "--month", "2027-03"])
    assert result.exit_code == 0, result.output
    assert "1 letters written" in result.output
    letter = Letter.objects.get()
    assert (letter.course, letter.created_by, letter.batch) == (
        phaseout.soon,
        None,
        LetterBatch.objects.get(),
    )
    assert letter.created_by_label.startswith("system (kommandolinje: ")


def test_letters_for_one_team_and_an_unknown_team(phaseout: Phaseout) -> None:
    result = runner.invoke(app, ["transition", "letters", "--month", "2026-12",
                                 "--team", "Team Nord"])  # fmt: skip
    assert "0 letters written" in result.output
    unknown = runner.invoke(app, ["transition", "letters", "--month", "2026-12",
                                  "--team", "Team Øst"])  # fmt: skip
    assert unknown.exit_code != 0
    assert "Team Øst" in unknown.output


def test_the_check_raises_the_alerts(phaseout: Phaseout) -> None:
    result = runner.invoke(app, ["transition", "check"])
    assert result.exit_code == 0, result.output
    assert Alert.objects.filter(cleared_at__isnull=True).count() > 0
    assert f"Alerts raised: {Alert.objects.count()}" in result.output


def test_the_management_command_rechecks_too(phaseout: Phaseout, capsys: object) -> None:
    call_command("transition_check")
    assert Alert.objects.filter(course=phaseout.soon, cleared_at__isnull=True).count() == 2
    call_command("transition_check")
    assert "Alerts raised: 0, cleared: 0." in capsys.readouterr().out  # type: ignore[attr-defined]


def test_the_flags_move_with_the_calendar(phaseout: Phaseout) -> None:
    import time_machine

    call_command("transition_check")
    assert not Alert.objects.filter(course=phaseout.planned, code="ends_soon_no_next_step")
    with time_machine.travel(date(2028, 1, 15)):
        from sporskifte.citizens.models import Course

        Course.objects.filter(pk=phaseout.planned.pk).update(next_step="")
        call_command("transition_check")
    assert Alert.objects.filter(course=phaseout.planned, code="ends_soon_no_next_step",
                                cleared_at__isnull=True).exists()  # fmt: skip


def test_the_report_writes_formula_like_values_as_text(tmp_path: Path) -> None:
    courses = tmp_path / "courses.csv"
    hostile = [
        COURSES[0].replace("C1,P1,", "=1+2,@SUM(A1),", 1),
        COURSES[1].replace("C2,P2,", "-3+4,+P2,", 1),
    ]
    courses.write_text("\n".join([HEADER, *hostile]) + "\n", encoding="utf-8")
    households = tmp_path / "households.csv"
    households.write_text(
        HOUSEHOLDS.replace("\nP1,", "\n@SUM(A1),").replace("\nP2,", "\n+P2,"), encoding="utf-8"
    )
    out = tmp_path / "report.csv"
    result = runner.invoke(app, ["transition", "report", "--courses", str(courses),
                                 "--households", str(households), "--date", "2026-11-23",
                                 "--out", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = read(out)
    assert {(r["person_id"], r["course_id"]) for r in rows} == {
        ("'@SUM(A1)", "'=1+2"),
        ("'+P2", "'-3+4"),
    }
    assert {r["months_left"] for r in rows} == {"4", "9"}  # numbers stay numbers
    for line in out.read_text(encoding="utf-8").splitlines()[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line.split(",")), line
