"""The office pauses an item in a real browser and resumes it: the item says so on its page and
in the agency's list, and its history keeps both steps with their reasons."""

import pytest

CODE = "NV-LV-01-SO-HOA"  # in progress, led by Sở Y tế


@pytest.fixture
def config_overrides() -> dict:
    return {"WTF_CSRF_ENABLED": True}  # as in production: the forms carry their token


def _open(page, code: str) -> None:
    page.goto("/items/?q=" + code)
    page.click(f"#items a:text-is('{code}')")


def test_the_office_pauses_an_item_and_resumes_it(page, browser_login, screenshot):
    browser_login("office@tracker.demo")
    _open(page, CODE)
    item_url = page.url
    page.click("#pause")
    page.fill("textarea[name=reason]", "Chờ Bộ Y tế ban hành hướng dẫn số hóa hồ sơ bệnh án.")
    page.click("#action-form button[type=submit]")
    page.wait_for_url(item_url)
    assert "Chờ Bộ Y tế ban hành hướng dẫn" in page.locator("#paused").inner_text()
    assert page.locator("#resume").is_visible() and page.locator("#pause").count() == 0
    # Where the deadline stands: its clock is stopped since today, not "no deadline".
    assert "Ngừng tính thời hạn từ ngày 25/11/2026" in page.locator("#item-deadline").inner_text()
    screenshot("paused-item")

    page.goto("/items/?q=" + CODE)
    row = page.locator("#items tbody tr", has_text=CODE)
    assert "Tạm dừng" in row.inner_text() and "quá hạn" not in row.inner_text()

    page.goto(item_url)
    page.click("#resume")
    assert "Chờ Bộ Y tế ban hành hướng dẫn" in page.locator("#running-pause").inner_text()
    page.fill("textarea[name=reason]", "Bộ Y tế đã ban hành hướng dẫn.")
    page.click("#action-form button[type=submit]")
    page.wait_for_url(item_url)
    assert page.locator("#paused").count() == 0 and page.locator("#pause").is_visible()
    assert "Ngừng tính thời hạn" not in page.locator("#item-deadline").inner_text()
    # The history keeps both steps, each with its reason.
    page_text = page.locator("main").inner_text()
    assert "Chờ Bộ Y tế ban hành hướng dẫn" in page_text
    assert "Bộ Y tế đã ban hành hướng dẫn." in page_text
