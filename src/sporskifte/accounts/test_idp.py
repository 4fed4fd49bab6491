"""A local SAML identity provider for the demo and the tests (pysaml2, plain WSGI).

It plays both parties of production: the staff's identity provider behind KOMBIT's context
handler (``/staff/``) and NemLog-in for citizens (``/citizen/``), each with its own entity id
and test identities, and speaks the same OIOSAML 3 attributes. A page lets the user pick a
test identity; the answer goes back to the service provider by HTTP-POST, signed. Single
logout answers by HTTP-Redirect. Never expose it: anyone may pick any identity.
"""

from __future__ import annotations

import base64
import html
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from saml2 import BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig, SPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server
from saml2.xmldsig import SIG_RSA_SHA256

from sporskifte.accounts.saml_config import sp_config
from sporskifte.accounts.saml_keys import ensure_keypair

EID = "https://data.gov.dk/model/core/eid/"
KOMBIT_CVR = "64942212"  # Københavns Kommune
ROLE_URI = "http://sporskifte.kk.dk/roles/usersystemrole/{}/1"
TEAM_CONSTRAINT = "http://sporskifte.kk.dk/constraints/team/1"


def privileges(cvr: str, role: str, team: str | None) -> str:
    """An OIO-BPP privilege list (base64 XML) as KOMBIT's context handler sends it."""
    constraint = (
        f'<Constraint Name="{TEAM_CONSTRAINT}">{html.escape(team)}</Constraint>' if team else ""
    )
    xml = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">'
        f'<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:{cvr}">'
        f"<Privilege>{ROLE_URI.format(role)}</Privilege>{constraint}"
        "</PrivilegeGroup></bpp:PrivilegeList>"
    )
    return base64.b64encode(xml.encode()).decode()


@dataclass(frozen=True)
class TestIdentity:
    key: str
    label: str
    name_id: str
    attributes: dict[str, list[str]]


def staff(key: str, first: str, last: str, role: str, team: str | None,
          cvr: str = KOMBIT_CVR) -> TestIdentity:  # fmt: skip
    user_id = f"kk-{key}"
    return TestIdentity(
        key,
        f"{first} {last}: {role}{', ' + team if team else ''} (CVR {cvr})",
        user_id,
        {
            f"{EID}professional/uuid/persistent": [user_id],
            f"{EID}firstName": [first],
            f"{EID}lastName": [last],
            f"{EID}email": [f"{key}@kk.example"],
            f"{EID}professional/cvr": [cvr],
            f"{EID}privilegesIntermediate": [privileges(cvr, role, team)],
            "https://data.gov.dk/model/core/specVersion": ["OIOSAML-3.0.2"],
        },
    )


def citizen(key: str, first: str, last: str, cpr: str, loa: str = "Substantial") -> TestIdentity:
    return TestIdentity(
        key,
        f"{first} {last} (test-CPR {cpr[:6]}-{cpr[6:]}, {loa})",
        f"https://data.gov.dk/model/core/eid/person/uuid/{key}",
        {
            f"{EID}cprNumber": [cpr],
            f"{EID}firstName": [first],
            f"{EID}lastName": [last],
            "https://data.gov.dk/concept/core/nsis/loa": [loa],
            "https://data.gov.dk/model/core/specVersion": ["OIOSAML-3.0.2"],
        },
    )


STAFF = [
    staff("sagsbehandler", "Sara", "Sagsbehandler", "sagsbehandler", "Team Nord"),
    staff("teamleder", "Tina", "Teamleder", "teamleder", "Team Nord"),
    staff("analytiker", "Ali", "Analytiker", "analytiker", None),
    staff("andenkommune", "Otto", "Udefra", "sagsbehandler", "Team Nord", cvr="29189846"),
]
CITIZENS = [
    citizen("borger1", "Mette", "Testborger", "0101901234"),
    citizen("borger2", "Jonas", "Testborger", "1502851235"),
    citizen("lavsikring", "Lise", "Lavsikring", "0303803334", loa="Low"),
]


