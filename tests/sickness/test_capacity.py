"""A team's stored capacity: who may set it, its audit entry, the Danish errors for bad figures,
and the track-3 threshold fitted to it on the team's inflow (a known answer), which re-proposes
the tracks of the team's cases awaiting review."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from sporskifte.accounts.models import Team
from sporskifte.audit.actions import ActionRefused, system
from sporskifte.audit.models import LogEntry
from sporskifte.followup.queries import teams, total_weekly_hours
from sporskifte.screening.tracks import TrackPolicy
from sporskifte.sickness import actions, capacity
from sporskifte.sickness.capacity import CapacityInput
from sporskifte.sickness.models import Review, Screening, SpellCase, TeamCapacity, Track
from tests.conftest import World
from tests.followup.conftest import screened_case

pytestmark = pytest.mark.django_db

ON = date(2026, 11, 23)
RISKS = (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75)


def _inflow(world: World, risks: tuple[float, ...] = RISKS) -> list[SpellCase]:
    """Team Nord's inflow: one new spell a week or so, screened, awaiting review."""
    return [
        screened_case(world.person_nord, p, on=ON, onset_date=ON - timedelta(weeks=k % 11))
        for k, p in enumerate(risks)
    ]


def _proposed(cases: list[SpellCase]) -> dict[float, str]:
    out = {}
    for case in cases:
        case.refresh_from_db()
        screening = case.current_screening
        assert screening is not None
        assert screening.p_long is not None
        out[round(screening.p_long, 2)] = screening.proposed_track
    return out


def test_the_threshold_is_fitted_to_the_stored_capacity_on_the_teams_inflow(
    world: World,
) -> None:
    """Known answer: 10 new spells in 12 weeks, none exempt, hours per person 0.25 / 2 / 12.
    With 5 hours a week the budget is 5 × 12 = 60 hours for these 10 spells; track 2 for all
    takes 20, so 40 are spare and 4 spells fit in track 3 (10 hours more each): the threshold
    lies just above the 5th highest risk, 0.55. With 2.5 hours only 1 fits: just above 0.70."""
    cases = _inflow(world)
    stored = actions.set_capacity(world.team_leader, world.nord.pk, CapacityInput(5), on=ON)
    assert stored.weekly_inflow == pytest.approx(10 / 12)
    assert stored.reference_spells == 10
    assert stored.threshold == pytest.approx(0.55)
    assert stored.threshold > 0.55
    assert stored.fits
    assert stored.expected_hours_per_week == pytest.approx(5.0)
    three = {p for p, t in _proposed(cases).items() if t == Track.INTERDISCIPLINARY}
    assert three == {0.60, 0.65, 0.70, 0.75}

    tighter = actions.set_capacity(world.team_leader, world.nord.pk, CapacityInput(2.5), on=ON)
    assert tighter.threshold == pytest.approx(0.70)
    three = {p for p, t in _proposed(cases).items() if t == Track.INTERDISCIPLINARY}
    assert three == {0.75}
    assert [c.pk for c in capacity.history(world.nord.pk)] == [tighter.pk, stored.pk]
    assert capacity.current(world.nord.pk) == tighter


def test_a_reproposal_is_a_new_screening_with_the_new_threshold_in_its_reason(
    world: World,
) -> None:
    cases = _inflow(world)
    actions.set_capacity(world.team_leader, world.nord.pk, CapacityInput(5), on=ON)
    case = next(c for c in cases if c.current_screening and c.current_screening.p_long == 0.75)
    case.refresh_from_db()
    new = case.current_screening
    assert new is not None
    assert new.trigger == Screening.Trigger.CAPACITY
    assert new.p_long == 0.75
    assert case.track == Track.INTERDISCIPLINARY
    assert new.review.state == Review.State.AWAITING
    texts = [r["text"] for r in new.reasons]
    assert any("mindst tærsklen på 55,0 %" in t for t in texts), texts
    old = Screening.objects.filter(case=case).exclude(pk=new.pk).get()
    assert old.review.state == Review.State.CANCELLED
    assert old.proposed_track == Track.LIGHT  # the screening as made is kept


