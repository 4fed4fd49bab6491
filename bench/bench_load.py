"""Load test on the production server: 50 concurrent caseworkers for 60 s (0 errors, p95
<= 500 ms) and 20 parallel citizen submissions (0 errors), on SQLite and on PostgreSQL.

Loopback only, bounded: each caseworker stops after `LOAD_SECONDS` or `MAX_REQUESTS_EACH`
requests, whichever first. `main()` fills a database per engine, starts the production
server on it exactly as `make run` does (gunicorn with `sporskifte.ops.gunicorn_conf`, the
production settings), logs 50 caseworkers in through the login form and lets each walk the
worklist, a case, a person and the alerts in a loop, then sends 20 anonymous applications at
once. Logins and each session's first page are not measured.

Two runs per engine:

* **Caseworkers** (the target): each of the 50 reads a page before opening the next, a pause
  drawn uniformly from 0.5 to 1.5 times `LOAD_THINK_SECONDS` (default 3 s, so 1.5 to 4.5 s).
  That is still a fast user: about 1,000 pages an hour each, 50,000 an hour for the team, where
  a caseworker's day has a few hundred. A GET on a kept-alive connection that the server has
  just closed is retried once on a new one, as a browser does; the retries are counted and
  printed, and the retried request's time includes both tries.
* **Stress** (reported, not the target): the same 50 clients with no pause at all, i.e. 50
  requests in flight at every moment. It shows the server's capacity (requests a second) and
  how latency grows when it is exceeded (by Little's law, 50 / throughput on average).
  `LOAD_STRESS=0` leaves it out.

The data (`LOAD_DATA`): `demo` (default) is the synthetic Copenhagen of `make run`
(`manage.py setup_demo`: some 13,000 open cases, the trained model), the caseworkers in the
demo's Team Nord; `small` is 60 cases in one team (quick). The database: SQLite in
`LOAD_VAR` (default a temporary folder; give a folder to keep the demo between runs);
PostgreSQL at `LOAD_DATABASE_URL` (kept), else a database `sporskifte_bench_load_<pid>` on
the server of `DATABASE_URL` (default postgres://postgres@127.0.0.1:5432/postgres), dropped
afterwards.

Environment: LOAD_SECONDS (60), LOAD_USERS (50), LOAD_CITIZENS (20), LOAD_ENGINES
("sqlite,postgres"), LOAD_DATA (demo), LOAD_THINK_SECONDS (3), LOAD_STRESS (1), LOAD_VAR,
LOAD_DATABASE_URL; the server's own settings (WEB_CONCURRENCY, GUNICORN_THREADS, ...:
docs/operations.md) pass through.
"""

from __future__ import annotations

import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

ROOT = Path(__file__).resolve().parent.parent
LOAD_SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
USERS = int(os.environ.get("LOAD_USERS", "50"))
CITIZENS = int(os.environ.get("LOAD_CITIZENS", "20"))
MAX_REQUESTS_EACH = 2000
PASSWORD = "bench-load-password-4711"  # noqa: S105 (a throw-away bench database)
N_CASES = 60
DATA = os.environ.get("LOAD_DATA", "demo")
THINK_SECONDS = float(os.environ.get("LOAD_THINK_SECONDS", "3"))
STRESS = os.environ.get("LOAD_STRESS", "1") != "0"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(var: Path, database_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        PYTHONPATH=str(ROOT / "src"),
        DJANGO_SETTINGS_MODULE="sporskifte.web.settings",
        SPORSKIFTE_VAR=str(var),
        SECRET_KEY="bench-load-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",  # noqa: S106
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        CITIZEN_FORM_PUBLIC="true",
        CITIZEN_FORM_MAX_PER_CLIENT_HOUR="100000",
        CITIZEN_FORM_MAX_PER_HOUR="100000",
        AXES_FAILURE_LIMIT="1000",
        LOCAL_LOGIN="all",
        LOG_LEVEL="WARNING",
    )
    if DATA != "demo":
        env["SCREENING_MODEL_DIR"] = str(var / "no-model")
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


