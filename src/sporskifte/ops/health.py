"""Probes for the load balancer and the orchestrator: unauthenticated, never cached, and
without personal data (a word and a status code, plus which check failed)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Touches nothing else, so a slow database never gets a
    healthy worker restarted."""
    return HttpResponse("ok", content_type="text/plain")


def _database() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.error("readyz: database unreachable: %s", type(exc).__name__)
        return "unreachable"
    return None


def _model() -> tuple[str, str | None]:
    """(state, problem): the screening model loads; with none, ready only when allowed."""
    from sporskifte.sickness.screener import model_status

    status = model_status()
    if status.uses_model:
        return "loaded", None
    if status.error:
        return "refused", "refused"
    if settings.SCREENING_MODEL_REQUIRED:
        return "missing", "missing"
    return "rules_only", None


@never_cache
@require_GET
def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers and the screening model loads (or, where
    `SCREENING_MODEL_REQUIRED` is off, the rules-only mode is accepted)."""
    database = _database()
    model_state, model_problem = _model()
    checks = {"database": database or "ok", "model": model_state}
    ready = database is None and model_problem is None
    return JsonResponse({"ready": ready, "checks": checks}, status=200 if ready else 503)
