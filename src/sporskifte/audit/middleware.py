from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from sporskifte.audit.context import request_context
from sporskifte.audit.log import log

_VALID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id (kept from a trusted proxy's X-Request-ID when well-formed)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        with request_context(incoming if _VALID.match(incoming) else None) as request_id:
            request.request_id = request_id  # type: ignore[attr-defined]
            response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class PersonalResponseMiddleware:
    """Every page and file the app itself serves is personal or may be: none is cached
    (`Cache-Control: no-store, private`). Static files are served before this by WhiteNoise,
    with their own long cache. A refusal (403, 404) to a logged-in user or an API token
    is an attempt on data the user may not see, and goes in the audit log."""

    REFUSED = (403, 404)

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response["Cache-Control"] = "no-store, private"
        user = getattr(request, "user", None)
        if response.status_code in self.REFUSED and getattr(user, "is_authenticated", False):
            log(
                "access.refused",
                actor=user,
                label=request.path[:255],
                detail={"status": response.status_code, "method": request.method},
            )
        return response
