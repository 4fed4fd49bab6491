"""The phase-out's named actions, on a real database: permission, one transaction, audit
entry, flags re-checked."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from pypdf import PdfReader

from sporskifte.audit.actions import ActionRefused, system
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.models import Alert, Course
from sporskifte.transition import actions, flags
from sporskifte.transition.actions import GrantInput
from sporskifte.transition.facts import assess_one
from sporskifte.transition.models import CourseGrant, Letter, NextStepDecision
from sporskifte.transition.policy import CLOSED_REFERRAL, ENDS_SOON, NO_BENEFIT, NO_CONTACT
from tests.transition.conftest import Phaseout


def open_codes(course: Course) -> set[str]:
    return set(
        Alert.objects.filter(course=course, cleared_at__isnull=True).values_list("code", flat=True)
    )


def pdf_text(letter: Letter) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(letter.pdf))).pages)


# --- flags as alerts ---------------------------------------------------------------------------


def test_rechecking_raises_each_flag_as_an_alert_naming_its_rule(phaseout: Phaseout) -> None:
    result = actions.recheck_flags(system("test"))
    assert open_codes(phaseout.soon) == {ENDS_SOON, NO_BENEFIT}
    assert open_codes(phaseout.planned) == {NO_CONTACT}
    assert open_codes(phaseout.syd) == set()  # a jobafklaringsforløb runs to Sep 2027
    alert = Alert.objects.get(course=phaseout.soon, code=ENDS_SOON)
    assert alert.rule.startswith("T1 ")
    assert "Lov nr. 1750" in alert.rule
    assert alert.person == phaseout.world.person_nord
    assert alert.due == date(2027, 3, 31)
    assert Alert.objects.get(course=phaseout.soon, code=NO_BENEFIT).provisional
    assert result.raised == Alert.objects.count()
    assert LogEntry.objects.filter(action="transition.recheck").count() == 1


def test_rechecking_twice_changes_nothing(phaseout: Phaseout) -> None:
    actions.recheck_flags(system("test"))
    again = actions.recheck_flags(system("test"))
    assert (again.raised, again.cleared) == (0, 0)


def test_an_ended_course_has_its_flags_cleared(phaseout: Phaseout) -> None:
    actions.recheck_flags(system("test"))
    Course.objects.filter(pk=phaseout.soon.pk).update(
        ended_date=date(2026, 11, 20), end_reason="job"
    )
    result = actions.recheck_flags(system("test"))
    assert result.cleared == 2
    assert open_codes(phaseout.soon) == set()


def test_only_an_administrator_or_the_command_line_rechecks_everything(phaseout: Phaseout) -> None:
    with pytest.raises(PermissionDenied):
        actions.recheck_flags(phaseout.world.team_leader)
    assert actions.recheck_flags(phaseout.world.admin).raised > 0


def test_flags_are_rechecked_after_an_import_of_courses(
    phaseout: Phaseout, tmp_path: object, django_capture_on_commit_callbacks: object
) -> None:
    from pathlib import Path

    from sporskifte.citizens.imports import import_files

    folder = Path(str(tmp_path))
    courses = folder / "courses.csv"
    courses.write_text(
        "course_id,person_id,scheme,referral_date,start_date,planned_end_date,ended_date,"
        "end_reason,previous_benefit,birth_year,district,team,last_contact_date,next_step,"
        "next_step_decided_date\n"
        "C-NEW,PNEW,ressourceforloeb,2024-08-01,2024-09-01,2027-01-31,,,none,1970,Valby,,"
        "2026-11-01,,\n",
        encoding="utf-8",
    )
    households = folder / "households.csv"
    households.write_text(
        "person_id,as_of_date,civil_status,own_assets_dkk,spouse_assets_dkk,"
        "own_monthly_income_dkk,spouse_monthly_income_dkk,children_under_18\n"
        "PNEW,2026-11-01,single,100000,,0,,0\n",
        encoding="utf-8",
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:  # type: ignore[operator]
        import_files(phaseout.world.admin, {"courses": courses, "households": households})
    assert len(callbacks) == 1  # once per import, not once per table
    new = Course.objects.get(course_id="C-NEW")
    assert open_codes(new) == {ENDS_SOON, NO_BENEFIT}


# --- deciding the next step ------------------------------------------------------------------


def test_deciding_the_next_step_updates_the_course_audits_and_clears_the_flags(
    phaseout: Phaseout,
) -> None:
    flags.sync_all()
    decision = actions.decide_next_step(
        phaseout.world.caseworker, phaseout.soon.pk, next_step="selvforsoergende",
        decided_on=date(2026, 11, 20), reason="Ægtefællen forsørger; aftalt indsats.",
    )  # fmt: skip
    course = Course.objects.get(pk=phaseout.soon.pk)
    in_force = assess_one(course).facts
    decided = (in_force.next_step, in_force.next_step_decided_date)
    assert decided == ("selvforsoergende", date(2026, 11, 20))
    assert course.next_step == ""  # the register's column is not the caseworker's to write
    assert decision.decided_by == phaseout.world.caseworker
    assert open_codes(course) == set()
    entry = LogEntry.objects.get(action="transition.decide_next_step")
    assert entry.detail["next_step"] == ["", "selvforsoergende"]
    assert entry.actor_label == "sara"


def test_a_later_decision_replaces_the_earlier_one_and_both_are_kept(phaseout: Phaseout) -> None:
    for step in ("kontanthjaelp", "fleksjob"):
        actions.decide_next_step(phaseout.world.caseworker, phaseout.soon.pk, next_step=step,
                                 decided_on=date(2026, 11, 20), reason="Samtale")  # fmt: skip
    assert assess_one(Course.objects.get(pk=phaseout.soon.pk)).facts.next_step == "fleksjob"
    assert NextStepDecision.objects.filter(course=phaseout.soon).count() == 2


def test_a_kontanthjaelp_plan_for_someone_likely_without_it_keeps_the_benefit_flag(
    phaseout: Phaseout,
) -> None:
    actions.decide_next_step(phaseout.world.caseworker, phaseout.soon.pk,
                             next_step="kontanthjaelp", decided_on=date(2026, 11, 20),
                             reason="Søger kontanthjælp")  # fmt: skip
    assert open_codes(phaseout.soon) == {NO_BENEFIT}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"reason": "  "}, "begrundelse"),
        ({"decided_on": date(2026, 11, 24)}, "Beslutningsdatoen"),
        ({"decided_on": date(2024, 2, 29)}, "Beslutningsdatoen"),
        ({"next_step": "lottery"}, "Ukendt"),
    ],
)
def test_a_decision_needs_a_known_step_a_reason_and_a_sensible_date(
    phaseout: Phaseout, fields: dict[str, object], message: str
) -> None:
    data: dict[str, object] = {"next_step": "job", "decided_on": date(2026, 11, 20),
                               "reason": "Aftalt"}  # fmt: skip
    data.update(fields)
    with pytest.raises(ActionRefused, match=message):
        actions.decide_next_step(phaseout.world.caseworker, phaseout.soon.pk, **data)  # type: ignore[arg-type]
    assert not NextStepDecision.objects.exists()


def test_another_teams_course_is_not_found_and_an_analyst_may_not_decide(
    phaseout: Phaseout,
) -> None:
    kwargs = {"next_step": "job", "decided_on": date(2026, 11, 20), "reason": "x"}
    with pytest.raises(Http404):
        actions.decide_next_step(phaseout.world.caseworker, phaseout.syd.pk, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        actions.decide_next_step(phaseout.world.analyst, phaseout.soon.pk, **kwargs)  # type: ignore[arg-type]
    with pytest.raises(PermissionDenied):
        actions.decide_next_step(phaseout.world.admin, phaseout.soon.pk, **kwargs)  # type: ignore[arg-type]


# --- the referral ban ------------------------------------------------------------------------


def grant(scheme: str, referral: date, start: date, end: date) -> GrantInput:
    return GrantInput(scheme, referral, start, end, "kontanthjaelp")


@pytest.mark.parametrize("scheme", ["ressourceforloeb", "revalidering"])
def test_a_grant_dated_from_1_february_2026_is_refused_recorded_audited_and_flagged(
    phaseout: Phaseout, scheme: str
) -> None:
    result = actions.grant_course(
        phaseout.world.caseworker, phaseout.jonas.pk,
        grant(scheme, date(2026, 2, 1), date(2026, 3, 1), date(2027, 2, 28)),
    )  # fmt: skip
    assert result.outcome == CourseGrant.Outcome.REFUSED
    assert result.course is None
    assert "1. februar 2026" in result.reasons[0]["text"]
    assert result.reasons[0]["rule"].startswith("Lov nr. 1750")
    assert result.reasons[0]["source"].startswith("https://")
    assert not Course.objects.filter(person=phaseout.jonas, scheme=scheme,
                                     referral_date=date(2026, 2, 1)).exists()  # fmt: skip
    entry = LogEntry.objects.get(action="transition.grant_refused")
    assert entry.detail["scheme"] == scheme
    assert open_codes(phaseout.planned) >= {CLOSED_REFERRAL}


@pytest.mark.parametrize("scheme", ["ressourceforloeb", "revalidering"])
def test_a_grant_dated_31_january_2026_creates_the_course(phaseout: Phaseout, scheme: str) -> None:
    result = actions.grant_course(
        phaseout.world.caseworker, phaseout.jonas.pk,
        grant(scheme, date(2026, 1, 31), date(2026, 2, 15), date(2027, 2, 14)),
    )  # fmt: skip
    assert result.outcome == CourseGrant.Outcome.GRANTED
    course = result.course
    assert course is not None
    assert (course.person, course.scheme, course.person_key) == (
        phaseout.jonas,
        scheme,
        phaseout.jonas.pseudonym,
    )
    assert course.team_name == "Team Nord"
    assert course.birth_year == 1985
    assert LogEntry.objects.filter(action="transition.grant", object_id=str(course.pk)).exists()


def test_a_jobafklaringsforloeb_is_refused_from_2027_on_a_provisional_rule(
    phaseout: Phaseout,
) -> None:
    refused = actions.grant_course(
        phaseout.world.caseworker, phaseout.jonas.pk,
        grant("jobafklaringsforloeb", date(2027, 1, 1), date(2027, 1, 2), date(2027, 6, 30)),
    )  # fmt: skip
    assert refused.outcome == CourseGrant.Outcome.REFUSED
    assert refused.reasons[0]["provisional"] is True
    allowed = actions.grant_course(
        phaseout.world.caseworker, phaseout.jonas.pk,
        grant("jobafklaringsforloeb", date(2026, 11, 20), date(2026, 11, 23), date(2026, 12, 31)),
    )  # fmt: skip
    assert allowed.outcome == CourseGrant.Outcome.GRANTED


def test_a_refused_grant_is_resolved_by_deciding_a_next_step(phaseout: Phaseout) -> None:
    actions.grant_course(
        phaseout.world.caseworker, phaseout.world.person_nord.pk,
        grant("ressourceforloeb", date(2026, 3, 1), date(2026, 3, 2), date(2027, 3, 1)),
    )  # fmt: skip
    assert CLOSED_REFERRAL in open_codes(phaseout.soon)
    actions.decide_next_step(phaseout.world.caseworker, phaseout.soon.pk, next_step="fleksjob",
                             decided_on=date(2026, 11, 23), reason="Visiteret")  # fmt: skip
    assert CLOSED_REFERRAL not in open_codes(phaseout.soon)
    assert CourseGrant.objects.get().resolved_at is not None


def test_a_refusal_for_a_person_without_a_running_course_flags_the_person(
    phaseout: Phaseout,
) -> None:
    from tests.conftest import make_person

    lone = make_person("0303751236", "Lone Berg", "Valby", phaseout.world.nord)
    actions.grant_course(
        phaseout.world.caseworker, lone.pk,
        grant("revalidering", date(2026, 5, 1), date(2026, 5, 2), date(2027, 5, 1)),
    )  # fmt: skip
    alert = Alert.objects.get(person=lone, course__isnull=True, cleared_at__isnull=True)
    assert alert.code == CLOSED_REFERRAL
    assert "revalidering" in alert.rule
    assert actions.recheck_flags(system("test")).cleared == 0  # the nightly check keeps it open


def test_granting_for_another_teams_person_is_not_found(phaseout: Phaseout) -> None:
    with pytest.raises(Http404):
        actions.grant_course(
            phaseout.world.caseworker, phaseout.world.person_syd.pk,
            grant("revalidering", date(2026, 1, 5), date(2026, 1, 6), date(2027, 1, 5)),
        )  # fmt: skip
    assert not CourseGrant.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (grant("revalidering", date(2026, 1, 5), date(2026, 1, 4), date(2027, 1, 5)),
         "Startdatoen"),
        (grant("revalidering", date(2026, 1, 5), date(2026, 1, 6), date(2026, 1, 6)), "slutdato"),
        (grant("ressourceforloeb", date(2012, 1, 5), date(2012, 1, 6), date(2013, 1, 5)),
         "fandtes ikke"),
        (grant("revalidering", date(1900, 1, 5), date(2012, 1, 6), date(2013, 1, 5)), "1980"),
        (grant("ressourceforloeb", date(2025, 1, 5), date(2025, 2, 1), date(2028, 2, 1)),
         "længste varighed"),
    ],
)  # fmt: skip
def test_malformed_grants_are_refused_without_a_record(
    phaseout: Phaseout, data: GrantInput, message: str
) -> None:
    with pytest.raises(ActionRefused, match=message):
        actions.grant_course(phaseout.world.caseworker, phaseout.jonas.pk, data)
    assert not CourseGrant.objects.exists()


# --- letters -----------------------------------------------------------------------------------


def test_a_letter_is_a_pdf_in_plain_danish_kept_on_the_case_file(phaseout: Phaseout) -> None:
    letter = actions.generate_letter(phaseout.world.caseworker, phaseout.soon.pk)
    assert bytes(letter.pdf).startswith(b"%PDF")
    text = pdf_text(letter)
    assert "Dit ressourceforløb slutter den 31. marts 2027" in text
    assert "sandsynligvis ikke kan få kontanthjælp" in text
    assert "31.000 kr." in text  # the reason, with the couple's asset limit
    assert "Jobcenter København, Team Nord" in text
    assert "Mette Jensen" in text
    assert "0101901234" not in text
    assert "010190-1234" not in text
    assert (letter.person, letter.end_date, letter.precheck) == (
        phaseout.world.person_nord,
        date(2027, 3, 31),
        "no",
    )
    entry = LogEntry.objects.get(action="transition.letter")
    assert entry.detail["sha256"] == letter.sha256


def test_the_letter_states_a_decided_next_step(phaseout: Phaseout) -> None:
    text = pdf_text(actions.generate_letter(phaseout.world.caseworker, phaseout.planned.pk))
    assert "Din revalidering slutter den 30. juni 2028" in text
    assert "dit næste skridt er: Fleksjob" in text


def test_no_letter_for_a_person_missing_from_the_register(phaseout: Phaseout) -> None:
    with pytest.raises(ActionRefused, match="personregistret"):
        actions.generate_letter(system("test"), phaseout.unknown.pk)


def test_a_months_batch_writes_a_letter_to_everyone_in_the_team_ending_then(
    phaseout: Phaseout,
) -> None:
    batch = actions.start_letter_batch(phaseout.world.team_leader, date(2027, 3, 1))
    assert batch.course_ids == [phaseout.soon.pk]
    step = actions.run_letter_batch(phaseout.world.team_leader, batch.pk, size=5)
    assert step.batch.is_finished
    assert [letter.course for letter in step.made] == [phaseout.soon]
    assert step.made[0].batch == batch
    other_team = actions.start_letter_batch(system("test"), date(2027, 9, 1))
    assert other_team.course_ids == [phaseout.syd.pk]  # the command line sees every team


def test_a_caseworker_may_not_start_a_batch(phaseout: Phaseout) -> None:
    with pytest.raises(PermissionDenied):
        actions.start_letter_batch(phaseout.world.caseworker, date(2027, 3, 1))


def test_a_letter_about_a_jobafklaringsforloeb_granted_before_2027_gives_its_planned_end(
    phaseout: Phaseout,
) -> None:
    # The 2027 law stops new jobafklaringsforløb; one granted in 2026 runs to its planned end.
    text = pdf_text(actions.generate_letter(system("test"), phaseout.syd.pk))
    assert "Dit jobafklaringsforløb slutter den 14. september 2027" in text
    assert "endnu ikke er endeligt vedtaget" not in text
    assert "Venlig hilsen\nTeam Syd" in text
