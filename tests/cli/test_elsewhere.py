"""The `sporskifte` command run from another folder finds its project and database from the
settings, makes no `./var` where it stands, and a missing database is a message, not a
traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPORSKIFTE = Path(sys.executable).with_name("sporskifte")


def _env(**extra: str) -> dict[str, str]:
    """A clean environment: nothing from the test run (no SPORSKIFTE_VAR, no DATABASE_URL)."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", str(Path.home())),
        "SECRET_KEY": "cli-elsewhere-test-secret-key-0123456789-abcdefghijklmnop",
        "LOG_LEVEL": "WARNING",
    }
    env.update(extra)
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=300
    )


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


@pytest.mark.slow
def test_run_elsewhere_the_command_uses_the_configured_projects_database(
    tmp_path: Path, elsewhere: Path
) -> None:
    home = tmp_path / "project"
    env = _env(SPORSKIFTE_HOME=str(home))
    migrated = _run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity", "0"],
        elsewhere,
        env | {"DJANGO_SETTINGS_MODULE": "sporskifte.web.settings"},
    )
    assert migrated.returncode == 0, migrated.stderr
    result = _run([str(SPORSKIFTE), "transition", "check"], elsewhere, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Alerts raised: 0, cleared: 0." in result.stdout
    assert (home / "var" / "sporskifte.sqlite3").is_file()
    assert not (elsewhere / "var").exists()


def test_without_a_database_the_command_says_so_without_a_traceback(
    tmp_path: Path, elsewhere: Path
) -> None:
    home = tmp_path / "empty-project"
    result = _run(
        [str(SPORSKIFTE), "transition", "check"], elsewhere, _env(SPORSKIFTE_HOME=str(home))
    )
    assert result.returncode == 4, result.stdout + result.stderr
    assert "Database error on" in result.stderr
    assert str(home / "var" / "sporskifte.sqlite3") in result.stderr
    assert "manage.py migrate" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert not (elsewhere / "var").exists()


def test_without_a_configured_home_the_checkout_is_the_project_wherever_it_runs(
    elsewhere: Path,
) -> None:
    shown = _run(
        [sys.executable, "-c",
         "from django.conf import settings; print(settings.BASE_DIR); print(settings.VAR_DIR)"],
        elsewhere,
        _env(DJANGO_SETTINGS_MODULE="sporskifte.web.settings"),
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    base, var = shown.stdout.split()
    assert Path(base) == ROOT
    assert Path(var) == ROOT / "var"
    assert not (elsewhere / "var").exists()
