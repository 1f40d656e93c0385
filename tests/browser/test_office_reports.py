"""The office's journey: the overdue list, a filter, statistics as of the end of last quarter,
an Excel export (the download is read back), the urging letter and the dashboard."""

import re

from tests.spreadsheets import cover, table


def test_office_follows_up_and_exports(page, browser_login, screenshot, tmp_path):
    browser_login("office@tracker.demo")
    screenshot("dashboard")
    assert page.locator("#chart-trend").is_visible()

    page.click("nav >> text=Quá hạn")
    assert page.locator("h1").first.inner_text() == "Nhiệm vụ quá hạn"
    all_rows = page.locator("#overdue tbody tr:not(.agency-group)").count()
    screenshot("overdue-list")

    # Sở KH&CN: it has led Sở TT&TT's open work since 1/3/2025.
    page.select_option("#filters select[name=agency]", "skhcn")
    page.select_option("#filters select[name=level]", "3")
    page.click("#filters button[type=submit]")
    page.wait_for_url(re.compile("agency=skhcn"))  # rows of the filtered page, not the first
    rows = page.locator("#overdue tbody tr:not(.agency-group)")
    assert 0 < rows.count() < all_rows
    for i in range(rows.count()):
        assert "Sở Khoa học và Công nghệ" in rows.nth(i).inner_text()
    screenshot("overdue-filtered")

    page.click("#overdue-by-agency >> text=Văn bản đôn đốc")
    assert "Kính gửi:" in page.locator("#letter").inner_text()
    screenshot("urging-letter")

    page.click("nav >> text=Thống kê")
    page.click("#quick-dates >> text=Cuối quý trước")
    assert "tính đến ngày 30/09/2026" in page.locator(".document-as-of").inner_text()
    total = page.locator("#statistics-total td.num").first.inner_text()
    screenshot("statistics-end-of-last-quarter")

    with page.expect_download() as download:
        page.click("#export-xlsx")
    assert download.value.suggested_filename == "thong-ke-agencies-2026-09-30.xlsx"
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    _sheet, _header, values = table(saved.read_bytes())
    assert ["", "Tổng số"] == [str(v or "") for v in values[-1][:2]]
    assert str(values[-1][2]) == total
    assert "tính đến ngày 30/09/2026" in cover(saved.read_bytes())
