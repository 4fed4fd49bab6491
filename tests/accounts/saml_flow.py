"""Drive a SAML login and logout: the Django test client is the browser on our side, real
HTTP to the test identity provider on loopback on the other, following every redirect and
POST binding as a browser would."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from pathlib import Path
from typing import Any
from urllib.error import HTTPError
from urllib.parse import quote, urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener, urlopen

from sporskifte.accounts.saml_config import sp_config
from sporskifte.accounts.test_idp import TestIdP, serve_in_thread

SP_BASE = "http://testserver"


@contextmanager
def local_idp(directory: Path, settings: Any) -> Iterator[TestIdP]:
    with serve_in_thread(directory, SP_BASE) as idp:
        settings.SAML_ENABLED = True
        settings.SAML_BASE_URL = SP_BASE
        settings.SAML_CONFIG = sp_config(SP_BASE, idp.sp_key, idp.sp_cert, idp.metadata_files)
        settings.SAML_STAFF_IDP = idp.entity_id("staff")
        settings.SAML_CITIZEN_IDP = idp.entity_id("citizen")
        yield idp


def _fields(page: str) -> dict[str, str]:
    return {
        unescape(name): unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page)
    }


def _action(page: str) -> str:
    found = re.search(r'<form method="post" action="([^"]+)"', page)
    assert found, page[:500]
    return unescape(found.group(1))


def _fetch(url: str, data: dict[str, str] | None = None) -> str:
    body = urlencode(data).encode() if data is not None else None
    with urlopen(Request(url, data=body), timeout=10) as response:  # noqa: S310 - loopback IdP
        return response.read().decode()


def saml_login(client: Any, idp: TestIdP, realm: str, identity: str, next_url: str) -> Any:
    """Log in as the test identity `identity` of `realm` ("staff" or "citizen"); returns the
    assertion consumer service's response."""
    start = client.get(f"/saml2/login/?idp={quote(idp.entity_id(realm))}&next={quote(next_url)}")
    assert start.status_code == 302, start.content[:500]
    assert start["Location"].startswith(idp.base_url), start["Location"]
    chooser = _fetch(start["Location"])  # HTTP-Redirect binding: the signed AuthnRequest
    token = _fields(chooser)["token"]
    answer = _fetch(_action(chooser), {"token": token, "identity": identity})
    acs = _action(answer)  # HTTP-POST binding: the signed assertion back to us
    assert acs == f"{SP_BASE}/saml2/acs/"
    return client.post(urlsplit(acs).path, _fields(answer))


def saml_logout(client: Any, idp: TestIdP) -> Any:
    """Single logout: our logout → the IdP's logout service → our logout response endpoint."""
    ours = client.post("/log-af/")
    assert ours.status_code == 302
    assert ours["Location"].endswith("/saml2/logout/")
    to_idp = client.get(ours["Location"])
    assert to_idp.status_code == 302
    assert to_idp["Location"].startswith(idp.base_url)
    back = _redirect_target(to_idp["Location"])
    split = urlsplit(back)
    assert f"{split.scheme}://{split.netloc}" == SP_BASE, back
    return client.get(f"{split.path}?{split.query}")


class _Stop(HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _redirect_target(url: str) -> str:
    try:
        build_opener(_Stop).open(url, timeout=10)
    except HTTPError as redirect:
        status, location = redirect.code, redirect.headers["Location"]
    else:
        raise AssertionError(f"{url} did not redirect")
    assert status == 302, status
    return str(location)
