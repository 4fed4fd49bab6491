"""Each role against each view: the expected status, and no data from another team."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import World
from tests.sickness.conftest import case_of, planned_due

ROLES = ("anonymous", "caseworker", "team_leader", "analyst", "admin", "outsider")
_FOLLOWUP = (302, 403, 200, 200, 200, 403)  # results follow-up: aggregates, no person data

# view name → (method, url builder, expected status per role in ROLES order)
MATRIX: dict[str, tuple[str, Callable[[World], str], tuple[int, ...]]] = {
    "home": ("get", lambda w: reverse("home"), (302, 200, 200, 200, 200, 200)),
    "accessibility": ("get", lambda w: reverse("accessibility"), (200,) * 6),
    "healthz": ("get", lambda w: reverse("healthz"), (200,) * 6),
    "login": ("get", lambda w: reverse("login"), (200, 302, 302, 302, 302, 302)),
    "person_search": (
        "get",
        lambda w: reverse("person-search") + "?q=Jensen",
        (302, 200, 200, 403, 200, 200),
    ),
    "person_detail_own_team": (
        "get",
        lambda w: reverse("person-detail", args=[w.person_nord.pk]),
        (302, 200, 200, 403, 200, 404),
    ),
    "person_detail_other_team": (
        "get",
        lambda w: reverse("person-detail", args=[w.person_syd.pk]),
        (302, 404, 404, 403, 200, 404),
    ),
    "person_reveal_cpr": (
        "post",
        lambda w: reverse("person-reveal-cpr", args=[w.person_nord.pk]),
        (302, 200, 200, 403, 200, 404),  # the number is shown on a page, never in a cookie
    ),
    "person_edit": (
        "get",
        lambda w: reverse("person-edit", args=[w.person_nord.pk]),
        (302, 403, 200, 403, 200, 403),
    ),
    "audit_log": ("get", lambda w: reverse("audit-log"), (302, 403, 200, 403, 200, 403)),
    # The sickness-benefit case. Case URLs make the case on first use; POSTs with an
    # empty form get 400 once access is granted.
    "worklist": ("get", lambda w: reverse("worklist"), (302, 200, 200, 403, 200, 200)),
    "alerts": ("get", lambda w: reverse("alerts"), (302, 200, 200, 403, 200, 200)),
    "team_overview": ("get", lambda w: reverse("team-overview"), (302, 403, 200, 403, 200, 403)),
    "workplaces": ("get", lambda w: reverse("workplaces"), (302, 403, 200, 403, 403, 403)),
    "employer_letter_own_team": (
        "get",
        lambda w: reverse("employer-letter", args=[case_of(w).pk]),
        (302, 200, 200, 403, 200, 404),
    ),
    "case_detail_own_team": (
        "get",
        lambda w: reverse("case-detail", args=[case_of(w).pk]),
        (302, 200, 200, 403, 200, 404),
    ),
    "case_detail_other_team": (
        "get",
        lambda w: reverse("case-detail", args=[case_of(w, "syd").pk]),
        (302, 404, 404, 403, 200, 404),
    ),
    "case_file": (
        "get",
        lambda w: reverse("case-file", args=[case_of(w).pk]),
        (302, 200, 200, 403, 200, 404),
    ),
    "case_review": (
        "post",
        lambda w: reverse("case-review", args=[case_of(w).pk]),
        (302, 400, 400, 403, 403, 404),
    ),
    "case_review_other_team": (
        "post",
        lambda w: reverse("case-review", args=[case_of(w, "syd").pk]),
        (302, 404, 404, 403, 403, 404),
    ),
    "case_contact": (
        "post",
        lambda w: reverse("case-contact", args=[case_of(w).pk]),
        (302, 400, 400, 403, 403, 404),
    ),
    "case_extension": (
        "post",
        lambda w: reverse("case-extension", args=[case_of(w).pk]),
        (302, 302, 302, 403, 403, 404),
    ),
    "case_return": (
        "post",
        lambda w: reverse("case-return", args=[case_of(w).pk]),
        (302, 400, 400, 403, 403, 404),
    ),
    "case_employer": (
        "post",
        lambda w: reverse("case-employer", args=[case_of(w).pk]),
        (302, 400, 400, 403, 403, 404),
    ),
    "case_rescreen": (
        "post",
        lambda w: reverse("case-rescreen", args=[case_of(w).pk]),
        (302, 302, 302, 403, 403, 404),
    ),
    "contact_move": (
        "get",
        lambda w: reverse("contact-move", args=planned_due(w)),
        (302, 200, 200, 403, 403, 404),
    ),
    "sickness_form": ("get", lambda w: reverse("sickness-form"), (200, 200, 200, 403, 200, 200)),
    "sickness_receipt": (
        "get",
        lambda w: reverse("sickness-receipt", args=[case_of(w).receipt_token]),
        (200,) * 6,
    ),
    "employer_form": (
        "get",
        lambda w: reverse("employer-form", args=[case_of(w).employer_token]),
        (200, 200, 200, 403, 200, 200),
    ),
    # Results follow-up: aggregates for team leaders, analysts and administrators.
    "followup_outcomes": ("get", lambda w: reverse("followup-outcomes"), _FOLLOWUP),
    "followup_outcomes_csv": ("get", lambda w: reverse("followup-outcomes-csv"), _FOLLOWUP),
    "followup_courses_csv": ("get", lambda w: reverse("followup-courses-csv"), _FOLLOWUP),
    "followup_planner": ("get", lambda w: reverse("followup-planner"), _FOLLOWUP),
    "followup_monitoring": ("get", lambda w: reverse("followup-monitoring"), _FOLLOWUP),
    "followup_summary": ("get", lambda w: reverse("followup-summary"), _FOLLOWUP),
    "followup_summary_pdf": ("get", lambda w: reverse("followup-summary-pdf"), _FOLLOWUP),
    # Lovgrundlag: team leaders and administrators read; only a jurist signs off.
    "lovgrundlag": ("get", lambda w: reverse("lovgrundlag"), (302, 403, 200, 403, 200, 403)),
    "lovgrundlag_sign_off": (
        "post",
        lambda w: reverse("lovgrundlag-sign-off"),
        (302, 403, 403, 403, 403, 403),
    ),
}


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(getattr(world, role))
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", sorted(MATRIX))
def test_each_role_gets_the_expected_status_on_each_view(
    world: World, role: str, view: str
) -> None:
    method, url, expected = MATRIX[view]
    response = getattr(client_for(world, role), method)(url(world))
    assert response.status_code == expected[ROLES.index(role)], (view, role)


def test_anonymous_users_are_sent_to_the_login_page(world: World) -> None:
    response = Client().get(reverse("person-search"))
    assert response["Location"].startswith(reverse("login"))


def test_a_caseworker_search_finds_only_their_own_team(world: World) -> None:
    client = client_for(world, "caseworker")
    by_name = client.get(reverse("person-search"), {"q": "Ahmed"}).content.decode()
    assert "Ahmed Ali" not in by_name
    by_cpr = client.get(reverse("person-search"), {"q": "150285-1235"}).content.decode()
    assert "Ahmed Ali" not in by_cpr
    own = client.get(reverse("person-search"), {"q": "010190"}).content.decode()
    assert "Mette Jensen" in own


def test_an_administrator_searches_all_teams(world: World) -> None:
    page = client_for(world, "admin").get(reverse("person-search"), {"q": "1502851235"})
    assert "Ahmed Ali" in page.content.decode()


def test_a_team_leader_sees_only_their_own_teams_audit_entries(world: World) -> None:
    client_for(world, "caseworker").get(reverse("person-detail", args=[world.person_nord.pk]))
    client_for(world, "caseworker_syd").get(reverse("person-detail", args=[world.person_syd.pk]))
    page = client_for(world, "team_leader").get(reverse("audit-log")).content.decode()
    assert world.caseworker.username in page
    assert world.caseworker_syd.username not in page
