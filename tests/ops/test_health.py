"""/healthz and /readyz: unauthenticated, never cached, no personal data; readiness follows
the database and the screening model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _no_store(response: Any) -> bool:
    return "no-store" in response["Cache-Control"]


def test_healthz_answers_without_login_and_is_never_cached(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert _no_store(response)


def test_readyz_is_ready_with_the_database_and_the_rules_only_mode(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.SCREENING_MODEL_DIR = tmp_path / "no-model"
    response = client.get("/readyz")
    assert response.status_code == 200
    assert _no_store(response)
    assert response.json() == {"ready": True, "checks": {"database": "ok", "model": "rules_only"}}


def test_readyz_fails_without_a_model_where_one_is_required(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.SCREENING_MODEL_DIR = tmp_path / "no-model"
    settings.SCREENING_MODEL_REQUIRED = True
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["model"] == "missing"


def test_readyz_fails_when_the_model_files_are_refused(
    client: Client, settings: Any, tmp_path: Path
) -> None:
    (tmp_path / "metadata.json").write_text(json.dumps({"version": "tampered"}))
    settings.SCREENING_MODEL_DIR = tmp_path
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"ready": False, "checks": {"database": "ok", "model": "refused"}}
    assert str(tmp_path) not in response.content.decode()  # no paths or errors leak out


def test_probes_answer_plain_http_while_pages_redirect_to_https(settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/healthz").status_code == 200
    assert client.get("/log-ind/").status_code == 301
