"""The follow-up dashboards on small data with known answers, as the personas see them."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sporskifte.sickness.models import Review
from tests.conftest import World, client_for
from tests.followup.conftest import bulk_screened, screened_case, spells
from tests.transition.conftest import make_course

SMALL = [(2, True, "work"), (3, False, ""), (4, True, "other_benefit"), (4, True, "work"),
         (6, True, "work"), (8, False, "")]  # fmt: skip


@pytest.fixture
def today() -> Iterator[date]:
    with time_machine.travel(datetime(2026, 6, 1, 10, tzinfo=UTC), tick=True):
        yield date(2026, 6, 1)


def excel_rows(response: Any) -> list[dict[str, str]]:
    """The rows of a download in the Danish spreadsheet dialect (BOM, semicolons, CRLF)."""
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert "\r\n" in text
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def test_outcomes_table_shows_kaplan_meier_figures_by_district(world: World) -> None:
    spells(*(SMALL * 40), district="Nørrebro")
    spells((30, True, "work"), (12, False, ""), district="Amager Vest")
    page = client_for(world.analyst).get(reverse("followup-outcomes") + "?by=district")
    html = page.content.decode()
    row = re.search(r"<th scope=\"row\">Nørrebro</th>(.*?)</tr>", html, re.S)
    assert row is not None
    cells = re.findall(r"<td>([^<]*)</td>", row.group(1))
    # 240 spells, 160 ended; back at work by 8 weeks 7/12 = 58 %; still away after 8: 5/24 =
    # 21 %, with 40 spells still followed at 8 weeks; none followed to 13 weeks: no figure
    assert cells[:3] == ["240", "160", "58 %"]
    assert cells[3] == "–"
    assert cells[6] == "21 %"
    assert cells[10:12] == ["40", "0"]
    # two spells in Amager Vest: too few followed, and one censored at 12 weeks
    amager = re.search(r"<th scope=\"row\">Amager Vest</th>(.*?)</tr>", html, re.S)
    assert amager is not None
    assert re.findall(r"<td>([^<]*)</td>", amager.group(1))[2:4] == ["0 %", "–"]
    assert 'alt="Overlevelseskurver' in html
    assert "data:image/svg+xml;base64," in html


def test_outcomes_csv_has_one_row_per_track_with_the_shares(world: World) -> None:
    spells(*(SMALL * 40))
    response = client_for(world.team_leader).get(reverse("followup-outcomes-csv"))
    rows = excel_rows(response)
    assert [r["gruppe"] for r in rows] == ["Registerhistorik uden sag"]
    assert rows[0]["i_arbejde_8_uger"] == "0,5833"  # 7/12 with a decimal comma
    assert rows[0]["afsluttet_other_benefit"] == "40"
    assert rows[0]["fulgt_8_uger"] == "40"
    assert rows[0]["i_arbejde_13_uger"] == ""  # nobody followed to 13 weeks: no figure


def test_analyst_sees_no_person_data_on_the_dashboards(world: World) -> None:
    screened_case(world.person_nord, 0.4, duration=30, ended=True)
    client = client_for(world.analyst)
    for name in ("followup-outcomes", "followup-planner", "followup-monitoring"):
        html = client.get(reverse(name)).content.decode()
        assert world.person_nord.name not in html
        assert world.person_nord.cpr not in html


def test_courses_show_where_people_went_after_the_course(world: World) -> None:
    make_course("C1", world.person_nord, ended_date=date(2026, 5, 1), end_reason="fleksjob")
    make_course("C2", None, ended_date=date(2026, 5, 1), end_reason="fleksjob")
    make_course("C3", None)  # still running: not counted
    response = client_for(world.admin).get(reverse("followup-courses-csv"))
    rows = excel_rows(response)
    assert rows == [{"ordning": "ressourceforloeb", "afslutningsaarsag": "fleksjob", "antal": "2"}]


def _threshold(client: Client, capacity: str) -> str:
    url = reverse("followup-planner") + f"?capacity={capacity}&hours_track1=0,25"
    url += "&hours_track2=2&hours_track3=12&cost_per_fte=650000"
    html = client.get(url).content.decode()
    found = re.search(r'<dd id="threshold">([^<]*)</dd>', html)
    assert found is not None, html
    return found.group(1)


def test_more_capacity_in_the_planner_lowers_the_threshold(world: World, today: date) -> None:
    for i in range(20):
        screened_case(world.person_nord, 0.30 + i * 0.03)
    client = client_for(world.team_leader)
    # 20 spells with onset within 52 weeks: inflow 20/52 a week; track 2 costs 2 h, track 3 12 h.
    tight, roomy = _threshold(client, "1"), _threshold(client, "5")
    assert int(tight.rstrip(" %")) > int(roomy.rstrip(" %"))


def test_planner_compares_the_bi05_budget_with_spending(world: World) -> None:
    today = timezone.localdate()
    begun = today - timedelta(weeks=4)  # 24 new spells in 12 weeks: 2 a week, light track
    bulk_screened(world.person_nord, [(0.3, 4.0, False)] * 24, onset=begun,
                  screened_on=begun + timedelta(days=3))  # fmt: skip
    bulk_screened(world.person_nord, [(0.3, 40.0, False)] * 900, onset=today - timedelta(weeks=40),
                  screened_on=today, via="register", trigger="register")  # fmt: skip
    html = client_for(world.admin).get(reverse("followup-planner")).content.decode()
    table = html[html.index('id="budget-table"') : html.index('id="teams-budget-heading"')]
    # the screening line against the review of each new screening: 2 a week × 0.5 h × 52
    # = 52 hours a year = 52 / 1924 × 650.000 kr. = 17.568 kr.; the backlog is not in it
    row = re.search(r"<th scope=\"row\">2026</th><td>Screening af sygedagpengeforløb</td>"
                    r"<td>([^<]*)</td><td>([^<]*)</td>", table)  # fmt: skip
    assert row is not None
    assert row.groups() == ("2.500.000 kr.", "17.568 kr.")
    assert "<td>7.500.000 kr.</td><td>0 kr.</td>" in table  # no track-3 inflow
    assert "vurdering af hver ny screening (0,5 time pr. nyt forløb)" in table
    assert "Budgetnotat BI05" in html
    assert "2.026" not in html
    # Nord 400 + Syd 300 = 700 hours a week: the teams' own budget 700 × 52 / 1924 × 650.000
    assert "700 sagsbehandlertimer pr. uge" in html
    assert "<td>12.297.297 kr.</td>" in html
    # backlog apart: 900 light cases × 2 h = 1.800 h once, at 700 - 4 = 696 spare hours a week
    text = re.sub(r"<[^>]+>", "", html[html.index('id="workload-text"') :])
    assert "tilgangen bruger 4,0, så 696,0 timer er til overs" in text
    assert "Bestanden er afviklet om 2,6 uger" in text


def test_planner_shows_errors_for_bad_input(world: World) -> None:
    url = reverse("followup-planner") + "?capacity=-5&hours_track1=x"
    html = client_for(world.team_leader).get(url).content.decode()
    assert "Der er problemer" in html
    assert "Skriv 0 timer eller flere." in html


def test_monitoring_warns_when_an_input_drifts(world: World, today: date) -> None:
    earlier = [(10.0, True, "work")] * 40
    spells(*earlier, onset_date=date(2025, 6, 2), employment_status="employed")
    spells(*earlier, onset_date=date(2026, 3, 2), employment_status="unemployed")
    html = client_for(world.analyst).get(reverse("followup-monitoring")).content.decode()
    row = re.search(r"Beskæftigelsesstatus</th><td>([^<]*)</td><td>(.*?)</td>", html)
    assert row is not None
    assert "Advarsel" in row.group(2)
    assert 'id="monitoring-warning"' in html


def test_monitoring_is_quiet_when_nothing_changes(world: World, today: date) -> None:
    spells((10.0, True, "work"), onset_date=date(2025, 6, 2))
    spells((10.0, True, "work"), onset_date=date(2026, 3, 2))
    html = client_for(world.analyst).get(reverse("followup-monitoring")).content.decode()
    assert 'id="monitoring-ok"' in html


def test_monitoring_counts_overrides_by_month(world: World) -> None:
    for state in [Review.State.OVERRIDDEN] * 9 + [Review.State.CONFIRMED] * 11:
        screened_case(world.person_nord, 0.5, review=state)
    html = client_for(world.admin).get(reverse("followup-monitoring")).content.decode()
    row = re.search(r"<th scope=\"row\">marts 2026</th><td>11</td><td>9</td><td>45 %</td>", html)
    assert row is not None
    assert 'id="monitoring-warning"' in html


def test_outcomes_by_month_of_onset_cover_the_last_three_years(world: World, today: date) -> None:
    spells((2, True, "work"), onset_date=date(2026, 2, 10))
    spells((3, True, "work"), (9, False, ""), onset_date=date(2025, 11, 3))
    spells((4, True, "work"), onset_date=date(2023, 5, 31))  # before June 2023: left out
    response = client_for(world.analyst).get(reverse("followup-outcomes-csv") + "?by=month")
    rows = excel_rows(response)
    assert [(r["gruppe"], r["forloeb"]) for r in rows] == [("2025-11", "2"), ("2026-02", "1")]
    assert rows[0]["i_arbejde_8_uger"] == "0,5"


def test_month_start_counts_back_across_years() -> None:
    from sporskifte.lib.dates import month_start

    assert month_start(date(2026, 6, 1), 36) == date(2023, 6, 1)
    assert month_start(date(2026, 1, 15), 1) == date(2025, 12, 1)


def test_management_summary_shows_the_months_key_figures(world: World, today: date) -> None:
    spells((2, True, "work"), (30, False, ""), onset_date=date(2026, 5, 12))
    for state in [Review.State.OVERRIDDEN] + [Review.State.CONFIRMED] * 3:
        screened_case(world.person_nord, 0.5, review=state, on=date(2026, 5, 4))
    url = reverse("followup-summary") + "?maaned=2026-05"
    html = client_for(world.team_leader).get(url).content.decode()
    assert "Ledelsesresumé for maj 2026" in html
    assert "<td>3 / 1 (25 % andet spor)</td>" in html
    assert "Nye sager i måneden: Tværfaglig indsats</th><td>0</td>" in html
    # the four cases were opened 17 weeks into their spells: backlog, not new cases
    assert "Let opfølgning</th><td>0 (desuden 4 fra indlæst bestand)</td>" in html
    new = re.search(r"Nye sygedagpengeforløb i måneden</th><td>(\d+)</td>", html)
    assert new is not None
    assert new.group(1) == "2"  # the four screened cases' spells began in January


def test_management_summary_pdf_is_one_page_with_the_figures(world: World, today: date) -> None:
    from pypdf import PdfReader

    spells((2, True, "work"), (30, False, ""), onset_date=date(2026, 5, 12))
    url = reverse("followup-summary-pdf") + "?maaned=2026-05"
    response = client_for(world.analyst).get(url)
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "ledelsesresumé for maj 2026" in text
    assert "Nye sygedagpengeforløb i måneden" in text


def test_fairness_audit_on_live_data_flags_a_badly_served_group(world: World) -> None:
    # Women get p_long 0.9 but all return within 5 weeks: calibration off by 0.9 for them.
    for i in range(420):
        women = i % 2 == 0
        screened_case(world.person_nord, 0.9 if women else 0.1 + (i % 10) / 100,
                      duration=5 if women or i % 4 == 1 else 40, ended=True,
                      sex="K" if women else "M")  # fmt: skip
    html = client_for(world.analyst).get(reverse("followup-monitoring")).content.decode()
    table = re.search(r'id="fairness-table">(.*?)</table>', html, re.S)
    assert table is not None
    assert "<td>Køn</td><td>kvinde</td><td>210</td>" in table.group(1)
    assert "<td>Køn</td><td>mand</td><td>210</td>" in table.group(1)
    warning = re.search(r'id="warning-list">(.*?)</ul>', html, re.S)
    assert warning is not None
    assert "Retfærdighed: Køn kvinde" in warning.group(1)
    assert "Hvad du gør:" in warning.group(1)


def _calibrated(n: int) -> list[tuple[float, float, bool]]:
    """p_long exactly the share of long spells (40 weeks) at each p: 0.2, 0.4, 0.6, 0.8."""
    return [
        (p, 40.0 if k % 5 < long else 6.0, not k % 5 < long)
        for p, long in ((0.2, 1), (0.4, 2), (0.6, 3), (0.8, 4))
        for k in range(n)
    ]


def test_a_cohort_calibrated_at_onset_warns_not_even_with_a_large_late_backlog(
    world: World, today: date
) -> None:
    onset = date(2025, 6, 2)
    for sex in ("F", "M"):  # the same cohort for women and men: nothing to flag
        bulk_screened(world.person_nord, _calibrated(60), onset=onset,
                      screened_on=onset + timedelta(days=10), sex=sex)  # fmt: skip
    # 3,000 running spells imported and screened 30 weeks in, at p_long 0.3: all already long
    bulk_screened(world.person_nord, [(0.3, 52.0, False)] * 3000, onset=onset,
                  screened_on=onset + timedelta(weeks=30), via="register",
                  trigger="register")  # fmt: skip
    html = client_for(world.analyst).get(reverse("followup-monitoring")).content.decode()
    assert 'id="monitoring-ok"' in html, re.findall(r"<li><strong>(.*?)</strong>", html)
    assert "<title>Modelovervågning" in html
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert len(title.group(1)) < 80
    row = re.search(r'<th scope="row">juni 2025</th><td>([^<]*)</td><td>([^<]*)</td>'
                    r'<td>([^<]*)</td>', html)  # fmt: skip
    assert row is not None
    assert row.groups() == ("480", "50 %", "50 %")
    backlog = re.search(r"Indlæst bestand \(registerindlæsning\)</th><td>([^<]*)</td>"
                        r"<td>([^<]*)</td><td>([^<]*)</td>", html)  # fmt: skip
    assert backlog is not None
    assert backlog.groups() == ("3.000", "3.000", "0")
    assert 'id="fairness-table"' in html
    assert "<td>Køn</td><td>kvinde</td><td>240</td>" in html


def test_fairness_audit_waits_for_enough_spells(world: World) -> None:
    screened_case(world.person_nord, 0.4, duration=30, ended=True)
    html = client_for(world.analyst).get(reverse("followup-monitoring")).content.decode()
    assert 'id="fairness-too-few"' in html


def test_planner_without_screened_cases_says_there_is_nothing_to_fit(world: World) -> None:
    url = reverse("followup-planner") + "?capacity=100&hours_track1=0,25"
    url += "&hours_track2=2&hours_track3=12&cost_per_fte=650000"
    html = client_for(world.team_leader).get(url).content.decode()
    assert "Der er ingen åbne, screenede sager at beregne på." in html


def test_the_drift_inputs_are_the_ones_kept_with_the_model() -> None:
    from sporskifte.followup.queries import DRIFT_INPUTS
    from sporskifte.screening.training import MONITORED_INPUTS

    assert set(DRIFT_INPUTS) == set(MONITORED_INPUTS)


def test_monitoring_compares_live_inputs_with_the_models_training_data(
    world: World, today: date, settings: Any, tmp_path: Path
) -> None:
    from sporskifte.demo.model import train_demo_model

    train_demo_model(tmp_path, 3, rows=2000)
    settings.SCREENING_MODEL_DIR = tmp_path
    shifted = [(10.0, True, "work")] * 60
    spells(*shifted, onset_date=date(2026, 3, 2), employment_status="unemployed",
           employer_size="none")  # fmt: skip
    html = client_for(world.analyst).get(reverse("followup-monitoring")).content.decode()
    assert "mod fordelingen i modellens træningsdata" in html
    row = re.search(r"Beskæftigelsesstatus</th><td>([^<]*)</td><td>(.*?)</td>", html)
    assert row is not None
    assert "Advarsel" in row.group(2)


def test_the_follow_up_pages_show_figures_in_the_one_danish_format(
    world: World, today: date
) -> None:
    world.nord.weekly_hours = 934  # with Syd's 300: 1,234 hours a week
    world.nord.save()
    # one overridden and seven confirmed reviews in May: 12.5 %, shown as "13 %" (halves up)
    for state in [Review.State.OVERRIDDEN] + [Review.State.CONFIRMED] * 7:
        screened_case(world.person_nord, 0.5, review=state, on=date(2026, 5, 4))
    client = client_for(world.team_leader)
    planner = re.sub(r"\s+", " ", client.get(reverse("followup-planner")).content.decode())
    assert "Teamene har i alt 1.234 sagsbehandlertimer pr. uge (svarer til 33,4 " in planner
    assert "<td>934,0</td>" in planner  # hours a week may be fractional (37,5): one decimal
    summary = client.get(reverse("followup-summary") + "?maaned=2026-05").content.decode()
    assert "<td>7 / 1 (13 % andet spor)</td>" in summary
    assert "Ledelsesresumé for maj 2026" in summary
    assert re.search(r"Tallene er opgjort pr\. 1\. juni 2026 kl\. \d\d\.\d\d", summary)
    monitoring = client.get(reverse("followup-monitoring")).content.decode()
    assert "afviger mere end 5 procentpoint med mindst" in monitoring
    assert '<th scope="row">maj 2026</th><td>7</td><td>1</td><td>13 %</td>' in monitoring
    for html in (planner, summary, monitoring):
        text = re.sub(r"<[^>]+>", " ", html)
        assert not re.search(r"\d\.\d+ ?%|\d%", text), "a percentage not in the Danish format"
