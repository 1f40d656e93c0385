"""The office pages: who may open them, filters, bad input, exports, the urging letter."""

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

from tracker.database import db

OFFICE = "office@tracker.demo"


@pytest.mark.parametrize(
    ("email", "status"),
    [
        (OFFICE, 200),
        ("leader@tracker.demo", 200),
        ("admin@tracker.demo", 200),
        ("head.syt@tracker.demo", 403),
        ("officer.syt@tracker.demo", 403),
    ],
)
def test_who_may_open_the_overdue_list(login, email, status):
    client = login(email)
    for url in ("/office/overdue", "/office/idle", "/office/letters/syt"):
        assert client.get(url).status_code == status


def test_needs_sign_in(client):
    response = client.get("/office/overdue")
    assert response.status_code == 302
    assert "/login" in response.location


def test_overdue_list_groups_by_agency(login):
    page = login(OFFICE).get("/office/overdue").text
    assert 'id="overdue"' in page
    assert "Văn phòng UBND tỉnh" in page
    assert 'class="table-light agency-group"' in page
    assert "nhiệm vụ quá hạn" in page


def test_filter_by_agency_and_level(login):
    page = login(OFFICE).get("/office/overdue?agency=syt&level=3").text
    rows = page.split('id="overdue"')[1]
    assert "NV-LV-01" in rows  # Sở Y tế's task, due 31/12/2025
    assert "NV-LV-02" not in rows


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("agency=khong-co", "Giá trị không hợp lệ."),
        ("as_of=2026-13-01", "Ngày không hợp lệ"),
        ("as_of=2099-01-01", "Ngày không được sau ngày hiện tại."),
        ("as_of=1999-12-31", "Chọn ngày trong khoảng từ 01/01/2000 đến 31/12/2100."),
        ("level=7", "Giá trị không hợp lệ."),
        ("age=abc", "Giá trị không hợp lệ."),
        ("page=0", "Số trang nằm ngoài phạm vi cho phép."),
    ],
)
def test_bad_filters_are_a_clear_400(login, query, message):
    response = login(OFFICE).get(f"/office/overdue?{query}")
    assert response.status_code == 400
    assert 'id="filter-errors"' in response.text
    assert message in response.text


def test_unknown_format_is_400(login):
    response = login(OFFICE).get("/office/overdue?format=pdf")
    assert response.status_code == 400
    assert "xlsx" in response.text


def test_page_past_the_end(login):
    response = login(OFFICE).get("/office/overdue?page=999")
    assert response.status_code == 404


def _sheet_rows(data: bytes):
    sheet = load_workbook(io.BytesIO(data)).active
    return sheet, [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_export_overdue_list_to_excel(login):
    client = login(OFFICE)
    page = client.get("/office/overdue?agency=syt").text
    response = client.get("/office/overdue?agency=syt&format=xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    sheet, rows = _sheet_rows(response.data)
    flat = [value for row in rows for value in row if value]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    assert "NHIỆM VỤ QUÁ HẠN" in flat
    assert "tính đến ngày 25/11/2026" in flat
    assert sheet["A1"].font.name == "Times New Roman"
    header = next(i for i, row in enumerate(rows) if row[0] == "STT")
    codes = [row[1] for row in rows[header + 1 :]]
    assert codes and all(f">{code}<" in page for code in codes)
    assert len(codes) == page.split('id="overdue"')[1].count("/items/")


def test_export_csv_has_the_layout(login):
    response = login(OFFICE).get("/office/overdue?format=csv")
    assert response.status_code == 200
    text = response.data.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert "tính đến ngày 25/11/2026" in lines


def test_a_huge_export_is_refused_with_a_message(app, login):
    app.config["EXPORT_MAX_ROWS"] = 5
    response = login(OFFICE).get("/office/overdue?format=xlsx")
    assert response.status_code == 400
    assert "tối đa 5 dòng" in response.text


def test_urging_letter(login):
    page = login(OFFICE).get("/office/letters/syt?as_of=2026-09-30").text
    assert "Kính gửi:" in page
    assert "Sở Y tế" in page
    assert "NV-LV-01" in page
    assert "Tính đến ngày 30/09/2026, Sở Y tế còn" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page


def test_letter_for_an_unknown_agency_is_404(login):
    response = login(OFFICE).get("/office/letters/khong-co")
    assert response.status_code == 404
    assert "Không có cơ quan nào có mã khong-co." in response.text


def test_idle_tab_lists_and_exports(login, agency, make_item, today):
    item = make_item(
        agency.code, status="in_progress", last_activity_on=today - timedelta(days=120)
    )
    db.session.commit()
    client = login(OFFICE)
    assert item.code in client.get("/office/idle").text
    sheet, rows = _sheet_rows(client.get("/office/idle?format=xlsx").data)
    assert any(row[1] == item.code for row in rows)
    assert date(2026, 11, 25).strftime("%d/%m/%Y") in str(rows)