DEMO_SETUP = """
import django; django.setup()
from django.core.management import call_command
from django.contrib.auth.hashers import make_password
call_command("migrate", verbosity=0)
from sporskifte.accounts.models import Role, Team, User
from sporskifte.sickness.models import SpellCase
if not SpellCase.objects.exists():  # a kept demo (LOAD_VAR, LOAD_DATABASE_URL) is reused
    call_command("setup_demo", verbosity=0)
team = Team.objects.get(name="Team Nord")
hashed = make_password(%(password)r)
for i in range(%(users)d):
    User.objects.update_or_create(username=f"cw{i}", defaults=dict(role=Role.CASEWORKER,
        team=team, password=hashed, is_active=True))
cases = list(SpellCase.objects.filter(person__team=team, closed_at=None).order_by("-pk")
    .values_list("pk", flat=True)[:%(cases)d])
print("CASES", ",".join(str(pk) for pk in cases))
persons = SpellCase.objects.filter(pk__in=cases).values_list("person_id", flat=True)
print("PERSONS", ",".join(str(pk) for pk in sorted(set(persons))))
"""

SETUP = """
import django; django.setup()
from datetime import timedelta
from django.core.management import call_command
from django.contrib.auth.hashers import make_password
from django.utils import timezone
call_command("migrate", verbosity=0)
from sporskifte.accounts.models import Role, Team, User
from sporskifte.citizens.models import TeamDistrict
from sporskifte.sickness import actions
from sporskifte.lib import cpr as cprlib
team = Team.objects.create(name="Team Nord", weekly_hours=400)
TeamDistrict.objects.create(district="Nørrebro", team=team)
hashed = make_password(%(password)r)
User.objects.bulk_create([User(username=f"cw{i}", role=Role.CASEWORKER, team=team,
    password=hashed) for i in range(%(users)d)])
made = 0
for serial in range(1, 9999):
    cpr = f"0101{80 + serial %% 19:02d}{serial:04d}"
    if not cprlib.is_valid(cpr):
        continue
    actions.open_spell(None, actions.Application(cpr=cpr, name=f"Person {serial}",
        district="Nørrebro", onset_date=timezone.localdate() - timedelta(days=10),
        employment_status="employed", employer_name="Firma", employer_size="10-49",
        partial_sick_leave=False, expected_return_weeks=12, self_rated_health=3,
        work_related=False, wants_return_plan=False))
    made += 1
    if made == %(cases)d:
        break
from sporskifte.sickness.models import SpellCase
print("CASES", ",".join(str(c.pk) for c in SpellCase.objects.all()))
from sporskifte.citizens.models import Person
print("PERSONS", ",".join(str(p.pk) for p in Person.objects.all()))
"""


def _setup(env: dict[str, str]) -> tuple[list[int], list[int]]:
    script = DEMO_SETUP if DATA == "demo" else SETUP
    code = script % {"password": PASSWORD, "users": USERS, "cases": N_CASES}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    found = dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)
    return [int(x) for x in found["CASES"].split(",")], [
        int(x) for x in found["PERSONS"].split(",")
    ]


def _serve(env: dict[str, str], port: int, engine: str) -> subprocess.Popen[bytes]:
    command = [
        sys.executable, "-m", "gunicorn", "-c", "python:sporskifte.ops.gunicorn_conf",
        "sporskifte.web.wsgi:application",
    ]  # fmt: skip
    log = (Path(env["SPORSKIFTE_VAR"]) / f"server-{engine.lower()}.log").open("wb")
    server = subprocess.Popen(
        command, env=env | {"HOST": "127.0.0.1", "PORT": str(port)}, cwd=ROOT, stdout=log,
        stderr=log,
    )  # fmt: skip
    for _ in range(200):
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10).ok:
                return server
        except requests.RequestException:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _browser_session() -> requests.Session:
    """A session that, like a browser, sends a GET again once on a new connection when the
    kept-alive one it reused turns out to be closed (no other retry: a refused connection,
    a timeout or an error status is counted as an error)."""
    session = requests.Session()
    again = Retry(
        total=1, connect=0, read=1, status=0, other=0, allowed_methods={"GET"},
        raise_on_status=False,
    )  # fmt: skip
    session.mount("http://", HTTPAdapter(max_retries=again))
    return session


