"""A person signs in, reads the overview, filters the list, opens an item, switches language."""

import re

import pytest
from playwright.sync_api import expect


def test_office_browses_the_plan(page, browser_login, screenshot):
    page.goto("/")
    assert "/login" in page.url
    browser_login("office@tracker.demo")
    assert page.locator("h1").first.inner_text().startswith("Kế hoạch")
    screenshot("overview")

    page.goto("/items/")
    page.fill("input[name=q]", "y te")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile(r"q=y\+te"))
    # The sector's heading and its sub-items all match; the heading is the one to open.
    rows = page.locator("#items tbody tr", has_text="Chuyển đổi số trong lĩnh vực y tế")
    assert rows.count() >= 1
    assert page.locator("#items tbody tr").count() > rows.count()

    rows.first.locator("a").first.click()
    facts = page.locator("#item-facts").inner_text()
    assert "Sở Y tế" in facts
    assert "Cơ quan chủ trì" in facts
    screenshot("item")

    page.click("#language-switch button[lang=en]")
    assert "Lead agency" in page.locator("#item-facts").inner_text()


@pytest.mark.viewport({"width": 390, "height": 844})
def test_agency_head_reads_its_items_on_a_phone(page, browser_login, screenshot):
    browser_login("head.syt@tracker.demo")
    page.goto("/items/")
    assert page.locator("#items").is_hidden()  # a card per item instead of a wide table
    cards = page.locator("#item-cards").inner_text()
    assert "Chuyển đổi số trong lĩnh vực y tế" in cards
    assert "NV-LV-08" not in cards
    assert page.locator("#filters").is_hidden()
    page.click("text=Bộ lọc")
    expect(page.locator("#filters")).to_be_visible()
    page.locator("#filters select[name=standing]").select_option("overdue")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile("standing=overdue"))  # the click only starts the navigation
    screenshot("items-phone")
