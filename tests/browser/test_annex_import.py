"""The office imports an annex in a real browser: upload, the preview's faults at their cells,
the corrected sheet, confirm; the document's items are then listed."""

import io
import re

import pytest
from openpyxl import Workbook

from tracker.annex.layout import COLUMNS

ROWS = [
    {"code": "K-01", "title": "Triển khai kho dữ liệu dùng chung", "lead": "Sở Tài chính",
     "deadline": "30/06/2027", "is_key": "x"},
    {"code": "K-02", "title": "Báo cáo kết quả số hóa hồ sơ", "lead": "Sở Y tế",
     "deadline": "31/12/2027", "is_urgent": "x"},
]  # fmt: skip


@pytest.fixture
def config_overrides(tmp_path) -> dict:
    # CSRF on, as in production: the upload and the confirmation carry their tokens.
    return {"UPLOAD_FOLDER": str(tmp_path / "uploads"), "WTF_CSRF_ENABLED": True}


def sheet(path, rows) -> str:
    book = Workbook()
    ws = book.active
    ws.append([column.header for column in COLUMNS])
    for row in rows:
        ws.append([row.get(column.key) for column in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return str(path)


def test_upload_preview_with_faults_fix_and_confirm(page, browser_login, screenshot, tmp_path):
    browser_login("office@tracker.demo")
    page.goto("/documents/")
    page.click("a[href='/annex/']")
    wrong = [dict(ROWS[0], lead="Sở Tài chinh ABC"), dict(ROWS[1], deadline="31/13/2027")]
    page.fill("input[name=document]", "88/KH-UBND")
    page.set_input_files("input[name=file]", sheet(tmp_path / "sai.xlsx", wrong))
    page.click("#preview")
    problems = page.locator("#annex-problems").inner_text()
    assert "E2" in problems and "Sở Tài chính" in problems  # the nearest name is offered
    assert "G3" in problems and "31/12/2025" in problems
    assert page.locator("#confirm").count() == 0
    screenshot("annex-preview-with-faults")

    page.fill("input[name=document]", "88/KH-UBND")
    page.set_input_files("input[name=file]", sheet(tmp_path / "dung.xlsx", ROWS))
    page.click("#preview")
    assert "2" in page.locator("#annex-ready").inner_text()
    screenshot("annex-preview-ready")
    page.click("#confirm")
    page.wait_for_url(re.compile(r"/documents/\d+$"))
    assert "88/KH-UBND" in page.locator("h1").inner_text()
    page.click("a[href*='document=88']")
    listed = page.locator("#items").inner_text()
    assert "K-01" in listed and "K-02" in listed
    assert page.locator("#items .flag-urgent").count() == 1