def _csrf(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=30).text
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match:
        raise RuntimeError(f"no CSRF token on {url}")
    return match.group(1)


def _log_in(base: str, n: int) -> requests.Session | None:
    """A logged-in session for caseworker `n`, or None. Logins (argon2 hashing) are not part
    of the measured walk."""
    session = _browser_session()
    try:
        token = _csrf(session, f"{base}/log-ind/")
        login = session.post(
            f"{base}/log-ind/",
            {"username": f"cw{n}", "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{base}/log-ind/"}, allow_redirects=False, timeout=120,
        )  # fmt: skip
        if login.status_code != 302:
            return None
        session.get(f"{base}/arbejdsliste/", timeout=120)  # warm: each worker's first page
    except (requests.RequestException, RuntimeError):
        return None
    return session


def _caseworker(
    session: requests.Session | None,
    n: int,
    walk: tuple[str, list[int], list[int], threading.Barrier, float],
    out: list[Any],
) -> None:
    base, cases, persons, start, think = walk
    start.wait()  # every caseworker starts walking at once, after all have logged in
    if session is None:
        out.append(("login", 0, 0.0, False))
        return
    pause = random.Random(n)
    pages = ["/arbejdsliste/", "/sager/{case}/", "/personer/{person}/", "/advarsler/"]
    end = time.monotonic() + LOAD_SECONDS
    if think:  # caseworkers are mid-page when the clock starts, not all clicking at once
        time.sleep(pause.uniform(0, 1.5 * think))
    for i in range(MAX_REQUESTS_EACH):
        if time.monotonic() >= end:
            break
        path = pages[i % len(pages)].format(
            case=cases[(n + i) % len(cases)], person=persons[(n + i) % len(persons)]
        )
        started = time.perf_counter()
        page, retried = path.split("/")[1], False
        try:
            response = session.get(base + path, timeout=30, allow_redirects=False)
            status = response.status_code
            retried = bool(response.raw.retries and response.raw.retries.history)
        except requests.RequestException as failed:  # named in the errors: timeout, reset, ...
            status, page = 0, f"{page} {type(failed).__name__}"
        out.append((page, status, time.perf_counter() - started, retried))
        if think:
            time.sleep(pause.uniform(0.5 * think, 1.5 * think))


