"""`manage.py setup_demo` builds the demo database from a synthetic Copenhagen, idempotently."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sporskifte.accounts.models import Team, User
from sporskifte.citizens.models import Course, Household, Person, SicknessSpell
from sporskifte.demo.users import SOCIAL_RESOURCE_COURSES, SOCIAL_TEAM


@pytest.mark.django_db
def test_setup_demo_loads_a_synthetic_copenhagen_and_a_second_run_changes_nothing(
    settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("setup_demo", spells=3000, no_model=True, stdout=out)
    (folder,) = (tmp_path / "demo").glob("seed-2026-*")
    assert folder.name == f"seed-2026-{timezone.localdate().isoformat()}"  # extracted as of today
    spells = pd.read_parquet(folder / "sickness_spells.parquet")
    courses = pd.read_parquet(folder / "courses.parquet")
    assert pd.Timestamp(spells["onset_date"].max()).date() <= timezone.localdate()
    assert SicknessSpell.objects.count() == len(spells) == 3000
    assert Course.objects.count() == len(courses)
    assert Household.objects.exists()
    open_people = set(spells.loc[~spells["ended"].astype(bool), "person_id"])
    running = set(courses.loc[courses["ended_date"].isna(), "person_id"])
    assert set(Person.objects.values_list("pseudonym", flat=True)) == open_people | running
    linked = SicknessSpell.objects.filter(ended=False, person__isnull=True).count()
    assert linked == 0
    assert {u.username for u in User.objects.all()} >= {"sagsbehandler", "teamleder", "admin"}
    social = Team.objects.get(name=SOCIAL_TEAM)
    assert social.organisation.name == "Socialforvaltningen"
    assert Team.objects.get(name="Team Nord").organisation.short_name == "BIF"
    running_rf = courses.loc[
        courses["ended_date"].isna() & (courses["scheme"] == "ressourceforloeb"), "person_id"
    ].nunique()
    assert Person.objects.filter(team=social).count() == min(SOCIAL_RESOURCE_COURSES, running_rf)
    assert "demo-sagsbehandler-2026" in out.getvalue()
    if connection.vendor == "postgresql":  # the planner has statistics for the loaded tables
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s",
                [SicknessSpell._meta.db_table],
            )
            assert cursor.fetchone()[0] > 0

    again = StringIO()
    call_command("setup_demo", spells=3000, no_model=True, stdout=again)
    assert "(0 new, 0 changed)" in again.getvalue()
    assert "0 new persons" in again.getvalue()
    assert SicknessSpell.objects.count() == 3000
