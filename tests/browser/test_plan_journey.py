"""A person signs in, reads the overview, filters the list, opens an item, switches language."""


def test_office_browses_the_plan(page, browser_login, screenshot):
    page.goto("/")
    assert "/login" in page.url
    browser_login("office@tracker.demo")
    assert page.locator("h1").first.inner_text().startswith("Kế hoạch")
    screenshot("overview")

    page.goto("/items/")
    page.fill("input[name=q]", "y te")
    page.click("#filters button[type=submit]")
    rows = page.locator("#items tbody tr")
    assert rows.count() >= 1
    assert "Chuyển đổi số trong lĩnh vực y tế" in rows.first.inner_text()

    rows.first.locator("a").first.click()
    assert "Sở Y tế" in page.locator("#item-facts").inner_text()
    screenshot("item")

    page.click("#language-switch button[lang=en]")
    assert "Lead agency" in page.locator("#item-facts").inner_text()
