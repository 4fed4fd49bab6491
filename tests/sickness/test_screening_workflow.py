"""The screening workflow's actions: an application is stored and screened at once, a
caseworker confirms or overrides with a reason (a stored review state), contacts are planned
from the rules, recorded and moved with a reason; everything is permission-checked and
audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from sporskifte.audit.actions import ActionRefused, StateConflict
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.models import Contact, Person, SicknessSpell
from sporskifte.sickness import actions
from sporskifte.sickness.models import ContactDue, Review, Screening, SpellCase, Track
from tests.conftest import World
from tests.sickness.conftest import ON, submit

pytestmark = pytest.mark.django_db


def test_an_application_creates_the_spell_and_screens_it_at_once(routes: World) -> None:
    case = submit()
    spell = SicknessSpell.objects.get()
    assert case.spell == spell
    assert case.person == routes.person_nord
    assert spell.person_key == routes.person_nord.pseudonym
    assert (spell.birth_year, spell.sex, spell.ended) == (1990, "F", False)
    screening = case.current_screening
    assert screening is not None
    assert screening.review.state == Review.State.AWAITING
    assert case.track == screening.proposed_track == Track.INTERDISCIPLINARY
    assert LogEntry.objects.filter(
        action="spell.open", actor_label="borger (digital blanket)"
    ).exists()


def test_without_a_model_the_screening_says_it_used_the_rules_only(routes: World) -> None:
    screening = submit().current_screening
    assert screening is not None
    assert screening.mode == Screening.Mode.RULES_ONLY
    assert screening.p_long is None
    assert screening.model_version == ""
    texts = [r["text"] for r in screening.reasons]
    assert "Den sygemeldte forventer fravær i 30 uger, ikke under 26 uger." in texts
    assert all(r["rule"] for r in screening.reasons)


def test_the_inputs_are_kept_on_the_screening_as_they_were(routes: World) -> None:
    case = submit()
    screening = case.current_screening
    assert screening is not None
    assert screening.inputs["expected_return_weeks"] == 30
    assert screening.inputs["onset_date"] == "2026-11-09"
    assert "origin" not in screening.inputs
    case.spell.expected_return_weeks = 4
    case.spell.save()
    screening.refresh_from_db()
    assert screening.inputs["expected_return_weeks"] == 30


def test_a_new_person_is_registered_with_the_team_for_their_district(routes: World) -> None:
    case = submit(cpr="2002851239", name="Ny Borger", district="Amager Vest")
    person = Person.objects.get(cpr="2002851239")
    assert case.person == person
    assert person.team == routes.syd
    assert LogEntry.objects.filter(action="person.create", object_id=str(person.pk)).exists()


def test_a_district_no_team_takes_is_refused_with_a_clear_message(routes: World) -> None:
    with pytest.raises(ActionRefused, match="Ingen team"):
        submit(cpr="2002851239", district="Valby")
    assert not SicknessSpell.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cpr": "3213901234"}, "CPR-nummeret"),
        ({"onset_date": ON + timedelta(days=1)}, "Første sygedag"),
        ({"onset_date": ON - timedelta(days=400)}, "Første sygedag"),
        ({"expected_return_weeks": 0}, "mellem 1 og 104"),
        ({"employment_status": "retired"}, "Beskæftigelsesstatus"),
    ],
)
def test_an_application_breaking_the_contract_is_refused(
    routes: World, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(ActionRefused, match=message):
        submit(**changes)
    assert not SpellCase.objects.exists()


def test_the_same_application_twice_is_refused(routes: World) -> None:
    submit()
    with pytest.raises(StateConflict):
        submit()
    assert SpellCase.objects.count() == 1


def test_a_person_not_in_a_job_has_no_employer_size(routes: World) -> None:
    case = submit(employment_status="unemployed", employer_size="10-49")
    assert case.spell.employer_size == "none"
    assert case.employer_name == ""


def test_a_caseworker_cannot_open_a_case_for_another_team(routes: World) -> None:
    with pytest.raises(PermissionDenied):
        submit(actor=routes.caseworker_syd)
    assert not SpellCase.objects.exists()


def test_an_analyst_cannot_hand_in_applications(routes: World) -> None:
    with pytest.raises(PermissionDenied):
        submit(actor=routes.analyst)


def test_the_public_form_can_be_closed(routes: World, settings: object) -> None:
    settings.CITIZEN_FORM_PUBLIC = False  # type: ignore[attr-defined]
    with pytest.raises(PermissionDenied):
        submit()


# --------------------------------------------------------------------------- review


def _review(world: World, case: SpellCase, decision: str, **kwargs: object) -> Review:
    assert case.current_screening_id is not None
    return actions.review_screening(
        world.caseworker, case.current_screening_id, decision, on=ON, **kwargs
    )


def test_confirming_keeps_the_proposed_track_and_is_audited(routes: World) -> None:
    case = submit()
    review = _review(routes, case, "confirm")
    assert review.state == Review.State.CONFIRMED
    assert review.decided_track == Track.INTERDISCIPLINARY
    assert review.decided_by == routes.caseworker
    entry = LogEntry.objects.get(action="review.confirm")
    assert entry.detail["mode"] == "rules_only"
    assert entry.detail["decided_track"] == Track.INTERDISCIPLINARY


def test_override_requires_a_reason(routes: World) -> None:
    case = submit()
    with pytest.raises(ActionRefused, match="begrundelse"):
        _review(routes, case, "override", track=Track.LIGHT, reason="  ")
    assert Review.objects.get().state == Review.State.AWAITING


def test_override_must_choose_another_track(routes: World) -> None:
    case = submit()
    with pytest.raises(ActionRefused, match="andet spor"):
        _review(routes, case, "override", track=Track.INTERDISCIPLINARY, reason="Samme")


def test_an_override_changes_the_track_and_keeps_the_reason_on_the_case(routes: World) -> None:
    case = submit()
    _review(routes, case, "override", track=Track.LIGHT, reason="Kendt, afgrænset forløb")
    case.refresh_from_db()
    assert case.track == Track.LIGHT
    review = Review.objects.get()
    assert (review.state, review.reason) == (Review.State.OVERRIDDEN, "Kendt, afgrænset forløb")
    entry = LogEntry.objects.get(action="review.override")
    assert entry.detail["proposed_track"] == Track.INTERDISCIPLINARY
    assert entry.detail["reason"] == "Kendt, afgrænset forløb"


def test_cancelling_a_review_requires_a_reason(routes: World) -> None:
    case = submit()
    with pytest.raises(ActionRefused):
        _review(routes, case, "cancel")
    review = _review(routes, case, "cancel", reason="Ansøgningen er trukket tilbage")
    assert review.state == Review.State.CANCELLED


def test_a_screening_is_decided_only_once(routes: World) -> None:
    case = submit()
    _review(routes, case, "confirm")
    with pytest.raises(StateConflict):
        _review(routes, case, "override", track=Track.LIGHT, reason="For sent")


def test_an_administrator_sees_cases_but_makes_no_decisions(routes: World) -> None:
    case = submit()
    assert case.current_screening_id is not None
    with pytest.raises(PermissionDenied):
        actions.review_screening(routes.admin, case.current_screening_id, "confirm")


def test_another_teams_screening_is_not_found(routes: World) -> None:
    case = submit()
    assert case.current_screening_id is not None
    with pytest.raises(Http404):
        actions.review_screening(routes.caseworker_syd, case.current_screening_id, "confirm")


def test_the_employers_expectation_screens_again_and_replaces_the_awaiting_review(
    routes: World,
) -> None:
    case = submit(expected_return_weeks=6)
    first = case.current_screening
    assert first is not None
    assert first.proposed_track == Track.LIGHT
    actions.submit_employer_statement(None, case.employer_token, 8, on=ON)
    case.refresh_from_db()
    second = case.current_screening
    assert second is not None
    assert second.pk != first.pk
    assert second.trigger == Screening.Trigger.EMPLOYER
    assert second.exempt
    assert second.proposed_track == Track.NONE
    first.review.refresh_from_db()
    assert first.review.state == Review.State.CANCELLED
    with pytest.raises(StateConflict, match="nyere"):
        actions.review_screening(routes.caseworker, first.pk, "confirm", on=ON)


def test_a_decided_track_stays_in_force_when_a_new_screening_arrives(routes: World) -> None:
    case = submit(expected_return_weeks=6)
    _review(routes, case, "override", track=Track.INTERDISCIPLINARY, reason="Flere problemer")
    actions.record_employer_expectation(routes.caseworker, case.pk, 8, on=ON)
    case.refresh_from_db()
    assert case.track == Track.INTERDISCIPLINARY
    assert case.current_screening is not None
    assert case.current_screening.review.state == Review.State.AWAITING


# --------------------------------------------------------------------------- contacts


def test_a_conversation_fulfils_the_laws_minimum_first(routes: World) -> None:
    case = submit(fast_track=True)
    actions.record_contact(
        routes.caseworker, case.pk, kind=Contact.Kind.MEETING, held_on=ON, note="Godt møde", on=ON
    )
    done = ContactDue.objects.get(status=ContactDue.Status.DONE)
    assert done.legal
    assert done.kind == ContactDue.Kind.FAST_TRACK
    assert done.contact == Contact.objects.get()
    assert LogEntry.objects.filter(action="contact.record").exists()


def test_a_conversation_cannot_be_recorded_in_the_future(routes: World) -> None:
    case = submit()
    with pytest.raises(ActionRefused):
        actions.record_contact(
            routes.caseworker, case.pk, kind=Contact.Kind.PHONE, held_on=ON + timedelta(1), on=ON
        )


def test_moving_a_contact_requires_a_reason_and_keeps_the_original_date(routes: World) -> None:
    case = submit()
    due = ContactDue.objects.filter(case=case, status=ContactDue.Status.PLANNED).first()
    assert due is not None
    original = due.due
    with pytest.raises(ActionRefused, match="begrundelse"):
        actions.move_contact_date(routes.caseworker, due.pk, original + timedelta(7), "", on=ON)
    moved = actions.move_contact_date(
        routes.caseworker, due.pk, original + timedelta(7), "Borgeren er indlagt", on=ON
    )
    assert (moved.due, moved.moved_from) == (original + timedelta(7), original)
    case.refresh_from_db()
    assert case.next_due == min(
        d.due for d in ContactDue.objects.filter(case=case, status=ContactDue.Status.PLANNED)
    )
    entry = LogEntry.objects.get(action="contact.move")
    assert entry.detail["reason"] == "Borgeren er indlagt"


def test_a_legal_deadline_cannot_be_passed_by_moving_a_date(routes: World) -> None:
    case = submit()
    due = ContactDue.objects.get(case=case, legal=True)
    assert due.deadline is not None
    with pytest.raises(ActionRefused, match="lovens frist"):
        actions.move_contact_date(
            routes.caseworker, due.pk, due.deadline + timedelta(1), "Ferie", on=ON
        )


def test_a_moved_date_survives_a_new_plan(routes: World) -> None:
    case = submit()
    due = ContactDue.objects.get(case=case, legal=True)
    new_date = due.due + timedelta(days=3)
    actions.move_contact_date(routes.caseworker, due.pk, new_date, "Tolk først da", on=ON)
    actions.record_extension_ground(routes.caseworker, case.pk, "behandling", on=ON)
    due.refresh_from_db()
    assert due.due == new_date


def test_return_to_work_closes_the_case_and_writes_the_outcome_back(routes: World) -> None:
    case = submit()
    actions.record_return(routes.caseworker, case.pk, date(2026, 11, 20), on=ON)
    case.refresh_from_db()
    spell = SicknessSpell.objects.get()
    assert not case.is_open
    assert (spell.ended, spell.end_reason, spell.duration_weeks) == (True, "work", 1.57)
    assert not ContactDue.objects.filter(status=ContactDue.Status.PLANNED).exists()
    assert Review.objects.get().state == Review.State.CANCELLED
    with pytest.raises(StateConflict):
        actions.screen_spell(routes.caseworker, case.pk, on=ON)


def test_viewing_a_case_and_its_case_file_is_audited(routes: World) -> None:
    case = submit()
    actions.view_case(routes.caseworker, case.pk)
    actions.view_case_file(routes.caseworker, case.pk)
    actions_logged = set(
        LogEntry.objects.filter(object_id=str(case.pk)).values_list("action", flat=True)
    )
    assert {"case.view", "case.file", "spell.open", "spell.screen"} <= actions_logged


def test_open_spells_from_the_registers_are_opened_and_screened_in_one_batch(
    routes: World,
) -> None:
    from io import StringIO

    from django.core.management import call_command

    case = submit()
    spell = SicknessSpell.objects.get(pk=case.pk)
    spell.pk, spell.spell_id, spell.person = None, "REG-1", routes.person_syd
    spell.save()
    out = StringIO()
    call_command("open_register_cases", stdout=out)
    assert "1 cases" in out.getvalue()
    opened = SpellCase.objects.get(spell__spell_id="REG-1")
    assert opened.opened_via == SpellCase.Via.REGISTER
    assert opened.current_screening is not None
    assert opened.current_screening.trigger == Screening.Trigger.REGISTER
    assert opened.current_screening.review.state == Review.State.AWAITING
    assert opened.next_due == min(d.due for d in opened.contact_plan.all())
    call_command("open_register_cases", stdout=StringIO())
    assert SpellCase.objects.count() == 2
