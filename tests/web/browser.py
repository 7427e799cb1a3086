"""What every browser test shares: Debian's Chromium through Playwright, logging in, screenshots.

The tests run against pytest-django's live server. Set ``JIXIAO_DOCS_IMG=1`` to also write the
screenshots used by the user docs into docs/img/.

Every page a browser test opens is watched: a Content-Security-Policy violation or an uncaught
script error on any of them fails the test (#16), so the CSP is checked on every page the
browser tests visit, for every role they log in as.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from jixiao.demo.loader import DEMO_PASSWORD, load_demo

CHROMIUM = Path("/usr/bin/chromium")
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: The fixtures for which pytest-django sets up the test databases.
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server"})
FAST_HASHERS = ["tests.web.hashers.FastPBKDF2PasswordHasher"]
MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is not installed"),
]


# What the pages of the running test reported: CSP violations and uncaught script errors.
PAGE_ERRORS: list[str] = []


def watch(context: object) -> None:
    """Record the CSP violations and script errors of every page in ``context``."""

    def console(message: object) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            PAGE_ERRORS.append(f"{message.location.get('url')}: {message.text}")

    context.on("console", console)
    context.on("weberror", lambda error: PAGE_ERRORS.append(f"script error: {error.error}"))


@pytest.fixture
def browser() -> Iterator[object]:
    """One headless Chromium per test; fails the test if a page broke the CSP or a script."""
    PAGE_ERRORS.clear()
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous, so Django's async guard does not apply to them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()
    errors, PAGE_ERRORS[:] = list(PAGE_ERRORS), []
    assert not errors, "pages reported CSP violations or script errors:\n" + "\n".join(errors)


@pytest.fixture
def demo(transactional_db: None) -> None:
    """The demo data exactly as `jixiao demo` loads it: the five seeds and the demo users."""
    load_demo(log=lambda *_: None)


@pytest.fixture(scope="module")
def demo_site(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: object
) -> Iterator[str]:
    """The demo loaded once for a whole module and served by one live server; its base URL.

    Loading the demo is the slow part of a browser test, so a module whose tests only read
    (one per role, say) shares one load. Its tests take no database fixture: ``db`` would
    hold SQLite's write lock for the whole test (the server could not log anyone in) and
    ``transactional_db`` would empty the database after the first test. So the database
    stays open to the module's tests, is created here when no other test of the session
    asked for it, and is emptied afterwards, as ``transactional_db`` does after each test.
    """
    from django.core.management import call_command
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        created = ensure_test_database(request.session)
        load_demo(log=lambda *_: None)
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server.url
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            if created is not None:
                from django.test.utils import teardown_databases

                teardown_databases(created, verbosity=0)


def ensure_test_database(session: pytest.Session) -> list | None:
    """Make sure the default connection is on a test database; what was created, if anything.

    pytest-django creates the test databases once, for the tests that take a database fixture
    or marker (``_get_databases_for_setup``); a module of ``demo_site`` tests run alone has
    none, and must never write the real database.
    """
    from django.test.utils import setup_databases

    if any(_takes_database(item) for item in session.items):
        return None
    return setup_databases(verbosity=0, interactive=False, aliases={"default"})


def _takes_database(item: pytest.Item) -> bool:
    """Whether pytest-django sets up the test databases for ``item`` (as it decides it)."""
    names = set(getattr(item, "fixturenames", ()))
    return bool(item.get_closest_marker("django_db") or names & DATABASE_FIXTURES)


def shot(page: object, name: str) -> None:
    """Write a screenshot for the docs when JIXIAO_DOCS_IMG is set."""
    if os.environ.get("JIXIAO_DOCS_IMG"):
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(DOCS_IMG / f"{name}.png"), full_page=False)


def log_in(browser: object, base: str, username: str, password: str = DEMO_PASSWORD) -> object:
    """A new browser context logged in as ``username``; its page, on the home page."""
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 860}, accept_downloads=True
    )
    watch(context)
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page