def test_a_decided_track_stands_when_the_capacity_changes(world: World) -> None:
    case = screened_case(
        world.person_nord, 0.9, on=ON, onset_date=ON - timedelta(weeks=1),
        review=Review.State.CONFIRMED,
    )  # fmt: skip
    _inflow(world)
    actions.set_capacity(world.team_leader, world.nord.pk, CapacityInput(100), on=ON)
    case.refresh_from_db()
    assert case.track == Track.LIGHT
    assert case.current_screening is not None
    assert case.current_screening.trigger == Screening.Trigger.REGISTER


def test_another_teams_cases_keep_their_proposals(world: World) -> None:
    other = screened_case(world.person_syd, 0.75, on=ON, onset_date=ON - timedelta(weeks=1))
    _inflow(world)
    actions.set_capacity(world.team_leader, world.nord.pk, CapacityInput(5), on=ON)
    other.refresh_from_db()
    assert other.track == Track.LIGHT
    assert Screening.objects.filter(case=other).count() == 1


def test_setting_capacity_writes_one_audit_entry_with_the_figures_and_the_threshold(
    world: World,
) -> None:
    _inflow(world)
    actions.set_capacity(world.team_leader, world.nord.pk, CapacityInput(5, 0.5), on=ON)
    entry = LogEntry.objects.get(action="capacity.set")
    assert entry.actor == world.team_leader
    assert entry.actor_team == "Team Nord"
    assert entry.detail["caseworker_hours_per_week"] == 5
    assert entry.detail["hours_track1"] == 0.5
    assert entry.detail["threshold"] == pytest.approx(0.55)
    assert entry.detail["reproposed"] == 4
    assert entry.detail["reference_spells"] == 10
    stored = TeamCapacity.objects.get()
    assert stored.set_by == world.team_leader
    assert stored.set_by_label == "Tina"


def test_only_the_teams_leader_or_an_administrator_may_set_its_capacity(world: World) -> None:
    for user in (world.caseworker, world.analyst, world.outsider):
        with pytest.raises(PermissionDenied):
            actions.set_capacity(user, world.nord.pk, CapacityInput(5), on=ON)
    with pytest.raises(PermissionDenied):
        actions.set_capacity(world.team_leader, world.syd.pk, CapacityInput(5), on=ON)
    assert not TeamCapacity.objects.exists()
    assert not LogEntry.objects.filter(action="capacity.set").exists()
    stored = actions.set_capacity(world.admin, world.syd.pk, CapacityInput(7), on=ON)
    assert stored.team == world.syd
    assert stored.threshold is None  # no screened inflow in Team Syd: the model's applies
    actions.set_capacity(system("test"), world.syd.pk, CapacityInput(8), on=ON)
    assert capacity.current(world.syd.pk).set_by_label == "system (test)"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("figures", "field", "message"),
    [
        ({"caseworker_hours_per_week": 0}, "caseworker_hours_per_week", "over 0"),
        ({"caseworker_hours_per_week": -3}, "caseworker_hours_per_week", "negativt"),
        ({"caseworker_hours_per_week": 1e9}, "caseworker_hours_per_week", "højst 5.000 timer"),
        ({"caseworker_hours_per_week": float("nan")}, "caseworker_hours_per_week", "et tal"),
        ({"hours_track2": 0}, "hours_track2", "over 0"),
        ({"hours_track3": 1.5}, "hours_track3", "mindst lige så mange timer"),
        ({"review_hours": 41}, "review_hours", "højst 40 timer"),
    ],
)
def test_bad_figures_are_refused_with_a_danish_message_and_nothing_is_stored(
    world: World, figures: dict[str, float], field: str, message: str
) -> None:
    values = CapacityInput(**{"caseworker_hours_per_week": 5.0, **figures})
    found = capacity.problems(values.__dict__)
    assert list(found) == [field]
    assert message in found[field]
    with pytest.raises(ActionRefused, match=message):
        actions.set_capacity(world.team_leader, world.nord.pk, values, on=ON)
    assert not TeamCapacity.objects.exists()


