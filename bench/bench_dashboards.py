"""Benchmark of the follow-up dashboards (results, planner, monitoring, CSV, summary and its
PDF, the team view) with 200,000 sickness spells of history, on SQLite and on PostgreSQL.
Targets: every page p95 under 0.5 s, the summary PDF under 1 s, with the aggregates stored
(`followup.actions.refresh_aggregates`, timed too: it runs after imports and nightly).

`main()` runs the measurement in a child process per database: a throw-away SQLite database in
a temporary folder, and a throw-away PostgreSQL database (`sporskifte_bench_<pid>`, created
and dropped on the server of `BENCH_POSTGRES_URL`, default
postgres://postgres@127.0.0.1:5432/postgres; skipped with a reason when unreachable), so it
never touches the developer's data. The spells are drawn at random (five years of onsets,
durations with running spells censored at the extract date, end reasons), with 5,000 screened
cases at application and 5,000 running spells imported as a backlog and screened late.
Requests go through the whole Django stack as a logged-in team leader.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

N_SPELLS = 200_000
N_CASES = 5_000
REQUESTS = 15
TARGET_S = 0.5
PDF_TARGET_S = 1.0
PG_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
ROOT = Path(__file__).resolve().parent.parent
DASHBOARDS = {
    "results by track": "/opfoelgning/",
    "results by district": "/opfoelgning/?by=district",
    "results by month": "/opfoelgning/?by=month",
    "results CSV": "/opfoelgning/resultater.csv?by=month",
    "planner (what-if)": "/opfoelgning/planlaegning/?capacity=600&hours_track1=0.25"
    "&hours_track2=2&hours_track3=12&cost_per_fte=650000",
    "monitoring": "/opfoelgning/overvaagning/",
    "management summary": "/opfoelgning/resume/",
    "summary PDF": "/opfoelgning/resume.pdf",
    "team view": "/team/",
}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="sporskifte-bench-") as var:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(
            DJANGO_SETTINGS_MODULE="sporskifte.web.settings", SPORSKIFTE_VAR=var,
            SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-" + "x" * 60), DEBUG="false",
            SECURE_SSL_REDIRECT="false", SECURE_COOKIES="false", LOG_LEVEL="WARNING",
            ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
            LOCAL_LOGIN="all",  # the default lets only a break-glass superuser log in
        )  # fmt: skip
        if os.environ.get("BENCH_DATABASES", "sqlite,postgres").find("sqlite") >= 0:
            print("--- SQLite", flush=True)
            subprocess.run([sys.executable, __file__, "--child"], env=env, check=True, cwd=ROOT)
        if os.environ.get("BENCH_DATABASES", "sqlite,postgres").find("postgres") >= 0:
            _on_postgres(env)


def _on_postgres(env: dict[str, str]) -> None:
    """The same measurement on a throw-away PostgreSQL database."""
    import psycopg

    server = os.environ.get("BENCH_POSTGRES_URL", PG_SERVER)
    name = f"sporskifte_bench_{os.getpid()}"
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        print(f"--- PostgreSQL skipped: {server} not reachable ({exc})".strip(), flush=True)
        return
    print("--- PostgreSQL", flush=True)
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        try:
            url = server.rsplit("/", 1)[0] + "/" + name
            subprocess.run(
                [sys.executable, __file__, "--child"], env={**env, "DATABASE_URL": url},
                check=True, cwd=ROOT,
            )  # fmt: skip
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _spells(today: date) -> list[Any]:
    import numpy as np

    from sporskifte.citizens.models import SicknessSpell
    from sporskifte.lib.districts import DISTRICT_CHOICES

    rng = np.random.default_rng(8)
    districts = [d for d, _ in DISTRICT_CHOICES]
    onset_days = rng.integers(0, 5 * 365, N_SPELLS)
    durations = np.round(rng.lognormal(2.0, 1.0, N_SPELLS) * 7) / 7
    kinds = ["work", "other_benefit", "education", "other"]
    reasons = rng.choice(kinds, N_SPELLS, p=[0.75, 0.15, 0.04, 0.06])
    out = []
    for i in range(N_SPELLS):
        onset = today - timedelta(days=int(onset_days[i]))
        followed = (today - onset).days / 7
        ended = bool(durations[i] <= followed)
        out.append(
            SicknessSpell(
                spell_id=f"B{i}",
                person_key=f"K{i}",
                onset_date=onset,
                birth_year=1960 + i % 40,
                sex="KM"[i % 2],
                employment_status=("employed", "unemployed")[i % 5 == 0],
                employer_size="51+",
                education="vocational",
                partial_sick_leave=i % 7 == 0,
                work_related=False,
                diagnosis_group=("mental", "musculoskeletal", "other")[i % 3],
                prior_spells_3y=i % 4,
                prior_sick_weeks_3y=i % 30,
                benefit_weeks_3y=0,
                district=districts[i % len(districts)],
                duration_weeks=float(durations[i]) if ended else round(followed, 2),
                ended=ended,
                end_reason=str(reasons[i]) if ended else "",
            )
        )
    return out


def _populate() -> None:
    from django.core.management import call_command

    from sporskifte.accounts.models import Role, Team, User
    from sporskifte.citizens.models import Person, SicknessSpell
    from sporskifte.sickness.models import Review, Screening, SpellCase

    call_command("migrate", interactive=False, verbosity=0)
    today = date.today()
    SicknessSpell.objects.bulk_create(_spells(today), batch_size=5000)
    team = Team.objects.create(name="Team Nord", weekly_hours=600)
    User.objects.create_user("teamleder", password="x" * 20, role=Role.TEAM_LEADER, team=team)
    persons = Person.objects.bulk_create(
        Person(cpr=f"{i:010d}", pseudonym=f"Q{i}", name=f"P {i}", district="Nørrebro", team=team)
        for i in range(N_CASES)
    )
    # 5,000 cases screened at application, and 5,000 running spells (older than the
    # application window) imported as a backlog and screened on the day of the import
    every = list(SicknessSpell.objects.order_by("-onset_date").values_list("pk", flat=True))
    picked = every[:: len(every) // N_CASES][:N_CASES]  # spread over the five years
    recent = list(SicknessSpell.objects.filter(pk__in=picked).order_by("-onset_date"))
    old = list(
        SicknessSpell.objects.filter(ended=False, onset_date__lt=today - timedelta(weeks=9))
        .exclude(pk__in=picked)
        .order_by("-onset_date")[:N_CASES]
    )
    spells = recent + old
    persons += Person.objects.bulk_create(
        Person(cpr=f"{N_CASES + i:010d}", pseudonym=f"Q{N_CASES + i}", name=f"P {N_CASES + i}",
               district="Nørrebro", team=team)
        for i in range(len(old))
    )  # fmt: skip
    cases = SpellCase.objects.bulk_create(
        SpellCase(spell=s, person=p, opened_via="register" if i >= N_CASES else "form",
                  opened_on=today if i >= N_CASES else s.onset_date,
                  receipt_token=f"r{p.pk}", employer_token=f"e{p.pk}", track="let_opfoelgning")
        for i, (s, p) in enumerate(zip(spells, persons, strict=True))
    )  # fmt: skip
    screenings = Screening.objects.bulk_create(
        Screening(case=c, screened_on=c.opened_on, trigger="register", mode="model",
                  p_long=(i % 97) / 100, proposed_track="let_opfoelgning", exempt=i % 4 == 0)
        for i, c in enumerate(cases)
    )  # fmt: skip
    Review.objects.bulk_create(
        Review(screening=s, state=("confirmed", "overridden")[i % 6 == 0],
               proposed_track="let_opfoelgning", decided_track="let_opfoelgning",
               decided_at=datetime.combine(s.screened_on, datetime.min.time(), tzinfo=UTC))
        for i, s in enumerate(screenings)
    )  # fmt: skip
    for c, s in zip(cases, screenings, strict=True):
        c.current_screening = s
    SpellCase.objects.bulk_update(cases, ["current_screening"], batch_size=2000)


def _measure(client: Any, label: str, url: str) -> tuple[float, float]:
    client.get(url)  # warm-up (charts' renderer, caches)
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (url, response.status_code)
    median = statistics.median(times)
    p95 = statistics.quantiles(times, n=20)[-1]
    target = PDF_TARGET_S if url.endswith(".pdf") else TARGET_S
    verdict = "ok" if p95 <= target else f"OVER TARGET ({target:g} s)"
    print(f"{label:<22} median {median * 1000:6.0f} ms  p95 {p95 * 1000:6.0f} ms  {verdict}")
    return p95, target


def child() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from sporskifte.accounts.models import User
    from sporskifte.audit.actions import system
    from sporskifte.followup.actions import refresh_aggregates

    engine = connection.vendor
    started = time.perf_counter()
    _populate()
    if engine == "postgresql":  # as after an import in production (autovacuum) and setup_demo
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(f"{N_SPELLS:,} spells, {2 * N_CASES:,} screened cases loaded in "
          f"{time.perf_counter() - started:.0f} s ({engine})")  # fmt: skip
    started = time.perf_counter()
    refresh_aggregates(system("benchmark"))
    print(f"refresh_aggregates (after each import, nightly): "
          f"{time.perf_counter() - started:.1f} s ({engine})")  # fmt: skip
    client = Client()
    client.force_login(User.objects.get(username="teamleder"))
    results = [_measure(client, label, url) for label, url in DASHBOARDS.items()]
    over = sum(p95 > target for p95, target in results)
    worst = max(p95 for p95, target in results if target == TARGET_S)
    print(f"{engine}: slowest page p95 {worst * 1000:.0f} ms (target {TARGET_S * 1000:.0f} ms, "
          f"PDF {PDF_TARGET_S * 1000:.0f} ms); {over} over target")  # fmt: skip


if __name__ == "__main__":
    if "--child" in sys.argv:
        sys.path.insert(0, str(ROOT / "src"))
        child()
    else:
        main()
