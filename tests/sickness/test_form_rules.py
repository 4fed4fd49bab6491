"""The citizen's and the employer's forms hold up: an implausible age is refused at the field
with a Danish message (from every door), "(frivilligt)" marks exactly the optional fields,
over-long text gets one message, the receipt gives the employer's address to copy, and the
employer's form names the employee and replaces an earlier answer only when confirmed."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sporskifte.audit.actions import ActionRefused, StateConflict
from sporskifte.audit.models import LogEntry
from sporskifte.rules import plausibility
from sporskifte.sickness import actions
from sporskifte.sickness.models import SpellCase
from tests.conftest import World
from tests.sickness.conftest import submit
from tests.sickness.test_workflow_pages import FORM

pytestmark = pytest.mark.django_db


def _post(**changes: str) -> Any:
    return Client().post(reverse("sickness-form"), {**FORM, **changes})


def _errors(response: Any, field: str) -> list[str]:
    return list(response.context["form"].errors.get(field, []))


def _label(html: str, text: str) -> str:
    """The label (or legend) element that starts with `text`, as HTML."""
    match = re.search(rf"<(label|legend)[^>]*>{re.escape(text)}.*?</\1>", html, re.S)
    assert match, text
    return match.group(0)


def test_an_employed_six_year_old_is_refused_at_the_situation_question(routes: World) -> None:
    six_years_old = (date.today() - timedelta(days=6 * 365 + 30)).strftime("%d%m%y") + "4000"
    response = _post(cpr=six_years_old)
    assert response.status_code == 400
    [message] = _errors(response, "employment_status")
    assert "var du 6 år" in message
    assert "Børn under 13 år må ikke være ansat" in message
    assert SpellCase.objects.count() == 0


def test_a_child_in_another_situation_is_refused_at_the_first_day_of_sickness(
    routes: World,
) -> None:
    ten_years_old = (date.today() - timedelta(days=10 * 365 + 30)).strftime("%d%m%y") + "4000"
    response = _post(cpr=ten_years_old, employment_status="unemployed", employer_name="")
    [message] = _errors(response, "onset_date")
    assert "var du 10 år" in message
    assert "under 13 år" in message


def test_a_96_year_old_is_refused_as_over_the_pension_age(routes: World) -> None:
    response = _post(cpr="0101301230")  # born 1 January 1930
    [message] = _errors(response, "onset_date")
    assert "var du 96 år" in message
    assert "folkepensionsalderen (65 år for dig)" in message


def test_working_age_is_accepted_up_to_the_day_before_the_pension_age() -> None:
    birth = date(1960, 5, 10)  # pension age 67 (lov om social pension § 1 a)
    assert plausibility.pension_date(birth) == date(2027, 5, 10)
    assert plausibility.age_problems(birth, date(2027, 5, 9), "employed") == []
    [problem] = plausibility.age_problems(birth, date(2027, 5, 10), "employed")
    assert problem.reason.provisional
    assert "§ 1 a" in problem.reason.rule
    assert plausibility.pension_age_months(date(1955, 3, 1)) == 66 * 12 + 6
    assert plausibility.pension_age_months(date(1970, 1, 1)) == 69 * 12
    assert plausibility.age_problems(date(2012, 1, 1), date(2025, 1, 1), "employed") == []
    [child] = plausibility.age_problems(date(2012, 1, 2), date(2025, 1, 1), "employed")
    assert child.field == "employment_status"
    assert "unges arbejde" in child.reason.rule


def test_the_action_refuses_an_implausible_age_from_any_door(routes: World) -> None:
    with pytest.raises(ActionRefused) as refused:
        submit(cpr="0101204000", onset_date=date(2026, 11, 9))  # six years old
    assert "Børn under 13 år" in refused.value.message
    assert refused.value.reasons[0].source.startswith("https://")


def test_optional_marks_are_exactly_on_the_optional_fields(routes: World) -> None:
    html = Client().get(reverse("sickness-form")).content.decode()
    assert "(frivilligt)" not in _label(html, "Arbejdsgiverens navn")
    assert "(frivilligt)" not in _label(html, "Hvor mange er ansat på din arbejdsplads?")
    assert "(frivilligt)" in _label(html, "Hvor mange uger regner du med at være syg i alt?")
    assert "(frivilligt)" not in _label(html, "Dit fulde navn")
    assert html.count("Skal udfyldes, hvis du er ansat.") == 2


def test_the_households_file_is_not_marked_optional_on_the_import_page(routes: World) -> None:
    client = Client()
    client.force_login(routes.admin)
    html = client.get(reverse("data-import")).content.decode()
    assert "(frivilligt)" not in _label(html, "Husstande (CSV eller Parquet)")
    assert "Skal vælges, når du indlæser forløb" in html


def test_over_long_text_gets_one_clear_message(routes: World) -> None:
    response = _post(name="x" * 5000)
    assert _errors(response, "name") == ["Teksten er for lang: skriv højst 200 tegn."]
    html = response.content.decode()
    # Once in the error summary (a link to the field) and once at the field; nothing else.
    assert html.count("Teksten er for lang") == 2
    assert 'href="#id_name"' in html


def test_the_receipt_shows_the_employers_address_to_copy(routes: World) -> None:
    caseworker = Client()  # a paper application: a case at once (a typed CPR is only held)
    caseworker.force_login(routes.caseworker)
    response = caseworker.post(reverse("sickness-form"), FORM)
    receipt = caseworker.get(response["Location"]).content.decode()
    case = SpellCase.objects.get()
    address = f"http://testserver/arbejdsgiver/{case.employer_token}/"
    assert f'id="employer-address" value="{address}" readonly' in receipt
    assert "Kopiér adressen" in receipt
    assert "Bageriet ApS" in receipt


def test_the_employer_form_names_the_employee_by_first_name_and_initials(routes: World) -> None:
    case = submit(cpr="2002851239", name="Karen Marie Nielsen")
    html = Client().get(reverse("employer-form", args=[case.employer_token])).content.decode()
    assert '<dd id="employee">Karen M. N.</dd>' in html
    assert "Nielsen" not in html
    assert "Marie" not in html
    assert "I har allerede svaret" not in html


def test_a_second_employer_answer_replaces_the_first_only_when_confirmed(routes: World) -> None:
    case = submit()
    url = reverse("employer-form", args=[case.employer_token])
    assert Client().post(url, {"expected_return_weeks": "8"}).status_code == 200
    page = Client().get(url).content.decode()
    assert "I har allerede svaret" in page
    assert "er 8 uger" in page
    refused = Client().post(url, {"expected_return_weeks": "20"})
    assert refused.status_code == 400
    assert refused.context["form"].errors["confirm_replace"] == [
        "Bekræft, at det nye svar skal erstatte det tidligere."
    ]
    case.spell.refresh_from_db()
    assert case.spell.employer_expected_return_weeks == 8
    done = Client().post(url, {"expected_return_weeks": "20", "confirm_replace": "on"})
    assert "har erstattet jeres tidligere svar (8 uger)" in done.content.decode()
    case.spell.refresh_from_db()
    assert case.spell.employer_expected_return_weeks == 20
    entry = LogEntry.objects.filter(action="spell.employer_expectation").latest("pk")
    assert entry.detail == {"weeks": 20, "replaces": 8}
    with pytest.raises(StateConflict):
        actions.submit_employer_statement(None, case.employer_token, 10)
