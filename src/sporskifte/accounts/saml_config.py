"""The SAML 2.0 service provider's configuration (pysaml2 via djangosaml2), built from the
environment by the settings module. Imports no Django models: settings load it.

One service provider serves two identity providers: the staff's (the municipality's IdP
behind KOMBIT's context handler) and the citizens' (NemLog-in). Both speak the OIOSAML 3
profile: HTTP-Redirect AuthnRequests signed with SHA-256, signed assertions by HTTP-POST,
single logout by HTTP-Redirect.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.saml import NAMEID_FORMAT_PERSISTENT
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256

SAML_PREFIX = "saml2"


def origins_of(urls: list[str]) -> list[str]:
    """scheme://host[:port] of each URL (the IdPs' entity ids), for the CSP."""
    found = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc:
            found.append(f"{parts.scheme}://{parts.netloc}")
    return sorted(set(found))


def sp_config(
    base_url: str,
    key_file: Path,
    cert_file: Path,
    metadata_files: list[str],
    metadata_urls: list[str] | None = None,
    xmlsec_binary: str | None = None,
) -> dict[str, Any]:
    """The pysaml2 configuration of our service provider at `base_url`."""
    base = base_url.rstrip("/")
    root = f"{base}/{SAML_PREFIX}"
    metadata: dict[str, Any] = {}
    if metadata_files:
        metadata["local"] = list(metadata_files)
    if metadata_urls:
        metadata["remote"] = [{"url": url} for url in metadata_urls]
    return {
        "xmlsec_binary": xmlsec_binary or shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "entityid": f"{root}/metadata/",
        "allow_unknown_attributes": True,
        "service": {
            "sp": {
                "name": "Sporskifte",
                "name_id_format": NAMEID_FORMAT_PERSISTENT,
                "endpoints": {
                    "assertion_consumer_service": [(f"{root}/acs/", BINDING_HTTP_POST)],
                    "single_logout_service": [
                        (f"{root}/ls/", BINDING_HTTP_REDIRECT),
                        (f"{root}/ls/post/", BINDING_HTTP_POST),
                    ],
                },
                "authn_requests_signed": True,
                "logout_requests_signed": True,
                "logout_responses_signed": True,
                "want_assertions_signed": True,
                "want_response_signed": False,
                "allow_unsolicited": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
            }
        },
        "metadata": metadata,
        "key_file": str(key_file),
        "cert_file": str(cert_file),
        "encryption_keypairs": [{"key_file": str(key_file), "cert_file": str(cert_file)}],
        "debug": 0,
    }
