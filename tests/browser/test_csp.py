"""The pages keep working under the Content-Security-Policy: nothing they need is refused, the
menu still opens on a phone, and "Print" still prints."""

import pytest

from tracker.outbox.delivery import deliver
from tracker.reminders.sweep import sweep

PHONE = {"width": 390, "height": 844}

# Registered before any page script runs, in every frame: Chromium fires the event for each
# refused script, style, image or frame.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


@pytest.fixture
def config_overrides() -> dict:
    return {"MAIL_SERVER": None}  # digests are kept in the outbox as logged, to be shown


@pytest.fixture
def watched(page):
    """The page, and every CSP complaint it logs (the console also reports child frames')."""
    complaints = []
    page.add_init_script(WATCH_VIOLATIONS)
    page.on(
        "console",
        lambda message: (
            complaints.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page, complaints


def main_pages(item_id: int, digest_path: str) -> list[str]:
    return [
        "/",  # the overview, with its charts
        "/items/",
        f"/items/{item_id}",
        "/office/overdue",
        "/reports/agencies",
        "/reports/targets/",  # sparklines
        "/office/letters/vinh-thanh",
        "/admin/outbox",
        digest_path,  # the digest's HTML in a sandboxed frame
    ]


def _visit_all(page, complaints, item_id, digest_path):
    for path in main_pages(item_id, digest_path):
        page.goto(path)
        page.wait_for_load_state("load")
        if page.locator("details iframe").count():
            page.locator("details summary").click()
            page.frame_locator("details iframe").locator("body").wait_for()
        assert page.evaluate("window.__violations") == [], path
    assert complaints == []


def _first_digest(page) -> str:
    page.goto("/admin/outbox?status=logged")
    page.locator("#outbox tbody tr a").first.click()
    page.wait_for_load_state("load")
    return "/" + page.url.split("://", 1)[1].split("/", 1)[1]


def _prepare(app, today, item_by_code):
    sweep(today)
    deliver()
    return item_by_code("NV-LV-01").id


def test_desktop_pages_raise_no_violation(app, today, item_by_code, watched, browser_login):
    page, complaints = watched
    item_id = _prepare(app, today, item_by_code)
    browser_login("office@tracker.demo")
    _visit_all(page, complaints, item_id, _first_digest(page))


@pytest.mark.viewport(PHONE)
def test_phone_pages_raise_no_violation_and_the_menu_opens(
    app, today, item_by_code, watched, browser_login
):
    page, complaints = watched
    item_id = _prepare(app, today, item_by_code)
    browser_login("office@tracker.demo")
    _visit_all(page, complaints, item_id, _first_digest(page))

    page.goto("/items/")
    menu = page.locator("#nav")
    assert not menu.is_visible()
    page.click(".navbar-toggler")
    menu.locator("a[href='/office/overdue']").wait_for(state="visible")
    assert page.locator(".navbar-toggler").get_attribute("aria-expanded") == "true"


def test_print_buttons_still_print(watched, browser_login):
    page, complaints = watched
    browser_login("office@tracker.demo")
    for path in ("/office/letters/vinh-thanh", "/reports/agencies"):
        page.goto(path)
        page.evaluate("() => { window.__printed = 0; window.print = () => window.__printed++; }")
        page.click("[data-print]")
        assert page.evaluate("window.__printed") == 1, path
    assert complaints == []


def test_an_inline_script_is_refused_and_seen(watched, browser_login):
    """The watch above can fail: a script injected into a page is refused and reported."""
    page, complaints = watched
    browser_login("office@tracker.demo")
    page.goto("/")
    page.evaluate(
        """() => { const s = document.createElement("script");
        s.textContent = "window.__ran = true"; document.body.appendChild(s); }"""
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in text for text in page.evaluate("window.__violations"))
