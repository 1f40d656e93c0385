"""The office pages: who may open them, filters, bad input, exports, the urging letter."""

from datetime import date, datetime, timedelta

import pytest

from tests.spreadsheets import cover, csv_rows, table
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
    sheet, header, rows = table(data)
    return sheet, [header, *rows]


def test_export_overdue_list_to_excel(login):
    client = login(OFFICE)
    page = client.get("/office/overdue?agency=syt").text
    response = client.get("/office/overdue?agency=syt&format=xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "nhiem-vu-qua-han-2026-11-25.xlsx" in response.headers["Content-Disposition"]
    sheet, rows = _sheet_rows(response.data)
    heading = cover(response.data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading
    assert "Độc lập - Tự do - Hạnh phúc" in heading
    assert "NHIỆM VỤ QUÁ HẠN" in heading
    assert "tính đến ngày 25/11/2026" in heading
    assert sheet.title == "Nhiệm vụ quá hạn"
    assert sheet["A1"].font.name == "Times New Roman" and rows[0][0] == "STT"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    deadlines = [row[5] for row in rows[1:]]
    assert deadlines and all(isinstance(day, datetime) for day in deadlines)
    assert all(isinstance(row[7], int) and row[7] > 0 for row in rows[1:])  # days overdue
    # The status is the badge the lists show, with the days it is overdue.
    assert all(row[9].endswith(f"quá hạn {row[7]} ngày") for row in rows[1:])
    codes = [row[1] for row in rows[1:]]
    assert codes and all(f">{code}<" in page for code in codes)
    assert len(codes) == page.split('id="overdue"')[1].count("/items/")


def test_export_csv_is_a_plain_table(login):
    response = login(OFFICE).get("/office/overdue?format=csv&as_of=2026-09-30")
    assert response.status_code == 200
    assert "nhiem-vu-qua-han-2026-09-30.csv" in response.headers["Content-Disposition"]
    rows = csv_rows(response.data)
    assert rows[0][:3] == ["STT", "Mã", "Tên"]
    assert len(rows) > 1 and all(len(row) == len(rows[0]) for row in rows)
    assert all(date.fromisoformat(row[5]) < date(2026, 9, 30) for row in rows[1:])


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
    assert "tính đến ngày 25/11/2026" in cover(client.get("/office/idle?format=xlsx").data)
