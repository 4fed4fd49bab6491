"""The production server (gunicorn with `sporskifte.ops.gunicorn_conf`, as `make run` starts
it) listens on `HOST`/`PORT` and prints the address it really serves on."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from tests.browser.server import wait_for_address

ROOT = Path(__file__).resolve().parents[2]
SERVES = re.compile(r"Sporskifte serves on (http://127\.0\.0\.1:(\d+))/")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve_and_read_address(port: str, var: Path) -> tuple[str, int]:
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(Path.home()),
        "DJANGO_SETTINGS_MODULE": "sporskifte.web.settings",
        "SECRET_KEY": "server-address-test-secret-key-0123456789-abcdefghijklmnop",
        "SPORSKIFTE_VAR": str(var),
        "HOST": "127.0.0.1",
        "PORT": port,
        "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "-c", "python:sporskifte.ops.gunicorn_conf",
         "sporskifte.web.wsgi:application"],
        env=env, cwd=ROOT, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        address = wait_for_address(process, 120)
        try:
            with urlopen(f"{address}/healthz", timeout=30) as answer:  # noqa: S310
                status = answer.status
        except HTTPError as refused:
            status = refused.code
        found = SERVES.search(f"Sporskifte serves on {address}/")
        assert found is not None, address
        return found.group(2), status
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.slow
def test_the_server_prints_the_port_it_was_given(tmp_path: Path) -> None:
    wanted = _free_port()
    port, status = _serve_and_read_address(str(wanted), tmp_path)
    assert port == str(wanted)
    assert status == 200


@pytest.mark.slow
def test_with_port_zero_the_server_prints_the_free_port_it_took(tmp_path: Path) -> None:
    port, status = _serve_and_read_address("0", tmp_path)
    assert port != "0"
    assert status == 200


def test_make_run_hands_the_port_to_the_server_and_the_printed_logins() -> None:
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8765", "HOST=127.0.0.1"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    setup = next(line for line in plan.splitlines() if "setup_demo" in line)
    server = next(line for line in plan.splitlines() if "gunicorn_conf" in line)
    assert "PORT=8765" in setup
    assert "PORT=8765" in server
    assert ":8000" not in plan