def idp_config(base: str, key: Path, cert: Path, sp_metadata: list[str]) -> dict[str, Any]:
    return {
        "entityid": f"{base}/metadata",
        "allow_unknown_attributes": True,
        "service": {
            "idp": {
                "name": "Sporskifte test-IdP",
                "endpoints": {
                    "single_sign_on_service": [(f"{base}/sso/redirect", BINDING_HTTP_REDIRECT)],
                    "single_logout_service": [(f"{base}/slo/redirect", BINDING_HTTP_REDIRECT)],
                },
                "policy": {"default": {"lifetime": {"minutes": 15}, "name_form": NAME_FORMAT_URI}},
                "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                "want_authn_requests_signed": True,
                "sign_assertion": True,
            }
        },
        "metadata": {"local": sp_metadata} if sp_metadata else {},
        "key_file": str(key),
        "cert_file": str(cert),
        "debug": 0,
    }


def write_metadata(config: Any, path: Path) -> str:
    path.write_text(str(entity_descriptor(config)), encoding="utf-8")
    return str(path)


@dataclass
class Realm:
    name: str
    identities: list[TestIdentity]
    server: Server
    pending: dict[str, Any]


class TestIdP:
    """The WSGI app. `base_url` is where it is served (e.g. http://127.0.0.1:8001)."""

    def __init__(self, base_url: str, directory: Path, sp_base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.directory = directory
        sp_key, sp_cert = ensure_keypair(directory, "sp")
        idp_key, idp_cert = ensure_keypair(directory, "idp")
        sp = SPConfig()
        sp.load(sp_config(sp_base_url, sp_key, sp_cert, []))
        self.sp_metadata = write_metadata(sp, directory / "sp-metadata.xml")
        self.sp_key, self.sp_cert = sp_key, sp_cert
        self.realms: dict[str, Realm] = {}
        for name, identities in (("staff", STAFF), ("citizen", CITIZENS)):
            config = IdPConfig()
            config.load(
                idp_config(f"{self.base_url}/{name}", idp_key, idp_cert, [self.sp_metadata])
            )
            write_metadata(config, directory / f"idp-{name}-metadata.xml")
            self.realms[name] = Realm(name, identities, Server(config=config), {})

    def entity_id(self, realm: str) -> str:
        return f"{self.base_url}/{realm}/metadata"

    @property
    def metadata_files(self) -> list[str]:
        return [str(self.directory / f"idp-{name}-metadata.xml") for name in self.realms]

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        parts = path.strip("/").split("/", 1)
        realm = self.realms.get(parts[0]) if parts else None
        action = parts[1] if len(parts) > 1 else ""
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        if environ.get("REQUEST_METHOD") == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            body = environ["wsgi.input"].read(min(size, 1_000_000)).decode()
            query.update({k: v[0] for k, v in parse_qs(body).items()})
        try:
            if realm is None:
                return _reply(start_response, "404 Not Found", "Ukendt sti")
            if action == "metadata":
                xml = (self.directory / f"idp-{realm.name}-metadata.xml").read_text("utf-8")
                return _reply(start_response, "200 OK", xml, "application/samlmetadata+xml")
            if action == "sso/redirect":
                return self._choose(realm, query, start_response)
            if action == "sso/login":
                return self._answer(realm, query, start_response)
            if action == "slo/redirect":
                return self._logout(realm, query, start_response)
        except Exception as exc:  # the test IdP answers every error with a page
            return _reply(start_response, "400 Bad Request", f"Fejl: {html.escape(repr(exc))}")
        return _reply(start_response, "404 Not Found", "Ukendt sti")

    def _choose(self, realm: Realm, query: dict[str, str], start_response: Any) -> Iterable[bytes]:
        request = realm.server.parse_authn_request(
            query["SAMLRequest"], BINDING_HTTP_REDIRECT, relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"), signature=query.get("Signature"),
        )  # fmt: skip
        token = secrets.token_urlsafe(16)
        realm.pending[token] = (request.message, query.get("RelayState", ""))
        buttons = "".join(
            f'<li><button type="submit" name="identity" value="{html.escape(i.key)}">'
            f"{html.escape(i.label)}</button></li>"
            for i in realm.identities
        )
        page = (
            f"<!doctype html><html lang=da><head><meta charset=utf-8><title>Test-IdP ({realm.name})"
            f"</title></head><body><h1>Vælg en testidentitet</h1>"
            f'<form method="post" action="{self.base_url}/{realm.name}/sso/login">'
            f'<input type="hidden" name="token" value="{token}"><ul>{buttons}</ul></form>'
            "</body></html>"
        )
        return _reply(start_response, "200 OK", page, "text/html; charset=utf-8")

    def _answer(self, realm: Realm, query: dict[str, str], start_response: Any) -> Iterable[bytes]:
        message, relay_state = realm.pending.pop(query["token"])
        identity = next(i for i in realm.identities if i.key == query["identity"])
        sp_entity = message.issuer.text
        destination = message.assertion_consumer_service_url
        response = realm.server.create_authn_response(
            identity=identity.attributes,
            in_response_to=message.id,
            destination=destination,
            sp_entity_id=sp_entity,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=identity.name_id),
            authn={"class_ref": "https://data.gov.dk/concept/core/nsis/loa/Substantial",
                   "authn_auth": self.entity_id(realm.name)},
            sign_assertion=True,
            sign_response=False,
        )  # fmt: skip
        encoded = base64.b64encode(str(response).encode()).decode()
        page = (
            "<!doctype html><html lang=da><head><meta charset=utf-8><title>Sender svar</title>"
            f'</head><body><form method="post" action="{html.escape(destination)}" id="saml">'
            f'<input type="hidden" name="SAMLResponse" value="{encoded}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            '<button type="submit">Fortsæt til Sporskifte</button></form>'
            "<script>document.getElementById('saml').submit()</script></body></html>"
        )
        return _reply(start_response, "200 OK", page, "text/html; charset=utf-8")

    def _logout(self, realm: Realm, query: dict[str, str], start_response: Any) -> Iterable[bytes]:
        if "SAMLRequest" not in query:
            return _reply(start_response, "400 Bad Request", "Mangler SAMLRequest")
        request = realm.server.parse_logout_request(
            query["SAMLRequest"], BINDING_HTTP_REDIRECT, relay_state=query.get("RelayState"),
            sigalg=query.get("SigAlg"), signature=query.get("Signature"),
        )  # fmt: skip
        response = realm.server.create_logout_response(request.message, [BINDING_HTTP_REDIRECT])
        destination = realm.server.pick_binding(
            "single_logout_service", [BINDING_HTTP_REDIRECT], "spsso", request.message
        )[1]
        http = realm.server.apply_binding(
            BINDING_HTTP_REDIRECT, str(response), destination, query.get("RelayState", ""),
            response=True, sign=True, sigalg=SIG_RSA_SHA256,
        )  # fmt: skip
        location = dict(http["headers"])["Location"]
        start_response("302 Found", [("Location", location), ("Cache-Control", "no-store")])
        return [b""]


def _reply(
    start_response: Any, status: str, text: str, kind: str = "text/plain; charset=utf-8"
) -> list[bytes]:
    body = text.encode()
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(body))),
                            ("Cache-Control", "no-store")])  # fmt: skip
    return [body]


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve_in_thread(
    directory: Path, sp_base_url: str, host: str = "127.0.0.1"
) -> Iterator[TestIdP]:
    """Serve a test IdP on a free loopback port in a thread (for tests)."""
    server: WSGIServer = make_server(host, 0, lambda e, s: [b""], handler_class=_QuietHandler)
    port = server.server_address[1]
    app = TestIdP(f"http://{host}:{port}", directory, sp_base_url)
    server.set_app(app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app
    finally:
        server.shutdown()
        server.server_close()
