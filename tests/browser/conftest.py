"""Playwright driving Debian's Chromium against the live test server.

Chromium comes from Debian (`chromium`, installed by .ci/run). Where it is missing the
browser tests skip with a reason locally, and fail where CI=true.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the test database is still
# accessed synchronously from the test body, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

OUTPUT = Path(os.environ.get("TEST_OUTPUT", "test-output")) / "screenshots"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    for candidate in (
        os.environ.get("CHROMIUM_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def production(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any
) -> Iterator[Any]:
    """gunicorn with the production settings, and the local test identity provider."""
    from tests.browser.server import production_server

    with django_db_blocker.unblock(), production_server(tmp_path_factory.mktemp("saml")) as run:
        yield run


class _NoSettings:
    """pytest-django switches a live server's settings on and off around each test; the
    production server runs its own, so there is nothing to switch."""

    def enable(self) -> None:
        pass

    def disable(self) -> None:
        pass


class _Server:
    def __init__(self, url: str) -> None:
        self.url = url
        self._live_server_modified_settings = _NoSettings()


@pytest.fixture
def live_server(production: Any, transactional_db: None) -> _Server:
    """The browser tests run against the production server (gunicorn, production settings,
    hashed static files), not Django's test server: the test database is shared with it."""
    return _Server(production.url)


@pytest.fixture(autouse=True)
def _fast_password_hashing() -> None:
    """The server checks passwords with the production hashers, so the test users keep the
    real (argon2) hashes here."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        message = "Chromium not found (install Debian's chromium, or set CHROMIUM_PATH)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.csp_violations = []
    page.on("console", lambda msg: _note_csp(page, msg))
    yield page
    context.close()
    assert page.csp_violations == [], page.csp_violations


def _note_csp(page: Any, message: Any) -> None:
    if "Content Security Policy" in message.text:
        page.csp_violations.append(message.text)


def screenshot(page: Any, name: str, *, full_page: bool = True) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def assert_accessible(page: Any) -> None:
    """Run axe-core in the page (evaluated by the driver, so the page's CSP is untouched)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    assert violations == [], json.dumps(violations, indent=2, ensure_ascii=False)


STICKING_OUT = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                 && !e.closest('.table--responsive-scroll table'))
    .slice(0, 5).map(e => `${e.tagName}#${e.id}.${e.className}`)"""


def assert_no_sideways_scroll(page: Any) -> None:
    """The page fits the window's width (WCAG 1.4.10 reflow); a wide table may scroll inside
    its own box, the page itself may not."""
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert wide <= 0, f"{page.url} scrolls {wide} px sideways: {page.evaluate(STICKING_OUT)}"


def log_in(page: Any, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base_url}/")


def menu_link(page: Any, label: str) -> Any:
    """The visible main-menu link named `label`, opening what hides it first: below 992 px the
    "Menu" drawer, on wide screens the design system's "Mere" overflow list (it moves the
    entries that do not fit on one line there)."""
    menu_button = page.get_by_role("button", name="Menu")
    if menu_button.is_visible():
        menu_button.click()
        drawer = page.locator(".mobile-drawer")
        drawer.wait_for(state="visible")
        return drawer.get_by_role("link", name=label, exact=True)
    nav = page.locator("nav.navigation-menu")
    link = nav.get_by_role("link", name=label, exact=True).filter(visible=True)
    if link.count() == 0:
        nav.get_by_role("button", name="Mere").click()
        link = nav.get_by_role("link", name=label, exact=True).filter(visible=True)
        link.wait_for(state="visible")
    return link
