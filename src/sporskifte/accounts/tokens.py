"""API tokens: made once (the secret is shown only then), checked by hash in constant time."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from django.utils import timezone

from sporskifte.accounts.models import ApiToken, User

PREFIX_LENGTH = 8


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str, expires: datetime | None = None) -> str:
    """Make a token for `user`; returns the full token string (``sps_<prefix>_<secret>``)."""
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    secret = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user, name=name, prefix=prefix, secret_hash=_hash(secret), expires=expires
    )
    return f"sps_{prefix}_{secret}"


def user_for_token(token: str) -> User | None:
    """The active user behind a valid, unrevoked, unexpired token; None otherwise."""
    try:
        marker, prefix, secret = token.split("_", 2)
    except ValueError:
        return None
    if marker != "sps":
        return None
    found = ApiToken.objects.select_related("user", "user__team").filter(prefix=prefix).first()
    if found is None or found.revoked or not found.user.is_active:
        return None
    if found.expires and found.expires <= timezone.now():
        return None
    if not hmac.compare_digest(found.secret_hash, _hash(secret)):
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used=timezone.now())
    return found.user
