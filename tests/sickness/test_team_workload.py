"""The team view keeps the imported backlog apart from the inflow of new spells."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import World
from tests.followup.conftest import bulk_screened


def test_the_team_view_separates_the_backlog_from_the_inflow(world: World) -> None:
    today = timezone.localdate()
    # inflow: 24 spells begun four weeks ago, screened at application (light follow-up)
    begun = today - timedelta(weeks=4)
    bulk_screened(world.person_nord, [(0.3, 4.0, False)] * 24, onset=begun,
                  screened_on=begun + timedelta(days=3))  # fmt: skip
    # backlog: 900 running spells imported today, 40 weeks after their onset
    onset = today - timedelta(weeks=40)
    bulk_screened(world.person_nord, [(0.3, 40.0, False)] * 900, onset=onset,
                  screened_on=today, via="register", trigger="register")  # fmt: skip
    client = Client()
    client.force_login(world.team_leader)
    html = client.get(reverse("team-overview")).content.decode()
    # steady demand: 24 new light cases in 12 weeks = 2 a week × 2 hours = 4 hours a week
    text = re.sub(r"<[^>]+>", "", html[html.index('id="capacity-text"') :])
    assert "Løbende arbejde med tilgangen: 4,0 timer om ugen" in text
    assert "inden for kapaciteten, 396,0 timer til overs" in text
    # the backlog: 900 × 2 hours = 1.800 hours once, worked down in 1800 / 396 = 4,5 weeks
    backlog = html[html.index('id="backlog-table"') : html.index('id="backlog-text"')]
    assert "<td>Let opfølgning</td><td>900</td><td>1.800</td>" in backlog
    after = re.sub(r"<[^>]+>", "", html[html.index('id="backlog-text"') :])
    assert "tager det 4,5 uger at afvikle bestanden" in after
