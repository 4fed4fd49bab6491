"""Login, lockout, password hashing, security headers and the production deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import make_password
from django.test import Client
from django.urls import reverse

from sporskifte.audit.models import LogEntry
from tests.conftest import PASSWORD, World

ROOT = Path(__file__).resolve().parents[2]


def test_passwords_are_hashed_with_argon2_in_the_real_configuration(
    settings: Any, world: World
) -> None:
    from sporskifte.web import settings as configured

    settings.PASSWORD_HASHERS = configured.PASSWORD_HASHERS
    world.caseworker.set_password(PASSWORD)
    world.caseworker.save()
    world.caseworker.refresh_from_db()
    assert world.caseworker.password.startswith("argon2$argon2id$")
    assert make_password("x" * 16).startswith("argon2$")


def test_a_user_logs_in_and_the_login_is_audited(world: World) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert LogEntry.objects.filter(action="auth.login", actor_label="sara").exists()


def test_a_wrong_password_shows_a_danish_error_and_is_audited(world: World) -> None:
    response = Client().post(reverse("login"), {"username": "sara", "password": "forkert"})
    assert "Forkert brugernavn eller adgangskode." in response.content.decode()
    assert LogEntry.objects.filter(action="auth.login_failed", object_label="sara").exists()


def test_repeated_failures_lock_the_account_even_with_the_right_password(world: World) -> None:
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "sara", "password": "forkert"})
    response = client.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    assert response.status_code == 429
    assert "midlertidigt spærret" in response.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_another_user_is_not_locked_by_someone_elses_failures(world: World) -> None:
    client = Client()
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "sara", "password": "forkert"})
    response = client.post(reverse("login"), {"username": "tina", "password": PASSWORD})
    assert response.status_code == 302


def test_behind_the_proxy_one_clients_failures_do_not_lock_the_user_out_elsewhere(
    settings: Any, world: World
) -> None:
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"  # every connection comes from the TLS proxy
    # The attacker also claims the user's own address; only the proxy's entry counts.
    attacker = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9, 198.51.100.7")
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        attacker.post(reverse("login"), {"username": "sara", "password": "forkert"})
    locked = attacker.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    assert locked.status_code == 429
    user = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR="203.0.113.9")
    response = user.post(reverse("login"), {"username": "sara", "password": PASSWORD})
    assert response.status_code == 302
    assert user.get(reverse("home")).status_code == 200


def test_pages_carry_a_strict_content_security_policy_and_security_headers(world: World) -> None:
    response = Client().get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Request-ID"]


def test_pages_have_no_inline_script(world: World) -> None:
    html = Client().get(reverse("login")).content.decode()
    for tag in html.split("<script")[1:]:
        assert tag.split(">", 1)[0].strip().startswith("src="), tag[:80]


def test_the_interface_is_danish() -> None:
    assert django_settings.LANGUAGE_CODE == "da"
    assert django_settings.TIME_ZONE == "Europe/Copenhagen"
    html = Client().get(reverse("login")).content.decode()
    assert '<html lang="da">' in html
    assert 'class="skipnav"' in html


def _production_env(**overrides: str) -> dict[str, str]:
    """A clean environment as a production server would have it: nothing inherited from the
    test run (which sets e.g. DJANGO_ALLOW_ASYNC_UNSAFE for the browser tests)."""
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(Path.home()),
        "SECRET_KEY": "p" * 20 + "roduction-secret-with-enough-entropy-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "sporskifte.kk.dk",
        "DJANGO_SETTINGS_MODULE": "sporskifte.web.settings",
        "SPORSKIFTE_VAR": os.environ.get("SPORSKIFTE_VAR", "var"),
    }
    env.update(overrides)
    return env


def test_the_deploy_check_is_clean_with_production_settings() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_a_configured_key_a_random_one_is_made_once_and_kept_private(
    tmp_path: Path,
) -> None:
    env = _production_env(SPORSKIFTE_VAR=str(tmp_path))
    env.pop("SECRET_KEY")
    for _ in range(2):
        result = subprocess.run(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    key_file = tmp_path / "secret_key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert len(key_file.read_text()) >= 50


@pytest.mark.parametrize("value", ["maybe", "2"])
def test_a_malformed_boolean_setting_is_refused_by_name(value: str) -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(DEBUG=value),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr
