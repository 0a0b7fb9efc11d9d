"""Browser tests: Playwright's sync API driving the system's Chromium against
pytest-django's live server.

No browser is downloaded: Playwright launches the Chromium the machine has
(Debian's ``chromium`` package; ``.ci/run`` installs it), found through
``NEWSROOM_CHROMIUM`` or on the PATH. Without one the tests skip on a
developer's machine and fail under CI, where a skip would hide a missing
install step.
"""

import os
import shutil
import time
from pathlib import Path

import pytest

# Playwright's sync API keeps an asyncio event loop running in the test's
# thread, and Django refuses synchronous database calls when it sees one
# (SynchronousOnlyOperation), although the test itself is plain synchronous
# code. This is the documented way to tell Django so.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.e2e import audit  # noqa: E402

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox cannot start.
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path():
    return os.environ.get("NEWSROOM_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path or not Path(path).exists():
        message = "No Chromium: install Debian's chromium or set NEWSROOM_CHROMIUM."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def console_errors():
    """Every error the test's pages logged to the browser console (a script
    or style the Content-Security-Policy refused is reported there)."""
    return []


@pytest.fixture
def new_page(browser, live_server, console_errors):
    """Opens pages in fresh browser contexts (no shared cookies), closed when
    the test ends; ``new_page(**context_options)``."""
    contexts = []

    def open_page(**options):
        options.setdefault("base_url", live_server.url)
        options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        # Closing a desk page sends its leaving beacons (presence, autosave):
        # refused here, they cannot reach the live server while the test
        # database is being emptied (on PostgreSQL the two would deadlock).
        try:
            context.route("**/*", lambda route: route.abort())
        except PlaywrightError:
            continue  # the test closed it already
        context.close()
    # And any request already in flight has its answer before the reset.
    time.sleep(0.2)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def axe_source():
    return audit.axe_source()


@pytest.fixture
def axe_violations(new_page, axe_source):
    """Opens a path and returns axe-core's WCAG 2.2 A/AA violations there.

    The audit's own script is injected into the page, which a strict
    Content-Security-Policy would refuse: this context alone bypasses the
    policy. Every other test runs under it.
    """
    page = new_page(bypass_csp=True)

    def run(path, status=200):
        response = page.goto(path)
        assert response.status == status, f"{path} answered {response.status}"
        return audit.run_axe(page, axe_source)

    return run


@pytest.fixture(scope="session")
def screenshot_dir():
    """Screenshots are artefacts for people to look at, not assertions."""
    directory = ARTIFACTS / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(autouse=True)
def _pages_cached_as_in_production(page_cache):
    """Readers in the browser get cached pages, as they would in production:
    every story here also checks that the cache shows nothing stale or
    private."""
