"""The office merges two departments in a real browser: it finds the agency in the list, opens
the merger from its page, previews what moves, confirms, and the pages tell the story."""

import re

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, User


@pytest.fixture
def config_overrides() -> dict:
    return {"WTF_CSRF_ENABLED": True}  # as in production: every form carries its token


def test_the_office_merges_an_agency_with_a_preview_then_a_confirmation(
    page, browser_login, screenshot
):
    browser_login("office@tracker.demo")
    page.goto("/admin/agencies")
    page.select_option("#level", "department")
    page.fill("#on", "2026-07-31")
    page.click("#agency-filters button[type=submit]")
    page.click("#agency-stc a")
    page.click("#record-merge")
    assert page.locator("#predecessors option[value=stc]").evaluate("o => o.selected")
    page.select_option("#successor", "skhcn")
    page.fill("#on", "2026-08-01")
    page.fill("#note", "Quyết định 12/QĐ-UBND")
    screenshot("reorganisation-merge-form")
    page.click("#preview-button")
    preview = page.locator("#preview")
    assert "Xem trước" in preview.inner_text()
    assert re.search(r"Chuyển cho Sở Khoa học và Công nghệ: \d+ nhiệm vụ chủ trì",
                     preview.inner_text())  # fmt: skip
    assert "officer.stc@tracker.demo" in preview.inner_text()
    assert page.locator("#people-move-skhcn").is_checked()
    db.session.expire_all()
    assert db.session.scalar(select(Agency.existing_until).where(Agency.code == "stc")) is None
    screenshot("reorganisation-merge-preview")
    page.click("#confirm-button")
    page.wait_for_url(re.compile(r"/admin/reorganisation$"))
    assert "Đã ghi nhận: Sáp nhập, từ 01/08/2026." in page.inner_text("body")
    assert "Quyết định 12/QĐ-UBND" in page.locator("#events").inner_text()
    screenshot("reorganisation-events")
    page.click("#events a:text-is('Sở Tài chính')")
    story = page.locator("#agency-events").inner_text()
    assert "Sáp nhập vào Sở Khoa học và Công nghệ từ 01/08/2026" in story
    page.click("#agency-events a:text-is('Sở Khoa học và Công nghệ')")
    assert "Sở Tài chính" in page.locator("#agency-predecessors").inner_text()
    screenshot("reorganisation-successor")
    db.session.expire_all()
    officer = db.session.scalar(select(User).where(User.email == "officer.stc@tracker.demo"))
    assert officer.agency.code == "skhcn"
