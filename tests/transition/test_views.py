"""The phase-out pages: what a team leader and a caseworker see and do."""

from __future__ import annotations

import base64
import csv
import io
from datetime import date

from django.urls import reverse

from sporskifte.audit.models import LogEntry
from sporskifte.citizens.models import Course
from sporskifte.transition.facts import assess_one
from sporskifte.transition.models import CourseGrant, Letter
from tests.conftest import client_for
from tests.transition.conftest import Phaseout, make_course


def test_the_overview_shows_courses_by_month_of_end_as_chart_and_table(phaseout: Phaseout) -> None:
    page = client_for(phaseout.world.team_leader).get(reverse("transition-overview"))
    html = page.content.decode()
    assert "2 igangværende forløb i Team Nord" in html
    chart = page.context["chart"]
    svg = base64.b64decode(chart.uri.split(",", 1)[1]).decode()
    assert svg.startswith("<svg")
    assert "<script" not in svg
    assert f'src="{chart.uri}"' in html
    assert "Tallene står i tabellen" in chart.alt
    months = [row[0].strftime("%Y-%m") for row in page.context["month_rows"]]
    assert months[0] == "2027-03"
    assert months[-1] == "2028-06"
    assert 'id="by-month-table"' in html


def test_each_row_shows_end_months_left_next_step_precheck_contact_and_flags(
    phaseout: Phaseout,
) -> None:
    page = client_for(phaseout.world.caseworker).get(reverse("transition-overview"))
    soon = next(i for i in page.context["items"] if i["course"].pk == phaseout.soon.pk)
    assert soon["end_date"] == date(2027, 3, 31)
    assert soon["months_left"] == 4
    assert soon["next_step"] == ""
    assert soon["precheck_label"] == "Nej"
    assert soon["last_contact"] == date(2026, 10, 1)
    assert {f.code for f in soon["flags"]} == {"ends_soon_no_next_step",
                                               "likely_no_benefit_no_plan"}  # fmt: skip
    html = page.content.decode()
    assert "Ikke besluttet" in html
    assert "Lov om aktiv socialpolitik § 14" in html  # the pre-check's rules, in the row
    assert "T1 Næste skridt besluttet i god tid" in html


def test_the_filters_narrow_the_list(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.team_leader)
    response = client.get(reverse("transition-overview"), {"within": 6, "no_next_step": "on"})
    assert [i["course"].pk for i in response.context["items"]] == [phaseout.soon.pk]
    flagged = client.get(reverse("transition-overview"), {"flag": "no_contact_12_months"})
    assert [i["course"].pk for i in flagged.context["items"]] == [phaseout.planned.pk]
    reval = client.get(reverse("transition-overview"), {"scheme": "revalidering"})
    assert [i["course"].pk for i in reval.context["items"]] == [phaseout.planned.pk]


def test_a_bad_filter_is_explained_in_danish(phaseout: Phaseout) -> None:
    response = client_for(phaseout.world.team_leader).get(
        reverse("transition-overview"), {"within": "-3"}
    )
    assert "Skriv 0 eller flere måneder." in response.content.decode()
    assert response.context["items"] == []


def test_the_list_is_paginated(phaseout: Phaseout) -> None:
    for n in range(60):
        make_course(f"C-MANY-{n:02d}", phaseout.jonas, planned_end_date=date(2027, 4, 30))
    client = client_for(phaseout.world.caseworker)
    first = client.get(reverse("transition-overview"))
    assert len(first.context["items"]) == 50
    assert "Side 1 af 2" in first.content.decode()
    second = client.get(reverse("transition-overview"), {"side": 2})
    assert len(second.context["items"]) == 12


def test_a_caseworker_decides_the_next_step_and_the_flag_clears(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.caseworker)
    url = reverse("transition-course", args=[phaseout.soon.pk])
    before = client.get(url).content.decode()
    assert "Slutter snart uden næste skridt" in before
    response = client.post(url, {"next_step": "selvforsoergende", "decided_on": "2026-11-23",
                                 "reason": "Ægtefællen forsørger"}, follow=True)  # fmt: skip
    html = response.content.decode()
    assert "Næste skridt er gemt" in html
    assert "Ingen advarsler." in html
    in_force = assess_one(Course.objects.get(pk=phaseout.soon.pk)).facts
    assert in_force.next_step == "selvforsoergende"


def test_a_decision_without_a_reason_is_explained(phaseout: Phaseout) -> None:
    url = reverse("transition-course", args=[phaseout.soon.pk])
    response = client_for(phaseout.world.caseworker).post(
        url, {"next_step": "job", "decided_on": "2026-11-23", "reason": ""}
    )
    html = response.content.decode()
    assert "Der er problemer" in html
    assert "Skriv en begrundelse for beslutningen." in html
    future = client_for(phaseout.world.caseworker).post(
        url, {"next_step": "job", "decided_on": "2026-12-24", "reason": "Aftalt"}
    )
    assert "Beslutningsdatoen skal ligge" in future.content.decode()