def _citizen(base: str, n: int) -> tuple[int, float]:
    session = requests.Session()
    token = _csrf(session, f"{base}/anmeld/")
    data = {
        "csrfmiddlewaretoken": token, "cpr": f"0202{80 + n % 19:02d}{n:04d}",
        "name": f"Borger {n}", "district": "Nørrebro",
        "onset_date": (time.strftime("%Y-%m-%d")), "employment_status": "unemployed",
        "partial_sick_leave": "nej", "self_rated_health": "3", "work_related": "nej",
        "wants_return_plan": "nej", "fast_track": "nej",
    }  # fmt: skip
    started = time.perf_counter()
    response = session.post(
        f"{base}/anmeld/", data, headers={"Referer": f"{base}/anmeld/"},
        allow_redirects=False, timeout=60,
    )  # fmt: skip
    return response.status_code, time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _walk(
    base: str, sessions: list[Any], cases: list[int], persons: list[int], think: float
) -> tuple[list[Any], float]:
    """All caseworkers walk at once for `LOAD_SECONDS`; (results, wall seconds)."""
    results: list[Any] = []
    walk = (base, cases, persons, threading.Barrier(USERS + 1), think)
    threads = [
        threading.Thread(target=_caseworker, args=(session, n, walk, results))
        for n, session in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    walk[3].wait()
    started = time.monotonic()
    for thread in threads:
        thread.join()
    return results, time.monotonic() - started


def _report(engine: str, label: str, results: list[Any], wall: float) -> tuple[int, float]:
    """Print one walk's figures; (errors, p95 seconds)."""
    times = [t for _, status, t, _ in results if status == 200]
    errors = [(kind, status) for kind, status, _, _ in results if status != 200]
    retried = sum(1 for *_, again in results if again)
    pages = sorted({kind for kind, status, _, _ in results if status})
    page_p95 = {
        page: _percentile([t for k, s, t, _ in results if k == page and s == 200], 0.95)
        for page in pages
    }
    by_page = ", ".join(f"{page} p95 {page_p95[page] * 1000:.0f} ms" for page in pages)
    p95 = _percentile(times, 0.95)
    print(
        f"{engine}: {label}, {wall:.0f} s: {len(results)} requests "
        f"({len(results) / wall:.0f}/s), {len(errors)} errors, {retried} retried after a "
        f"closed keep-alive, p50 {_percentile(times, 0.5) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, p99 {_percentile(times, 0.99) * 1000:.0f} ms, "
        f"max {max(times, default=0) * 1000:.0f} ms ({by_page})"
        + (f"; errors: {sorted(set(errors))[:5]}" if errors else ""),
        flush=True,
    )
    return len(errors), p95


def run(engine: str, database_url: str | None) -> bool:
    kept = os.environ.get("LOAD_VAR")
    with tempfile.TemporaryDirectory() as tmp:
        var = Path(kept).resolve() if kept else Path(tmp)
        var.mkdir(parents=True, exist_ok=True)
        env = _env(var, database_url)
        started = time.monotonic()
        cases, persons = _setup(env)
        print(
            f"{engine}: {DATA} data ready in {time.monotonic() - started:.0f} s "
            f"({len(cases)} cases walked); server: gunicorn_conf, "
            f"WEB_CONCURRENCY={env.get('WEB_CONCURRENCY', 'default')}, "
            f"GUNICORN_THREADS={env.get('GUNICORN_THREADS', 'default')}, "
            f"{os.cpu_count()} cores, load average {Path('/proc/loadavg').read_text().split()[0]}",
            flush=True,
        )
        port = _free_port()
        server = _serve(env, port, engine)
        base = f"http://127.0.0.1:{port}"
        try:
            with ThreadPoolExecutor(10) as pool:
                sessions = list(pool.map(lambda n: _log_in(base, n), range(USERS)))
            results, wall = _walk(base, sessions, cases, persons, THINK_SECONDS)
            label = (
                f"{USERS} caseworkers ({0.5 * THINK_SECONDS:g} to {1.5 * THINK_SECONDS:g} s "
                "reading each page)"
            )
            errors, p95 = _report(engine, label, results, wall)
            with ThreadPoolExecutor(CITIZENS) as pool:
                submitted = list(pool.map(lambda n: _citizen(base, n), range(1, CITIZENS + 1)))
            if STRESS:
                stress, wall = _walk(base, sessions, cases, persons, 0.0)
                _report(
                    engine, f"stress, {USERS} clients with no pause (not the target)", stress, wall
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    citizen_errors = [s for s, _ in submitted if s != 302]
    print(
        f"{engine}: {CITIZENS} parallel citizen submissions: {len(citizen_errors)} errors, "
        f"p95 {_percentile([t for _, t in submitted], 0.95) * 1000:.0f} ms"
        + (f"; statuses: {sorted(set(citizen_errors))}" if citizen_errors else "")
    )
    ok = not errors and not citizen_errors and p95 <= 0.5
    verdict = "MET" if ok else "NOT MET"
    print(
        f"{engine}: target (50 caseworkers: 0 errors, p95 <= 500 ms; 0 citizen errors) {verdict}",
        flush=True,
    )
    return ok


def _postgres_url() -> str:
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/postgres"
    return base


def main() -> None:
    # A timeout's SIGTERM unwinds through the `finally` that stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    engines = os.environ.get("LOAD_ENGINES", "sqlite,postgres").split(",")
    if "sqlite" in engines:
        run("SQLite", None)
    if "postgres" in engines and os.environ.get("LOAD_DATABASE_URL"):
        run("PostgreSQL", os.environ["LOAD_DATABASE_URL"])
    elif "postgres" in engines:
        import psycopg

        url = urlparse(_postgres_url())
        name = f"sporskifte_bench_load_{os.getpid()}"
        admin = urlunparse(url._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        try:
            run("PostgreSQL", urlunparse(url._replace(path=f"/{name}")))
        finally:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
