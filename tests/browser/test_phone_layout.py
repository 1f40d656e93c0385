"""On a phone the overview and the urging letter fit the screen: no page scrolls sideways."""

import pytest

PHONE = {"width": 390, "height": 844}


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.viewport(PHONE)
def test_overview_and_urging_letter_fit_a_phone(page, browser_login, screenshot):
    browser_login("office@tracker.demo")

    page.goto("/")
    assert page.locator("#dashboard-at-risk tr").count() > 0  # the table that used to overflow
    screenshot("phone-overview")
    assert scroll_width(page) <= PHONE["width"]

    # The districts' open items came to the provincial office on 1/7/2025: its letter lists
    # them, with their long codes.
    page.goto("/office/letters/vp-ubnd")
    assert "CQS-2025-02-HUYEN-VINH-THANH" in page.locator("#letter-items").inner_text()
    screenshot("phone-urging-letter")
    assert scroll_width(page) <= PHONE["width"]
