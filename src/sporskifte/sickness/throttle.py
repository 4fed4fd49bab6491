"""Throttling of the citizen's form without login: per client address and in all.

Fixed one-hour windows counted in Django's cache (a file cache shared by the worker
processes; see `CACHES`). Every anonymous POST counts, valid or not, so a flood of broken
submissions is bounded too. The counters are approximate under races, which is enough for
a throttle; the limits are settings (`CITIZEN_FORM_MAX_PER_CLIENT_HOUR`,
`CITIZEN_FORM_MAX_PER_HOUR`).
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache

from sporskifte.accounts.clientip import client_ip

WINDOW_SECONDS = 3600
TOO_MANY_FROM_CLIENT = (
    "Der er sendt for mange anmeldelser fra din forbindelse. Prøv igen om en time, "
    "eller kontakt kommunen."
)
TOO_MANY_IN_ALL = (
    "Formularen modtager lige nu for mange anmeldelser. Prøv igen om lidt, eller kontakt kommunen."
)


def _count(key: str) -> int:
    cache.add(key, 0, WINDOW_SECONDS + 60)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS + 60)
        return 1


def refusal_for(request: Any) -> str | None:
    """Count this anonymous submission; the Danish refusal when over a limit, else None."""
    window = int(time.time() // WINDOW_SECONDS)
    mine = _count(f"citizen-form:{window}:client:{client_ip(request)}")
    if mine > settings.CITIZEN_FORM_MAX_PER_CLIENT_HOUR:
        return TOO_MANY_FROM_CLIENT
    if _count(f"citizen-form:{window}:all") > settings.CITIZEN_FORM_MAX_PER_HOUR:
        return TOO_MANY_IN_ALL
    return None
