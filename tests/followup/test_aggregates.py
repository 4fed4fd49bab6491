"""The follow-up's figures are stored once per import and nightly, and the pages read them."""

from __future__ import annotations

import re
from io import StringIO

from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sporskifte.audit.actions import system
from sporskifte.audit.models import LogEntry
from sporskifte.citizens.signals import data_imported
from sporskifte.followup.actions import refresh_aggregates
from sporskifte.followup.models import Aggregate
from tests.conftest import World
from tests.followup.conftest import spells


def _page(world: World, name: str) -> str:
    client = Client()
    client.force_login(world.analyst)
    return client.get(reverse(name)).content.decode()


def test_pages_show_the_stored_figures_and_when_they_were_computed(world: World) -> None:
    spells((2, True, "work"), (5, True, "work"))
    assert "de er beregnet nu" in _page(world, "followup-outcomes")
    names = refresh_aggregates(system("natlig opgørelse"))
    assert set(names) == set(Aggregate.objects.values_list("name", flat=True))
    assert {"outcomes:track", "outcomes:district", "outcomes:month", "monitoring"} <= set(names)
    spells((3, True, "work"))  # arrives after the figures were computed
    html = _page(world, "followup-outcomes")
    lead = re.search(r'<p class="font-lead">([\d.]+) forløb', html)
    assert lead is not None
    assert lead.group(1) == "2"  # the stored figures, until the next refresh
    assert "og opgøres igen efter hver registerindlæsning og hver nat" in html
    assert 'id="computed-at"' in _page(world, "followup-monitoring")
    entry = LogEntry.objects.filter(action="followup.refresh").get()
    assert entry.actor_label == "system (natlig opgørelse)"


def test_an_import_of_spells_recomputes_the_figures(world: World) -> None:
    data_imported.send(sender=None, tables=("households",), actor=system("test"))
    assert not Aggregate.objects.exists()
    spells((2, True, "work"))
    data_imported.send(sender=None, tables=("sickness_spells",), actor=system("test"))
    stored = Aggregate.objects.get(name="outcomes:track")
    assert stored.data["total"] == 1
    entry = LogEntry.objects.get(action="followup.refresh")
    assert entry.actor_label == "system (registerindlæsning)"


def test_the_nightly_command_refreshes_the_figures(world: World) -> None:
    out = StringIO()
    call_command("refresh_aggregates", stdout=out)
    assert "monitoring" in out.getvalue()
    assert Aggregate.objects.filter(name="monitoring").exists()
