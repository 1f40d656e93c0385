"""A ministry's many people: the picker searches them as the office types, and the person
found is the one the item is given to."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.test_screens import LAPTOP, PHONE, type_in_picker
from tracker.database import db
from tracker.models import User, WorkItem


@pytest.fixture
def many_people(app):
    """More people than the pickers carry with the page."""
    app.config["PICKER_INLINE_LIMIT"] = 3


@pytest.mark.viewport(LAPTOP)
def test_the_office_finds_a_person_among_many_and_gives_them_the_item(
    page, browser_login, screenshot, many_people
):
    officer = db.session.scalar(select(User).where(User.email == "officer.syt@tracker.demo"))
    browser_login("office@tracker.demo")
    page.goto("/items/new")
    assert page.locator("#responsible_id option").count() == 1  # only "—" came with the page
    page.fill("input[name=code]", "NV-MOI-88")
    page.fill("textarea[name=title]", "Rà soát danh mục dịch vụ công trực tuyến")
    type_in_picker(page, "lead_agency_id", "so y te")
    agencies = page.locator("#lead_agency_id-ts-dropdown .option")
    expect(agencies).to_have_text(["Sở Y tế"])  # waits for the list to follow the typing
    agencies.first.click()
    type_in_picker(page, "responsible_id", "dau moi syt")
    found = page.locator("#responsible_id-ts-dropdown .option[data-value]:not([data-value=''])")
    expect(found).to_have_text([f"{officer.name} — {officer.agency.short_name}"])  # asked of the
    # server as the words were typed: the page came with no one
    screenshot("picker-lookup")
    found.first.click()
    page.locator("#action-form [type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    item = db.session.scalar(select(WorkItem).where(WorkItem.code == "NV-MOI-88"))
    assert item is not None and item.responsible_id == officer.id
    page.goto(f"/items/{item.id}/assignment")
    assert page.locator("#responsible_id").input_value() == str(officer.id)
    chosen = page.locator(".ts-control:has(#responsible_id-ts-control) .item")
    expect(chosen).to_have_text(f"{officer.name} — {officer.agency.short_name}")


@pytest.mark.viewport(PHONE)
def test_on_a_phone_the_audit_log_finds_who_acted(page, browser_login, many_people):
    browser_login("admin@tracker.demo")
    page.goto("/admin/audit")
    type_in_picker(page, "actor", "office@")
    found = page.locator("#actor-ts-dropdown .option[data-value]:not([data-value=''])")
    expect(found).to_have_count(1)
    expect(found.first).to_contain_text("office@tracker.demo")
