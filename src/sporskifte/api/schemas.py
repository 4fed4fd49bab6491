"""Schemas shared by every router."""

from __future__ import annotations

from typing import Any

from ninja import Schema


class Detail(Schema):
    detail: str


class ValidationDetail(Schema):
    """django-ninja's answer to a malformed request: one entry per problem."""

    detail: list[dict[str, Any]]


ERRORS: dict[int, type[Schema]] = {401: Detail, 403: Detail, 404: Detail, 422: ValidationDetail}
"""The error responses every authenticated operation documents."""

BODY_ERRORS: dict[int, type[Schema]] = {400: Detail, **ERRORS}
"""What an operation with a JSON body documents: a body that is not JSON at all gets 400 before
any validation (django-ninja)."""