def test_zero_hours_for_no_follow_up_and_for_reviews_are_allowed() -> None:
    values = CapacityInput(5, hours_track1=0, review_hours=0)
    assert capacity.problems(values.__dict__) == {}


def test_the_team_policy_takes_the_stored_threshold_and_caps_the_age_bands(
    world: World,
) -> None:
    stored = TeamCapacity(
        team=world.nord, set_by_label="x", caseworker_hours_per_week=10, hours_track1=0.25,
        hours_track2=2, hours_track3=12, review_hours=0.5, threshold=0.4, fits=True,
        weekly_inflow=3, reference_spells=30, expected_hours_per_week=9.5,
    )  # fmt: skip
    base = TrackPolicy(0.6, band_thresholds=(("under 30", 0.5), ("60+", 0.3)))
    policy = capacity.team_policy(base, stored)
    assert policy.threshold == 0.4
    assert policy.band_thresholds == (("under 30", 0.4), ("60+", 0.3))
    assert policy.capacity is not None
    assert policy.capacity.caseworker_hours_per_week == 10
    assert capacity.team_policy(base, None) is base


# --------------------------------------------------------------------------- the planner page


def _form(team: int, **figures: str) -> dict[str, str]:
    values = {
        "caseworker_hours_per_week": "5", "hours_track1": "0,25", "hours_track2": "2",
        "hours_track3": "12", "review_hours": "0,5", **figures,
    }  # fmt: skip
    return {"kap-team": str(team), **{f"kap-{k}": v for k, v in values.items()}}


