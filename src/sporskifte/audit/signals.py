"""Log logins, logouts and failed logins to the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from sporskifte.audit.log import log


@receiver(user_logged_in)
def _logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    log("auth.login", actor=user, label=user.username)


@receiver(user_logged_out)
def _logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        log("auth.logout", actor=user, label=user.username)


@receiver(user_login_failed)
def _login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    # A single sign-on refused by our rules (accounts.saml) says why.
    reason = str(getattr(request, "login_refused", ""))[:255]
    if reason:
        log("auth.login_failed", actor="anonym (SAML)", label=reason)
    else:
        log("auth.login_failed", actor=f"anonym ({username})", label=username)
