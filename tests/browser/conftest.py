"""Browser fixtures: the app served on 127.0.0.1 and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The test's app served by werkzeug in a daemon thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Chromium is missing: apt-get install chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser tab (phone-sized when the test asks) on the live server."""
    marker = request.node.get_closest_marker("viewport")
    viewport = marker.args[0] if marker else {"width": 1440, "height": 900}
    # Reduced motion: Bootstrap then opens a collapsed panel at once, where its animation let a
    # click on a busy machine land while the panel still grew, and the click sent nothing.
    context = browser.new_context(
        base_url=live_server, viewport=viewport, locale="vi-VN", reduced_motion="reduce"
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    context.close()


@pytest.fixture
def screenshot(page):
    """screenshot("name") saves a full-page PNG under test-artifacts/ and returns its path."""

    def take(name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def browser_login(page):
    """browser_login("head.syt@tracker.demo") signs the page in through the login form."""

    def sign_in(email: str, password: str = "demo1234") -> None:
        page.goto("/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", password)
        page.click("form [type=submit]")
        page.wait_for_load_state()

    return sign_in
