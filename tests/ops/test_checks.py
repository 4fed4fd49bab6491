"""The deploy checks name a demo login setting and an incomplete SAML configuration."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sporskifte.accounts.saml_config import sp_config
from sporskifte.ops.checks import login_settings


def test_the_deploy_check_warns_of_demo_passwords(settings: Any) -> None:
    settings.LOCAL_LOGIN = "all"
    settings.SAML_ENABLED = False
    assert [p.id for p in login_settings(None)] == ["sporskifte.W001"]
    settings.LOCAL_LOGIN = "breakglass"
    assert login_settings(None) == []


def test_the_deploy_check_names_a_missing_key_and_identity_provider(
    settings: Any, tmp_path: Path
) -> None:
    settings.LOCAL_LOGIN = "off"
    settings.SAML_ENABLED = True
    settings.SAML_BASE_URL = "https://sporskifte.kk.dk"
    settings.SAML_STAFF_IDP = settings.SAML_CITIZEN_IDP = ""
    settings.SAML_CONFIG = sp_config(settings.SAML_BASE_URL, tmp_path / "k", tmp_path / "c", [])
    assert sorted(p.id for p in login_settings(None)) == [
        "sporskifte.E001", "sporskifte.E001", "sporskifte.E003",
    ]  # fmt: skip
