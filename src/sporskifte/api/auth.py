from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from sporskifte.accounts.tokens import user_for_token


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sps_…`: the request acts as the token's user (role and team)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user
