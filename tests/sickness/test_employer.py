"""The employer's part of a case: the page behind their link, the return-to-work plan, the
company consultant's list of small workplaces, and the letter to the employer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from sporskifte.accounts.models import Role, User
from sporskifte.audit.actions import ActionRefused
from sporskifte.audit.models import LogEntry
from sporskifte.rules.employer import employee_name
from sporskifte.sickness import actions, employer
from sporskifte.sickness.actions import PlanInput, PlanWeek
from sporskifte.sickness.models import Screening, SpellCase, WorkplaceContact
from tests.conftest import World, make_user
from tests.sickness.conftest import APPLICATION, ON, submit
from tests.sickness.test_workflow_pages import FORM

PLAN = PlanInput(
    weeks=(PlanWeek(1, 10, "Lettere opgaver"), PlanWeek(2, 20, ""), PlanWeek(3, None, "Kunder")),
    adjustments="Hjemmearbejde to dage om ugen",
    contact_name="Lone Bager",
    contact_phone="12345678",
    cvr="13585628",
)


def test_the_employee_is_named_as_the_citizen_chose_first_name_and_initials_by_default() -> None:
    assert employee_name("Mette Birgitte Jensen") == "Mette B. J."
    assert employee_name("Mette Birgitte Jensen", "first_name_initials") == "Mette B. J."
    assert employee_name("Mette Birgitte Jensen", "full_name") == "Mette Birgitte Jensen"
    assert employee_name("mette birgitte jensen", "initials") == "M. B. J."
    assert employee_name("Ali") == "Ali"
    assert employee_name("  ", "full_name") == "Medarbejderen"


SHOWN = {
    "full_name": ("Mette Birgitte Jensen", []),
    "first_name_initials": ("Mette B. J.", ["Birgitte", "Jensen"]),
    "initials": ("M. B. J.", ["Mette", "Birgitte", "Jensen"]),
}


@pytest.mark.parametrize("shown", list(SHOWN))
def test_the_employers_pages_name_the_employee_as_the_citizen_chose(
    routes: World, shown: str
) -> None:
    expected, hidden = SHOWN[shown]
    case = submit(cpr="2002851239", name="Mette Birgitte Jensen", employee_name_shown=shown)
    case.refresh_from_db()
    assert case.employee_name_shown == shown
    for name in ("employer-plan", "employer-form"):
        html = Client().get(reverse(name, args=[case.employer_token])).content.decode()
        assert expected in html
        for word in hidden:
            assert word not in html
        assert case.person.cpr[:6] not in html
        assert "Dårligt" not in html  # the citizen's self-rated health stays with the municipality
    opened = LogEntry.objects.get(action="spell.open", object_id=str(case.pk))
    assert opened.detail["employee_name_shown"] == shown


def test_the_citizens_form_stores_the_choice_on_the_case_through_the_application(
    routes: World,
) -> None:
    caseworker = Client()  # a paper application: the case opens at once
    caseworker.force_login(routes.caseworker)
    answers = {**FORM, "cpr": "200285-1239", "name": "Mette Birgitte Jensen",
               "employee_name_shown": "initials"}  # fmt: skip
    response = caseworker.post(reverse("sickness-form"), answers)
    assert response.status_code == 302
    case = SpellCase.objects.get()
    assert case.employee_name_shown == "initials"
    receipt = caseworker.get(response["Location"]).content.decode()
    assert 'id="employee-name-shown">M. B. J.</dd>' in receipt
    page = caseworker.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "M. B. J. (kun initialer, borgerens valg)" in page


def test_the_form_offers_the_three_choices_with_the_default_chosen_and_keeps_it_unanswered(
    routes: World,
) -> None:
    html = Client().get(reverse("sickness-form")).content.decode()
    assert "Hvordan må din arbejdsgiver se dit navn?" in html
    assert 'value="first_name_initials" checked' in html
    assert html.count('name="employee_name_shown"') == 3
    caseworker = Client()
    caseworker.force_login(routes.caseworker)
    caseworker.post(reverse("sickness-form"), FORM)
    assert SpellCase.objects.get().employee_name_shown == "first_name_initials"


def test_an_unknown_choice_is_refused_by_the_form_and_by_the_action(routes: World) -> None:
    caseworker = Client()
    caseworker.force_login(routes.caseworker)
    response = caseworker.post(reverse("sickness-form"), {**FORM, "employee_name_shown": "cpr"})
    assert response.status_code == 400
    with pytest.raises(ActionRefused):
        submit(employee_name_shown="cpr")
    assert not SpellCase.objects.exists()


def test_a_held_application_keeps_the_choice_until_the_caseworker_matches_it(
    routes: World,
) -> None:
    held = actions.hold_application(
        None, replace(APPLICATION, employee_name_shown="full_name"), on=ON
    )
    case = actions.match_held_application(
        routes.caseworker, held.pk, cpr=APPLICATION.cpr, note="Ringet op", on=ON
    )
    assert case.employee_name_shown == "full_name"
    html = Client().get(reverse("employer-plan", args=[case.employer_token])).content.decode()
    assert "Mette Jensen" in html


def test_the_employers_page_shows_duties_with_dates_and_the_employee_but_no_cpr(
    routes: World,
) -> None:
    case = submit()
    page = Client().get(reverse("employer-plan", args=[case.employer_token]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Mette J." in html
    assert "Mette Jensen" not in html
    assert case.person.cpr not in html
    assert case.person.cpr[:6] not in html
    assert "Hold en sygefraværssamtale: senest 7. december 2026" in html  # onset 9 Nov 2026
    assert "Sygedagpengeloven § 7 a" in html
    assert "no-store" in page["Cache-Control"]
    assert "private" in page["Cache-Control"]
    assert LogEntry.objects.filter(action="employer.view", object_id=str(case.pk)).exists()


def test_an_unknown_or_closed_link_shows_nothing(routes: World) -> None:
    case = submit()
    assert Client().get(reverse("employer-plan", args=["not-a-token"])).status_code == 404
    actions.record_return(routes.caseworker, case.pk, ON + timedelta(days=5), on=ON + timedelta(5))
    assert Client().get(reverse("employer-plan", args=[case.employer_token])).status_code == 404


def test_a_plan_with_a_partial_return_is_stored_and_rescreens_the_case(routes: World) -> None:
    case = submit(partial_sick_leave=False)
    before = case.screenings.count()
    plan = actions.submit_return_plan(None, case.employer_token, PLAN, on=ON)
    case.refresh_from_db()
    assert plan.partial_return
    assert plan.weeks[0] == {
        "week": 1,
        "hours": 10,
        "tasks": "Lettere opgaver",
    }
    assert case.employer_cvr == "13585628"
    assert case.spell.partial_sick_leave is True
    assert case.screenings.count() == before + 1
    assert case.current_screening.trigger == Screening.Trigger.EMPLOYER
    entry = LogEntry.objects.get(action="employer.return_plan")
    assert entry.detail == {"weeks": 3, "partial_return": True, "cvr_given": True}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"cvr": "12345678"}, "CVR-nummeret er ikke gyldigt"),
        ({"weeks": ()}, "mindst én uge"),
        ({"contact_name": " "}, "kontaktperson"),
        ({"weeks": (PlanWeek(1, 80, ""),)}, "mellem 0 og 60"),
        ({"weeks": (PlanWeek(1, None, " "),)}, "Uge 1: skriv timer eller opgaver"),
    ],
)
def test_a_bad_plan_is_refused_in_danish_and_nothing_is_stored(
    routes: World, changes: dict[str, object], message: str
) -> None:
    from dataclasses import replace

    case = submit()
    with pytest.raises(ActionRefused, match=message):
        actions.submit_return_plan(None, case.employer_token, replace(PLAN, **changes), on=ON)
    assert not case.return_plans.exists()


def test_the_plan_form_posts_and_the_caseworker_sees_the_plan(routes: World) -> None:
    case = submit()
    url = reverse("employer-plan", args=[case.employer_token])
    bad = Client().post(url, {"contact_name": "", "hours_1": "500"})
    assert bad.status_code == 400
    assert "Skriv navnet på en kontaktperson." in bad.content.decode()
    data = {"contact_name": "Lone Bager", "hours_1": "8", "tasks_2": "Lettere opgaver"}
    done = Client().post(url, data)
    assert done.status_code == 302
    client = Client()
    client.force_login(routes.caseworker)
    html = client.get(reverse("case-detail", args=[case.pk])).content.decode()
    assert "Arbejdsgiverens plan for tilbagevenden" in html
    assert "Lone Bager" in html
    assert "Lettere opgaver" in html


def _consultant(world: World) -> object:
    found = User.objects.filter(username="kaj").first()
    return found or make_user("kaj", Role.COMPANY_CONSULTANT, world.nord)


def test_the_consultant_sees_small_workplaces_by_need_and_not_large_ones(routes: World) -> None:
    overdue = submit(employer_name="Bageriet ApS", employer_size="1-9", expected_return_weeks=30,
                     onset_date=ON - timedelta(days=40), wants_return_plan=False)  # fmt: skip
    submit(cpr="1502851235", name="Ahmed Ali", employer_name="Stort Firma A/S",
           employer_size="250+", expected_return_weeks=30, wants_return_plan=True)  # fmt: skip
    requested = submit(
        cpr="0202851237", name="Jonas Holm", employer_name="Cykelværkstedet",
        employer_size="10-49", expected_return_weeks=4, wants_return_plan=True,
    )  # fmt: skip
    places = actions.workplaces(_consultant(routes), on=ON)
    names = [p.name for p in places]
    assert "Stort Firma A/S" not in names
    assert names.index("Bageriet ApS") < names.index("Cykelværkstedet")  # overdue plan first
    bageri = places[names.index("Bageriet ApS")]
    assert bageri.plan_overdue == 1
    assert bageri.earliest_due == overdue.spell.onset_date + timedelta(28)
    assert places[names.index("Cykelværkstedet")].plan_requested == 1
    assert bageri.employees == ["Mette J."]
    actions.submit_return_plan(None, requested.employer_token, PLAN, on=ON)
    after = [p.name for p in actions.workplaces(_consultant(routes), on=ON)]
    assert "Cykelværkstedet" not in after or any(
        p.high_risk
        for p in actions.workplaces(_consultant(routes), on=ON)
        if p.name == "Cykelværkstedet"
    )


def test_a_consultants_contact_is_an_audited_action_and_shows_on_the_list(routes: World) -> None:
    submit(employer_name="Bageriet ApS", employer_size="1-9", expected_return_weeks=30,
           onset_date=ON - timedelta(days=40))  # fmt: skip
    consultant = _consultant(routes)
    client = Client()
    client.force_login(consultant)  # type: ignore[arg-type]
    key = employer.workplace_key(
        next(c for c in employer.open_employed_cases() if c.employer_name == "Bageriet ApS")
    )
    today = date.today()
    response = client.post(
        reverse("workplaces"),
        {"key": key, "name": "Bageriet ApS", "held_on": today.isoformat(), "note": "Ringet"},
    )
    assert response.status_code == 302
    contact = WorkplaceContact.objects.get()
    assert contact.recorded_by == consultant
    assert contact.note == "Ringet"
    assert LogEntry.objects.filter(action="employer.workplace_contact").exists()
    html = client.get(reverse("workplaces")).content.decode()
    assert "Bageriet ApS" in html
    assert "Sygemeldte: Mette J." in html


def test_only_consultants_and_team_leaders_see_the_workplace_list(routes: World) -> None:
    with pytest.raises(PermissionDenied):
        actions.workplaces(routes.caseworker)
    with pytest.raises(PermissionDenied):
        actions.record_workplace_contact(routes.analyst, key="x", name="x", held_on=ON, note="")
    consultant = Client()
    consultant.force_login(_consultant(routes))  # type: ignore[arg-type]
    assert consultant.get(reverse("person-search")).status_code == 403  # no person register


def test_the_letter_to_the_employer_is_one_page_with_the_deadlines(routes: World) -> None:
    case = submit()
    client = Client()
    client.force_login(routes.caseworker)
    response = client.get(reverse("employer-letter", args=[case.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "7. december 2026" in text
    assert "Mette J." in text
    assert len(reader.pages) <= 2
    assert LogEntry.objects.filter(action="employer.letter", object_id=str(case.pk)).exists()
    other = Client()
    other.force_login(routes.caseworker_syd)
    assert other.get(reverse("employer-letter", args=[case.pk])).status_code == 404


def test_every_employer_view_is_in_the_audit_log(routes: World) -> None:
    case = submit()
    for name in ("employer-form", "employer-plan"):
        Client().get(reverse(name, args=[case.employer_token]))
    entries = LogEntry.objects.filter(action="employer.view", object_id=str(case.pk))
    assert entries.count() == 2
    assert {e.actor_label for e in entries} == {"arbejdsgiver (digital blanket)"}


def test_the_letter_and_the_consultants_list_name_the_employee_as_the_citizen_chose(
    routes: World,
) -> None:
    case = submit(employer_size="1-9", onset_date=ON - timedelta(days=40),
                  employee_name_shown="initials")  # fmt: skip
    client = Client()
    client.force_login(routes.caseworker)
    letter = client.get(reverse("employer-letter", args=[case.pk]))
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(letter.content)).pages)
    assert "M. J." in text
    assert "Mette" not in text
    consultant = Client()
    consultant.force_login(_consultant(routes))  # type: ignore[arg-type]
    html = consultant.get(reverse("workplaces")).content.decode()
    assert "Sygemeldte: M. J." in html
    assert "Mette" not in html
