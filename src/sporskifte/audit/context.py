"""The request id of the work in progress, shared by the log filter and the audit log."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_request_id: ContextVar[str] = ContextVar("sporskifte_request_id", default="")


def current_request_id() -> str:
    """The id of the current request or batch; a fresh one outside any."""
    return _request_id.get() or ""


@contextmanager
def request_context(request_id: str | None = None) -> Iterator[str]:
    """Group everything logged inside under one id (a web request, a CLI run, a batch)."""
    value = request_id or uuid.uuid4().hex
    token = _request_id.set(value)
    try:
        yield value
    finally:
        _request_id.reset(token)
