"""The citizen's identity from the login, in one place.

A login backend (NemLog-in / MitID over SAML) that has verified a citizen's CPR number calls
`remember_verified_cpr` after `login()`; the number is kept server-side in the session
store (the browser holds only the session key) and is cleared with the session at logout.
Nothing a citizen types ever lands here: the public form asks `verified_cpr` and attaches a
submission to a person's file only when it returns a number.
"""

from __future__ import annotations

from typing import Any

from sporskifte.lib import cpr as cprlib

# The session key the SAML citizen login writes (`accounts.saml`).
CITIZEN_CPR_SESSION_KEY = "sporskifte_citizen_cpr"


def remember_verified_cpr(request: Any, cpr: str) -> None:
    """Called by a login backend only, after it verified `cpr` and logged the user in."""
    if not getattr(getattr(request, "user", None), "is_authenticated", False):
        raise ValueError("a verified CPR number belongs to a logged-in session")
    request.session[CITIZEN_CPR_SESSION_KEY] = cprlib.normalise(cpr)


def verified_cpr(request: Any) -> str | None:
    """The CPR number the citizen's login verified, or None (no login, staff).

    Only a login backend writes the key, into the server-side session store; logout
    flushes the session and the number with it."""
    session = getattr(request, "session", None)
    value = session.get(CITIZEN_CPR_SESSION_KEY) if session is not None else None
    if not value or not cprlib.is_valid(str(value)):
        return None
    return cprlib.normalise(str(value))
