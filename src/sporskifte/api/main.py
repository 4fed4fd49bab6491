"""The JSON API (django-ninja). OpenAPI at /api/openapi.json, interactive docs at /api/docs.

Every endpoint authenticates with a role-scoped bearer token and asks
`casework.permissions` (through the actions) exactly as the web views do.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI

from sporskifte.api.auth import TokenAuth
from sporskifte.api.persons import router as persons_router
from sporskifte.api.rules import router as rules_router
from sporskifte.api.screenings import router as screenings_router
from sporskifte.api.transition import router as transition_router

api = NinjaAPI(
    title="Sporskifte API",
    version="1",
    description="Screening af sygedagpengesager og overgang fra ressource- og "
    "jobafklaringsforløb. Alle kald kræver en API-nøgle (Bearer).",
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("/", persons_router)
api.add_router("/", screenings_router)
api.add_router("/", transition_router)
api.add_router("/", rules_router)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": "Ingen adgang"}, status=403)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(request, {"detail": "Findes ikke"}, status=404)
