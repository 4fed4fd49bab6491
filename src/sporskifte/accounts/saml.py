"""Staff and citizen login by SAML 2.0 (OIOSAML 3): claims → user, just in time.

Staff: the assertion's OIO-BPP privileges (from KOMBIT's context handler) give the role and
the team (a data restriction), scoped to an accepted organisation (CVR); the user is made on
first login and updated from every assertion, so the identity provider stays the source of
truth. A local account with a usable password is never taken over by a SAML login.

Citizens: NemLog-in's assertion gives the CPR number, which is kept in the server-side
session only (never on the user, in a cookie or in a log line); the citizen user itself is
named by a keyed pseudonym of the CPR number and has no rights beyond handing in their own
application.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml
from defusedxml import ElementTree
from django.conf import settings
from django.contrib.auth import logout
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST
from djangosaml2.backends import Saml2Backend

from sporskifte.accounts.identity import CITIZEN_CPR_SESSION_KEY
from sporskifte.accounts.models import Role, Team, User
from sporskifte.lib import cpr as cprlib

logger = logging.getLogger(__name__)

DEFAULT_CLAIMS = Path(__file__).with_name("saml_claims.yaml")
LOA_ORDER = ("Low", "Substantial", "High")


class LoginRefused(Exception):
    """The assertion is valid but does not give access; the message says why (Danish)."""


@cache
def _claims(path: str) -> dict[str, Any]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "attributes" not in data:
        raise ValueError(f"{path}: a SAML claims file needs an 'attributes' mapping")
    return data


def claims() -> dict[str, Any]:
    return _claims(str(settings.SAML_CLAIMS_FILE or DEFAULT_CLAIMS))


def _first(ava: dict[str, list[Any]], key: str) -> str:
    name = claims()["attributes"][key]
    values = ava.get(name) or []
    return str(values[0]).strip() if values else ""


@dataclass(frozen=True)
class Privilege:
    scope_cvr: str
    privilege: str
    constraints: dict[str, str]


def parse_privileges(encoded: str) -> list[Privilege]:
    """The OIO-BPP privilege list (base64 XML, parsed with defusedxml)."""
    try:
        xml = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise LoginRefused("Rettighederne fra identitetsudbyderen kunne ikke læses.") from None
    root = ElementTree.fromstring(xml)
    found = []
    for group in root.iter():
        if not group.tag.endswith("PrivilegeGroup"):
            continue
        scope = group.get("Scope", "")
        cvr = scope.rsplit(":", 1)[-1] if "cvrNumberIdentifier" in scope else ""
        constraints = {
            c.get("Name", ""): (c.text or "").strip() for c in group if c.tag.endswith("Constraint")
        }
        for p in group:
            if p.tag.endswith("Privilege") and p.text:
                found.append(Privilege(cvr, p.text.strip(), constraints))
    return found


@dataclass(frozen=True)
class StaffClaims:
    user_id: str
    first_name: str
    last_name: str
    email: str
    organisation: str
    role: str
    team: str


def staff_claims(ava: dict[str, list[Any]]) -> StaffClaims:
    """Role, team and organisation from the assertion's attributes, by configuration."""
    config = claims()
    user_id = _first(ava, "user_id")
    if not user_id:
        raise LoginRefused("Identitetsudbyderen sendte ingen bruger-id.")
    organisations = {str(k): v for k, v in (config.get("organisations") or {}).items()}
    privileges = [
        p for p in parse_privileges(_first(ava, "privileges") or "") if p.scope_cvr in organisations
    ]
    if not privileges:
        raise LoginRefused(
            "Brugeren har ingen rettigheder til Sporskifte i en godkendt organisation."
        )
    held = {p.privilege: p for p in privileges}
    for rule in config["roles"]:
        if rule["privilege"] in held:
            chosen = held[rule["privilege"]]
            role = Role(rule["role"])
            break
    else:
        raise LoginRefused("Brugeren har ingen rolle i Sporskifte.")
    team = chosen.constraints.get(config.get("team_constraint", ""), "")
    if role in config.get("roles_needing_team", []) and not team:
        raise LoginRefused(f"Rollen {role.label.lower()} kræver et team, men der kom intet.")
    return StaffClaims(
        user_id=user_id[:150],
        first_name=_first(ava, "first_name")[:150],
        last_name=_first(ava, "last_name")[:150],
        email=_first(ava, "email")[:254],
        organisation=organisations[chosen.scope_cvr],
        role=role.value,
        team=team,
    )


