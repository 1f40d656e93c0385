"""Two journeys in a real browser: a head reports and submits, the office confirms; a head asks
for more time, the office approves, and the item's standing and history show it."""

import re

import pytest

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def config_overrides(tmp_path) -> dict:
    # CSRF on, as in production: every form of the journeys must carry its token.
    return {"UPLOAD_FOLDER": str(tmp_path / "uploads"), "WTF_CSRF_ENABLED": True}


@pytest.fixture
def evidence(tmp_path):
    path = tmp_path / "Báo cáo kết quả SYT.pdf"
    path.write_bytes(PDF)
    return path


def sign_out(page) -> None:
    page.click("form[action='/logout'] button")
    page.wait_for_url(re.compile(r"/login"))


def open_item(page, code: str) -> None:
    page.goto("/items/?q=" + code)
    page.click(f"#items a:text-is('{code}')")


def test_head_reports_with_evidence_and_submits_the_office_confirms(
    page, browser_login, screenshot, evidence
):
    browser_login("head.syt@tracker.demo")
    assert page.url.endswith("/agency/")
    assert "Sở Y tế" in page.locator("h1").inner_text()
    screenshot("agency-page")

    page.click("#led-items a:text-is('NV-LV-01')")
    page.click("#item-actions a[href$='/progress']")
    page.fill("input[name=progress]", "90")
    page.fill("textarea[name=text]", "Đã triển khai hồ sơ sức khỏe điện tử tại 90% cơ sở y tế.")
    page.fill("input[name=document_number]", "312/BC-SYT")
    page.fill("input[name=document_date]", "2026-11-24")
    page.set_input_files("input[name=files]", str(evidence))
    screenshot("progress-form")
    page.click("#action-form button[type=submit]")
    assert "Đã cập nhật tiến độ." in page.locator(".alert-success").inner_text()
    assert "Báo cáo kết quả SYT.pdf" in page.locator("#reports").inner_text()

    page.click("#item-actions a[href$='/submit']")
    page.fill("textarea[name=text]", "Hoàn thành chuyển đổi số trong lĩnh vực y tế.")
    page.fill("input[name=document_number]", "140/BC-SYT")
    page.fill("input[name=document_date]", "2026-11-24")
    page.click("#action-form button[type=submit]")
    assert "Đã báo cáo hoàn thành" in page.locator(".alert-success").inner_text()
    assert "Đã báo cáo hoàn thành, chờ xác nhận" in page.locator("#item-facts").inner_text()
    screenshot("submitted")
    sign_out(page)

    browser_login("office@tracker.demo")
    page.goto("/office/inbox")
    page.click("#inbox-submissions a:text-is('NV-LV-01')")
    assert "Hoàn thành chuyển đổi số" in page.locator(".report").first.inner_text()
    assert "Báo cáo kết quả SYT.pdf" in page.locator("#reports").inner_text()
    # Sở Y tế's extension request (from the demo) must be decided before the confirmation.
    page.click("text=Xem đề nghị")
    page.fill("textarea[name=note]", "Đơn vị đã báo cáo hoàn thành; không cần gia hạn.")
    page.click("button[value=reject]")
    assert "Đã không đồng ý gia hạn." in page.locator(".alert-success").inner_text()
    page.click("#item-actions a[href$='/review']")
    screenshot("review")
    page.click("#confirm-form button[type=submit]")
    assert "Đã xác nhận hoàn thành." in page.locator(".alert-success").inner_text()
    facts = page.locator("#item-facts").inner_text()
    assert "Hoàn thành" in facts and "25/11/2026" in facts
    history = page.locator("#history").inner_text()
    assert "Đã xác nhận hoàn thành" in history and "Báo cáo hoàn thành" in history
    screenshot("confirmed")


def test_head_requests_an_extension_the_office_approves(page, browser_login, screenshot):
    browser_login("head.stttt@tracker.demo")
    open_item(page, "NV-C-04")
    assert "Đang thực hiện · quá hạn" in page.locator("h1 + p").inner_text()
    page.click("#item-actions a[href$='/extensions/new']")
    page.fill("input[name=proposed_deadline]", "2027-03-31")
    page.fill("textarea[name=reason]", "Chờ bố trí vốn cho nền tảng tích hợp, chia sẻ dữ liệu.")
    page.click("#action-form button[type=submit]")
    assert "Đã gửi đề nghị gia hạn" in page.locator(".alert-success").inner_text()
    assert "31/03/2027" in page.locator("#pending-extension").inner_text()
    assert "Đề nghị muộn" in page.locator("#pending-extension").inner_text()
    sign_out(page)

    browser_login("office@tracker.demo")
    page.goto("/office/inbox")
    page.click("#inbox-extensions a:text-is('NV-C-04')")
    page.fill("input[name=decision_document]", "1234/UBND-TH")
    screenshot("extension-decision")
    page.click("button[value=approve]")
    assert "Đã đồng ý gia hạn." in page.locator(".alert-success").inner_text()

    badge = page.locator("h1 + p .item-badge").inner_text()
    assert badge == "Đang thực hiện"  # the new deadline: no longer overdue
    facts = page.locator("#item-facts").inner_text()
    assert "31/03/2027" in facts and "thời hạn ban đầu 31/12/2025" in facts
    history = page.locator("#history").inner_text()
    assert "Đã đồng ý gia hạn" in history and "31/12/2025 → 31/03/2027" in history
    assert "1234/UBND-TH" in history and "Đề nghị gia hạn" in history
    screenshot("extension-approved")


@pytest.mark.viewport({"width": 390, "height": 844})
def test_the_agency_page_on_a_phone(page, browser_login, screenshot):
    browser_login("officer.stttt@tracker.demo")
    assert page.locator("#agency-counts").is_visible()
    first = page.locator("#led-items .item-card").first
    assert first.get_attribute("data-urgency") == "0"  # overdue first
    assert first.bounding_box()["width"] <= 390
    screenshot("agency-page-phone")
