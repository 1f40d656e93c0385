"""The office reads the outbox in a browser: counts, a logged digest, sending it again."""

import re

import pytest

from tracker.outbox.delivery import deliver
from tracker.reminders.sweep import sweep

from ..reminders.conftest import overdue_items


@pytest.fixture
def config_overrides() -> dict:
    return {"MAIL_SERVER": None}  # a laptop: mails are kept in the outbox as logged


def test_the_office_reads_the_outbox(app, today, page, browser_login, screenshot):
    sweep(today)
    deliver()
    browser_login("office@tracker.demo")
    page.click("nav >> text=Nhắc việc")
    assert "Lưu nhật ký (chưa cấu hình máy chủ thư)" in page.locator("#outbox-counts").inner_text()
    page.select_option("#status", "logged")
    page.click("#outbox-filter button[type=submit]")
    page.wait_for_url(re.compile("status=logged"))
    rows = page.locator("#outbox tbody tr")
    assert rows.count() >= 40
    screenshot("outbox")

    office = page.locator("#outbox tbody tr", has_text="office@tracker.demo")
    if not office.count():  # newest first, 50 a page: every sector's department is reminded
        page.goto(page.url + "&page=2")
        office = page.locator("#outbox tbody tr", has_text="office@tracker.demo")
    assert f"{overdue_items(today)} nhiệm vụ quá hạn cần đôn đốc" in office.inner_text()
    office.locator("a").first.click()
    assert "office@tracker.demo" in page.locator("#digest-facts").inner_text()
    assert "Văn bản đôn đốc (bản in):" in page.locator("#digest-text").inner_text()
    screenshot("outbox-digest")

    page.click("text=Gửi lại")
    assert "Thư sẽ được gửi lại" in page.locator(".alert").inner_text()
    assert "Chờ gửi" in page.locator("#digest-facts").inner_text()

    page.click("#admin-nav >> text=Lần quét tới")
    assert "lần quét sẽ đưa" in page.locator("#preview-summary").inner_text()