def test_a_letter_is_generated_from_the_course_page_and_downloaded(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.caseworker)
    client.post(reverse("transition-course-letter", args=[phaseout.soon.pk]))
    letter = Letter.objects.get()
    response = client.get(reverse("transition-letter-download", args=[letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(letter.pdf)
    assert LogEntry.objects.filter(action="transition.letter_download").count() == 1


def test_the_grant_page_refuses_a_closed_scheme_with_the_legal_reason(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.caseworker)
    url = reverse("transition-grant", args=[phaseout.jonas.pk])
    response = client.post(url, {"scheme": "ressourceforloeb", "referral_date": "2026-02-01",
                                 "start_date": "2026-03-01", "planned_end_date": "2027-02-28",
                                 "previous_benefit": "kontanthjaelp"})  # fmt: skip
    html = response.content.decode()
    assert "Forløbet kan ikke bevilges" in html
    assert "Der kan ikke visiteres til nyt ressourceforløb fra 1. februar 2026" in html
    assert "Lov nr. 1750 af 29. december 2025" in html
    assert CourseGrant.objects.get().outcome == "refused"
    jaf = client.post(url, {"scheme": "jobafklaringsforloeb", "referral_date": "2027-01-01",
                            "start_date": "2027-01-02", "planned_end_date": "2027-06-30",
                            "previous_benefit": "sygedagpenge"})  # fmt: skip
    assert "(foreløbig regel)" in jaf.content.decode()


def test_an_allowed_grant_opens_the_new_course(phaseout: Phaseout) -> None:
    url = reverse("transition-grant", args=[phaseout.jonas.pk])
    response = client_for(phaseout.world.caseworker).post(
        url, {"scheme": "revalidering", "referral_date": "2026-01-31", "start_date": "2026-02-15",
              "planned_end_date": "2027-02-14", "previous_benefit": "none"},
    )  # fmt: skip
    course = Course.objects.get(person=phaseout.jonas, scheme="revalidering",
                                referral_date=date(2026, 1, 31))  # fmt: skip
    assert response["Location"] == reverse("transition-course", args=[course.pk])


def test_the_forecast_page_has_two_charts_a_table_a_method_and_a_csv(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.team_leader)
    page = client.get(reverse("transition-forecast"))
    html = page.content.decode()
    assert page.context["stock_chart"].uri.startswith("data:image/svg+xml;base64,")
    assert page.context["benefit_chart"].uri.startswith("data:image/svg+xml;base64,")
    assert 'id="forecast-table"' in html
    assert "Poisson-binomial" in html
    # the download is for Excel: the Danish spreadsheet dialect, a month as its first day
    raw = client.get(reverse("transition-forecast-csv")).content
    assert raw.startswith(b"\xef\xbb\xbf")
    body = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body, newline=""), delimiter=";"))
    assert rows[0]["month"] == "01-11-2026"
    assert rows[-1]["month"] == "01-06-2028"
    total = next(r for r in rows if r["scheme"] == "alle" and r["month"] == "01-03-2027")
    assert (total["stock"], total["ending"]) == ("2", "1")
    assert total["expected_without_benefit"] == "0,9"  # the married, well-off household


def test_a_team_leader_runs_a_letter_batch_for_a_month(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.team_leader)
    start = client.post(reverse("transition-letter-batch-start"), {"month": "2027-03"})
    assert start.status_code == 302
    page = client.get(start["Location"])
    assert "Breve dannet: 0 af 1" in page.content.decode()
    step = client.post(start["Location"] + "fortsaet/", HTTP_HX_REQUEST="true")
    assert "Færdig: 1 brev er dannet" in step.content.decode()
    assert Letter.objects.get().course == phaseout.soon


def test_a_month_must_be_a_month(phaseout: Phaseout) -> None:
    response = client_for(phaseout.world.team_leader).post(
        reverse("transition-letter-batch-start"), {"month": "marts"}
    )
    assert "Skriv måneden som åååå-mm" in response.content.decode()


def test_no_page_has_inline_script_or_style(phaseout: Phaseout) -> None:
    client = client_for(phaseout.world.team_leader)
    urls = [reverse("transition-overview"), reverse("transition-forecast"),
            reverse("transition-course", args=[phaseout.soon.pk]),
            reverse("transition-grant", args=[phaseout.jonas.pk]),
            reverse("transition-letter-batch-start")]  # fmt: skip
    for url in urls:
        html = client.get(url).content.decode()
        assert "<script>" not in html, url
        assert " style=" not in html, url
        assert "<style" not in html, url
