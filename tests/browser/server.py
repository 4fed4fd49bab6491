"""The production server for the browser tests: gunicorn with the production settings and
configuration (`sporskifte.ops.gunicorn_conf`), on a free loopback port, against the test
database. Static files are collected first, so pages load the hashed, compressed files that
production serves."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.request import urlopen

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from sporskifte.accounts.test_idp import TestIdP, serve_in_thread

READY = re.compile(r"Sporskifte serves on (http://[^\s/]+)/")


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = db.get("USER") or ""
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{db['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Running:
    url: str
    idp: TestIdP


@contextmanager
def production_server(directory: Path, timeout: float = 60.0) -> Iterator[Running]:
    """Start gunicorn as production does, with the local test identity provider as the
    staff's and citizens' IdP; yield both; stop the server gracefully."""
    call_command("collectstatic", interactive=False, verbosity=0)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with serve_in_thread(directory, base) as idp:
        env = {
            **os.environ,
            "DATABASE_URL": _database_url(),
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",
            "GUNICORN_THREADS": "4",
            "SCREENING_MODEL_DIR": str(settings.SCREENING_MODEL_DIR),
            "SAML_ENABLED": "true",
            "SAML_BASE_URL": base,
            "SAML_KEY_FILE": str(idp.sp_key),
            "SAML_CERT_FILE": str(idp.sp_cert),
            "SAML_IDP_METADATA": ",".join(idp.metadata_files),
            "SAML_STAFF_IDP": idp.entity_id("staff"),
            "SAML_CITIZEN_IDP": idp.entity_id("citizen"),
        }
        with _gunicorn(env, timeout) as url:
            yield Running(url, idp)


@contextmanager
def _gunicorn(env: dict[str, str], timeout: float) -> Iterator[str]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "-c", "python:sporskifte.ops.gunicorn_conf",
         "sporskifte.web.wsgi:application"],
        env=env, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        url = wait_for_address(process, timeout)
        with urlopen(f"{url}/healthz", timeout=60) as response:  # noqa: S310 - loopback
            assert response.read() == b"ok"
        yield url
    finally:
        process.terminate()  # SIGTERM: graceful stop
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def wait_for_address(process: subprocess.Popen[str], timeout: float) -> str:
    """The address gunicorn prints it serves on (its log is drained from then on)."""
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        found = READY.search(line)
        if found:
            _drain(process)
            return found.group(1)
    raise RuntimeError("gunicorn did not start:\n" + "".join(seen[-40:]))


def _drain(process: subprocess.Popen[str]) -> None:
    """Keep reading the server's log (into test-output/gunicorn.log) so that its pipe never
    fills up and a failing test can be read beside it."""
    import threading

    log = Path(os.environ.get("TEST_OUTPUT", "test-output")) / "gunicorn.log"
    log.parent.mkdir(parents=True, exist_ok=True)

    def pump() -> None:
        assert process.stderr is not None
        with log.open("a", encoding="utf-8") as out:
            for line in process.stderr:
                out.write(line)
                out.flush()

    threading.Thread(target=pump, daemon=True).start()
