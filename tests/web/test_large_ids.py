"""An id too large for the database (20 digits in the URL) is a plain 404, on every page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter

from tests.conftest import World

HUGE = 10**20 - 1  # 20 digits: beyond a 64-bit primary key


def _int_routes(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, str, Any]]:
    """(route, name, pattern) of every URL with an `<int:…>` part."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _int_routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            converters = getattr(entry.pattern, "converters", {})
            if any(isinstance(c, IntConverter) for c in converters.values()):
                yield route, entry.name or route, entry


def _path(pattern: URLPattern, route: str) -> str:
    path = "/" + route
    for name, converter in pattern.pattern.converters.items():
        value = str(HUGE) if isinstance(converter, IntConverter) else "x"
        kind = "int" if isinstance(converter, IntConverter) else "str"
        path = path.replace(f"<{kind}:{name}>", value)
    return path


ROUTES = sorted(
    (name, route, pattern) for route, name, pattern in _int_routes(get_resolver().url_patterns)
)


def test_the_pages_with_an_id_in_the_url_are_found() -> None:
    names = {name for name, _, _ in ROUTES}
    assert {"case-detail", "person-detail", "transition-letter-download"} <= names


@pytest.mark.parametrize(("name", "route", "pattern"), ROUTES, ids=[n for n, _, _ in ROUTES])
def test_a_twenty_digit_id_is_not_found_rather_than_an_error(
    world: World, name: str, route: str, pattern: URLPattern
) -> None:
    path = _path(pattern, route)
    assert str(HUGE) in path
    for user in (world.admin, world.caseworker):
        client = Client()
        client.force_login(user)
        response = client.get(path)  # a server error would raise here
        if response.status_code == 405:  # a form's target: refused or sent back, never an error
            response = client.post(path, {})
            assert response.status_code in (302, 403, 404), (path, user.username, response)
        else:
            assert response.status_code in (403, 404), (path, user.username, response)