def citizen_pseudonym(cpr: str) -> str:
    """The citizen user's name: a keyed hash of the CPR number (no CPR in the users table)."""
    key = str(settings.PSEUDONYM_KEY).encode()
    digest = hmac.new(key, cprlib.normalise(cpr).encode(), hashlib.sha256).hexdigest()
    return f"borger-{digest[:20]}"


class SamlBackend(Saml2Backend):
    """djangosaml2's backend with our claims mapping for both identity providers."""

    def authenticate(
        self,
        request: HttpRequest | None,
        session_info: dict[str, Any] | None = None,
        attribute_mapping: dict[str, Any] | None = None,
        create_unknown_user: bool = True,
        assertion_info: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> User | None:
        if session_info is None or "ava" not in session_info:
            return None
        issuer = session_info.get("issuer", "")
        try:
            if issuer and issuer == settings.SAML_CITIZEN_IDP:
                return self._citizen(request, session_info["ava"])
            if issuer and issuer == settings.SAML_STAFF_IDP:
                return self._staff(session_info["ava"])
            raise LoginRefused("Ukendt identitetsudbyder.")
        except LoginRefused as refusal:
            # Django then sends `user_login_failed`; the audit log records it with this reason.
            logger.warning("SAML login refused: %s", refusal)
            if request is not None:
                request.login_refused = str(refusal)  # type: ignore[attr-defined]
            return None

    def _staff(self, ava: dict[str, list[Any]]) -> User:
        found = staff_claims(ava)
        team = None
        if found.team:
            team = Team.objects.filter(name=found.team).first()
            if team is None:
                raise LoginRefused(f"Teamet {found.team!r} findes ikke i Sporskifte.")
        user = User.objects.filter(username=found.user_id).first()
        if user is None:
            user = User(username=found.user_id)
            user.set_unusable_password()
        elif user.has_usable_password():
            raise LoginRefused("En lokal bruger med samme brugernavn findes; kontakt IT.")
        user.first_name, user.last_name, user.email = found.first_name, found.last_name, found.email
        user.role, user.team, user.is_staff, user.is_superuser = found.role, team, False, False
        user.save()
        return user

    def _citizen(self, request: HttpRequest | None, ava: dict[str, list[Any]]) -> User:
        raw = _first(ava, "cpr")
        if not raw or not cprlib.is_valid(raw):
            raise LoginRefused("NemLog-in sendte intet gyldigt CPR-nummer.")
        loa = _first(ava, "loa")
        minimum = str(claims().get("citizen_minimum_loa", "Substantial"))
        if loa not in LOA_ORDER or LOA_ORDER.index(loa) < LOA_ORDER.index(minimum):
            raise LoginRefused(
                f"Sikringsniveauet {loa or 'ukendt'} er for lavt (mindst {minimum})."
            )
        username = citizen_pseudonym(raw)
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, role=Role.CITIZEN)
            user.set_unusable_password()
        if user.role != Role.CITIZEN:
            raise LoginRefused("Brugeren er ikke en borger.")
        user.first_name = _first(ava, "first_name")[:150]
        user.last_name = _first(ava, "last_name")[:150]
        user.save()
        if request is not None:
            # Kept server-side in the session store; the browser holds only the session key.
            request.session[CITIZEN_CPR_SESSION_KEY] = cprlib.normalise(raw)
        return user


def citizen_login_url(next_path: str) -> str | None:
    """Where a citizen logs in (NemLog-in) before the form, or None without SAML."""
    if not (settings.SAML_ENABLED and settings.SAML_CITIZEN_IDP):
        return None
    query = urlencode({"idp": settings.SAML_CITIZEN_IDP, "next": next_path})
    return f"{reverse('saml2_login')}?{query}"


def saml_enabled(view: Any) -> Any:
    """Serve a djangosaml2 view only when SAML login is configured."""

    @functools.wraps(view)  # keeps csrf_exempt on the ACS and logout endpoints
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.SAML_ENABLED:
            raise Http404("SAML-login er ikke slået til.")
        return view(request, *args, **kwargs)

    return wrapped


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Log out: through the identity provider (single logout) after a SAML login, else here."""
    if settings.SAML_ENABLED and request.saml_session.get("_saml2_subject_id"):  # type: ignore[attr-defined]
        return redirect("saml2_logout")
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)
