"""Deploy checks (`manage.py check --deploy`) for the login and the operations settings."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def login_settings(app_configs: Any, **kwargs: Any) -> list[Error | Warning]:
    problems: list[Error | Warning] = []
    if settings.LOCAL_LOGIN == "all":
        problems.append(Warning(
            "LOCAL_LOGIN=all lets every local user log in with a password (demo only).",
            hint="Use LOCAL_LOGIN=breakglass (or off) with SAML_ENABLED=true.",
            id="sporskifte.W001",
        ))  # fmt: skip
    if not settings.SAML_ENABLED:
        return problems
    config = settings.SAML_CONFIG
    for key in ("key_file", "cert_file"):
        if not Path(config[key]).is_file():
            problems.append(Error(f"SAML {key} {config[key]} is missing.",
                                  hint="Set SAML_KEY_FILE and SAML_CERT_FILE.",
                                  id="sporskifte.E001"))  # fmt: skip
    if not shutil.which(config["xmlsec_binary"]) and not Path(config["xmlsec_binary"]).is_file():
        problems.append(Error("xmlsec1 is not installed (apt-get install xmlsec1).",
                              id="sporskifte.E002"))  # fmt: skip
    if not settings.SAML_BASE_URL.startswith("https://"):
        problems.append(Warning("SAML_BASE_URL is not https.", id="sporskifte.W002"))
    if not (settings.SAML_STAFF_IDP or settings.SAML_CITIZEN_IDP):
        problems.append(Error("SAML_ENABLED without SAML_STAFF_IDP or SAML_CITIZEN_IDP.",
                              id="sporskifte.E003"))  # fmt: skip
    return problems
