"""The client's address, in one place: for the login lockout (django-axes) and the citizen
form's throttle.

Directly on the internet the address is the connection's (`REMOTE_ADDR`). Behind the TLS
proxy (`BEHIND_PROXY`) every connection comes from the proxy, so the address is read from
`X-Forwarded-For`, counting `TRUSTED_PROXY_COUNT` entries from the right: those are the ones
our own proxies appended, and anything to their left is what the client claims and is not
trusted. Without the proxy the header is ignored, so a client cannot choose its address.
"""

from __future__ import annotations

from ipaddress import ip_address
from typing import Any

from django.conf import settings


def _valid(value: str) -> str | None:
    try:
        return str(ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: Any, *args: Any, **kwargs: Any) -> str | None:
    """The client's address, or None when there is none (a request made in code)."""
    remote = _valid(getattr(request, "META", {}).get("REMOTE_ADDR", ""))
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    forwarded = getattr(request, "META", {}).get("HTTP_X_FORWARDED_FOR", "")
    hops = [h for h in forwarded.split(",") if h.strip()]
    count = max(1, int(getattr(settings, "TRUSTED_PROXY_COUNT", 1)))
    if len(hops) < count:
        return remote
    return _valid(hops[-count]) or remote