def test_the_team_leader_stores_capacity_in_the_planner_with_danish_decimals(
    world: World,
) -> None:
    _inflow(world)
    client = Client()
    client.force_login(world.team_leader)
    url = reverse("followup-planner")
    response = client.post(url, _form(world.nord.pk, caseworker_hours_per_week="5,0"))
    assert response.status_code == 302
    stored = TeamCapacity.objects.get()
    assert stored.caseworker_hours_per_week == 5.0
    assert stored.hours_track1 == 0.25
    page = client.get(response["Location"]).content.decode()
    assert "Kapaciteten for Team Nord er gemt" in page
    assert 'id="capacity-table"' in page
    assert 'id="capacity-history"' in page
    assert 'alt="Søjlediagram: tilgangen kræver ' in page


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Skriv et antal timer over 0."),
        ("-2", "Antallet af timer kan ikke være negativt."),
        ("mange", "Skriv et tal, fx 2,5."),
        ("99999", "Skriv højst 5.000 timer"),
        ("", "Skriv et antal timer."),
    ],
)
def test_bad_figures_in_the_planner_get_a_danish_error_at_the_field(
    world: World, value: str, message: str
) -> None:
    client = Client()
    client.force_login(world.team_leader)
    response = client.post(
        reverse("followup-planner"), _form(world.nord.pk, caseworker_hours_per_week=value)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_kap-caseworker_hours_per_week-error"' in page
    field = "id_kap-caseworker_hours_per_week"
    assert f'aria-describedby="{field}-hint {field}-error"' in page
    assert message in page
    assert not TeamCapacity.objects.exists()


def test_a_refused_attempt_in_the_planner_is_a_403_in_the_audit_log(world: World) -> None:
    client = Client()
    client.force_login(world.team_leader)
    response = client.post(reverse("followup-planner"), _form(world.syd.pk))
    assert response.status_code == 403
    client.force_login(world.analyst)
    response = client.post(reverse("followup-planner"), _form(world.nord.pk))
    assert response.status_code == 403
    refused = LogEntry.objects.filter(action="access.refused")
    assert sorted(refused.values_list("actor__username", flat=True)) == ["ali", "tina"]
    assert not TeamCapacity.objects.exists()


def test_the_planner_ignores_a_team_id_beyond_a_database_key(world: World) -> None:
    client = Client()
    client.force_login(world.team_leader)
    response = client.get(reverse("followup-planner"), {"team": "9" * 25})
    assert response.status_code == 200
    assert "Team Nord" in response.content.decode()


def test_the_planner_shows_no_capacity_form_to_an_analyst(world: World) -> None:
    client = Client()
    client.force_login(world.analyst)
    page = client.get(reverse("followup-planner")).content.decode()
    assert 'id="capacity-form"' not in page
    assert "Kun teamlederen" in page


def test_the_case_page_and_the_team_view_follow_the_stored_capacity(world: World) -> None:
    cases = _inflow(world)
    actions.set_capacity(world.team_leader, world.nord.pk, CapacityInput(5), on=ON)
    client = Client()
    client.force_login(world.caseworker)
    page = client.get(reverse("case-detail", args=[cases[-1].pk])).content.decode()
    assert "Teamets tærskel er nu 55,0 %" in page
    assert "mindst tærsklen på 55,0 %" in page
    client.force_login(world.team_leader)
    team = client.get(reverse("team-overview")).content.decode()
    assert "teamets kapacitet på <strong>5 timer om ugen</strong>" in team


def test_the_teams_in_force_are_each_teams_newest_setting_read_at_once(world: World) -> None:
    """The planner's team table: Nord's second setting is in force, Syd's only one, and a
    team with none keeps its own figure."""
    lead = system("test")
    for team, hours in ((world.nord, 5.0), (world.syd, 7.0), (world.nord, 6.0)):
        actions.set_capacity(lead, team.pk, CapacityInput(hours), on=ON)
    stored = capacity.in_force()
    assert {team_id: s.caseworker_hours_per_week for team_id, s in stored.items()} == {
        world.nord.pk: 6.0,
        world.syd.pk: 7.0,
    }
    assert stored[world.nord.pk] == capacity.current(world.nord.pk)
    rows = {row["name"]: row["weekly_hours"] for row in teams()}
    others = {t.name: float(t.weekly_hours) for t in Team.objects.all()}
    assert rows == {**others, world.nord.name: 6.0, world.syd.name: 7.0}
    assert total_weekly_hours() == sum(rows.values())


def test_the_plan_tells_the_weekly_work_of_the_inflow_at_the_stored_threshold(
    world: World,
) -> None:
    """Known answer (the planner's table): 10 new spells in 12 weeks, none exempt, 5 hours a
    week. The fitted threshold sends the 4 highest risks (0.60-0.75) to track 3 and 6 to
    track 2: 10/12 × 0.6 × 2 h = 1 h and 10/12 × 0.4 × 12 h = 4 h a week, 5 in all, nothing
    spare and nothing flagged."""
    _inflow(world)
    stored = actions.set_capacity(world.team_leader, world.nord.pk, CapacityInput(5), on=ON)
    plan = capacity.plan(stored, TrackPolicy(threshold=0.5), ON)
    assert (plan.weekly_inflow, plan.screened) == (pytest.approx(10 / 12), 10)
    by_track = {row.label: row for row in plan.rows}
    shares = [row.share for row in plan.rows]
    assert shares == [0.0, pytest.approx(0.6), pytest.approx(0.4), 0.0]
    assert by_track["Let opfølgning"].hours_per_week == pytest.approx(1.0)
    assert by_track["Tværfaglig indsats"].hours_per_week == pytest.approx(4.0)
    assert plan.demand == pytest.approx(5.0)
    assert plan.spare == pytest.approx(0.0)
    assert plan.shortfall == pytest.approx(0.0)
