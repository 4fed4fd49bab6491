"""Benchmark of the caseworker's pages: worklist and case page response times (median, p95)
with 10,000 open sickness-benefit spells in one team, on PostgreSQL. Target: p95 < 200 ms.

`main()` creates a throw-away database `sporskifte_bench_workflow_<pid>` on the server of
`DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/test), runs the measurement in a
child process configured for it (Django is set up once per process), and drops the database
afterwards, also on failure. The spells come from the synthetic Copenhagen; they are opened,
screened and planned by the same batch action the demo uses (the model in
`SCREENING_MODEL_DIR` if there is one, else the rules-only mode), all in Team Nord's districts
(the worst case for one team's worklist). Requests go through the whole Django stack
(middleware, sessions, templates) with the test client, as a logged-in caseworker.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

N_SPELLS = 10_000
WORKLIST_REQUESTS = 150
CASE_REQUESTS = 150
TARGET_P95_MS = 200.0
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test"
ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------- parent: the database


def _admin_connection(url: str) -> Any:
    import psycopg

    parts = urlparse(url)
    admin = urlunparse(parts._replace(path="/postgres"))
    return psycopg.connect(admin, autocommit=True)


def main() -> None:
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith("postgres"):
        raise SystemExit("bench_workflow needs PostgreSQL (DATABASE_URL=postgres://…)")
    name = f"sporskifte_bench_workflow_{os.getpid()}"
    bench_url = urlunparse(urlparse(url)._replace(path=f"/{name}"))
    with _admin_connection(url) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="sporskifte-bench-") as var:
            env = {
                **os.environ,
                "DATABASE_URL": bench_url,
                "DJANGO_SETTINGS_MODULE": "sporskifte.web.settings",
                "SPORSKIFTE_VAR": var,
                "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-" + "x" * 60),
                "DEBUG": "false",
                "SECURE_SSL_REDIRECT": "false",
                "SECURE_COOKIES": "false",
                "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
                "SCREENING_MODEL_DIR": os.environ.get(
                    "SCREENING_MODEL_DIR", str(ROOT / "var" / "model")
                ),
                "LOG_LEVEL": "WARNING",
            }
            subprocess.run([sys.executable, __file__, "--child"], env=env, check=True, cwd=ROOT)
    finally:
        with _admin_connection(url) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --------------------------------------------------------------------------- child: measure


def _populate() -> Any:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from sporskifte.audit.actions import system
    from sporskifte.citizens.models import Person, SicknessSpell, pseudonym_for
    from sporskifte.demo import users as demo
    from sporskifte.lib import cpr as cprlib
    from sporskifte.sickness import batch, screener
    from sporskifte.synth.spells import generate_spells

    call_command("migrate", interactive=False, verbosity=0)
    teams = demo.ensure_organisation()
    nord = teams["Team Nord"]
    today = timezone.localdate()
    frame = generate_spells(
        seed=11, n=N_SPELLS, start=today - timedelta(days=200), extract_date=today
    )
    rng = random.Random(11)
    persons, spells, seen = [], [], set()
    districts = demo.TEAMS["Team Nord"]
    for i, row in enumerate(frame.itertuples(index=False)):
        female = row.sex == "F"
        while True:
            number = demo.synthetic_cpr(
                rng, demo.random_birth_date(rng, int(row.birth_year)), female
            )
            if number not in seen and cprlib.is_valid(number):
                seen.add(number)
                break
        district = districts[i % len(districts)]
        name = demo.fictitious_name(rng, female)
        person = Person(
            cpr=number, pseudonym=pseudonym_for(number), name=name, district=district, team=nord
        )
        persons.append(person)
        spells.append(_spell(row, person, district))
    Person.objects.bulk_create(persons, batch_size=2000)
    SicknessSpell.objects.bulk_create(spells, batch_size=2000)
    started = time.perf_counter()
    opened = batch.open_cases_from_register(system("benchmark"), SicknessSpell.objects.all(), today)
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum keeps them in use
        cursor.execute("ANALYZE")
    mode = screener.model_status().mode
    print(f"opened and screened {opened} cases ({mode}) in {time.perf_counter() - started:.1f} s")
    return nord


def _spell(row: Any, person: Any, district: str) -> Any:
    import pandas as pd

    from sporskifte.citizens.models import SicknessSpell

    def opt(value: Any) -> Any:
        return None if pd.isna(value) else value

    return SicknessSpell(
        spell_id=f"B-{row.spell_id}", person_key=person.pseudonym, person=person,
        onset_date=row.onset_date, birth_year=int(row.birth_year), sex=row.sex,
        employment_status=row.employment_status, employer_size=row.employer_size,
        industry=opt(row.industry) or "", occupation=opt(row.occupation) or "",
        education=row.education, partial_sick_leave=bool(row.partial_sick_leave),
        expected_return_weeks=opt(row.expected_return_weeks),
        employer_expected_return_weeks=opt(row.employer_expected_return_weeks),
        self_rated_health=opt(row.self_rated_health), work_related=bool(row.work_related),
        diagnosis_group=row.diagnosis_group, prior_spells_3y=int(row.prior_spells_3y),
        prior_sick_weeks_3y=int(row.prior_sick_weeks_3y),
        benefit_weeks_3y=int(row.benefit_weeks_3y), district=district, ended=False,
    )  # fmt: skip


def _time(client: Any, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return times


def _report(label: str, times: list[float]) -> float:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]
    median = statistics.median(ordered)
    verdict = "OK" if p95 < TARGET_P95_MS else "over target"
    print(f"{label:<34} n={len(times):>4}  median {median:6.1f} ms  p95 {p95:6.1f} ms  "
          f"(target p95 < {TARGET_P95_MS:.0f} ms: {verdict})")  # fmt: skip
    return p95


def _worklist_urls(rng: random.Random) -> list[str]:
    variants = [
        "/arbejdsliste/",
        "/arbejdsliste/?sort=risk",
        "/arbejdsliste/?status=awaiting",
        "/arbejdsliste/?status=overdue&sort=risk",
        "/arbejdsliste/?status=upcoming",
        "/arbejdsliste/?status=alerts",
        "/arbejdsliste/?track=tvaerfaglig_indsats&district=N%C3%B8rrebro",
        "/arbejdsliste/?side=200",
    ]
    return [rng.choice(variants) for _ in range(WORKLIST_REQUESTS)]


def child() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from sporskifte.accounts.models import User
    from sporskifte.sickness.models import SpellCase

    _populate()
    user = User.objects.get(username="sagsbehandler")
    client = Client()
    client.force_login(user)
    rng = random.Random(3)
    ids = list(SpellCase.objects.values_list("pk", flat=True))
    open_cases = SpellCase.objects.filter(person__team=user.team, closed_at__isnull=True).count()
    print(f"{open_cases} open cases in {user.team}; PostgreSQL {connection.pg_version}")
    _time(client, ["/arbejdsliste/", f"/sager/{ids[0]}/"] * 3)  # warm up
    worklist = _report("worklist (filters, sorts, pages)", _time(client, _worklist_urls(rng)))
    cases = [f"/sager/{rng.choice(ids)}/" for _ in range(CASE_REQUESTS)]
    case_page = _report("case page", _time(client, cases))
    print(f"p95 worklist {worklist:.1f} ms, case page {case_page:.1f} ms")


if __name__ == "__main__":
    if "--child" in sys.argv:
        sys.path.insert(0, str(ROOT / "src"))
        child()
    else:
        main()
