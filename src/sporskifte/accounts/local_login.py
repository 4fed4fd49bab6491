"""Local passwords: the demo's users and one break-glass administrator, switchable off.

`LOCAL_LOGIN` is `all` (the demo and tests), `breakglass` (only superusers: the emergency
account made with `createsuperuser`, for when the identity provider is down) or `off`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

MODES = ("all", "breakglass", "off")


def local_login_mode() -> str:
    return str(getattr(settings, "LOCAL_LOGIN", "breakglass"))


class LocalPasswordBackend(ModelBackend):
    """Django's password check, limited by `LOCAL_LOGIN`."""

    def user_can_authenticate(self, user: Any) -> bool:
        mode = local_login_mode()
        if mode == "off":
            return False
        if mode == "breakglass" and not getattr(user, "is_superuser", False):
            return False
        return super().user_can_authenticate(user)
