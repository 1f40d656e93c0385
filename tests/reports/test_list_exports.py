"""Every list exports with its filters: the item list, a document's items, an agency's items."""

from datetime import date, datetime

from openpyxl.utils import get_column_letter
from sqlalchemy import func, select

from tests.spreadsheets import cover, csv_rows, table
from tracker.database import db
from tracker.models import Agency, Plan, WorkItem

OFFICE = "office@tracker.demo"


def test_item_list_exports_to_csv_with_its_filters(login):
    client = login(OFFICE)
    response = client.get("/items/?agency=syt&agency_role=lead&format=csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="danh-sach-nhiem-vu-2026-11-25.csv"' in response.headers["Content-Disposition"]
    header, *rows = csv_rows(response.data)
    assert header[:3] == ["STT", "Mã", "Tên"]
    lead = db.session.scalar(select(Agency.name).where(Agency.code == "syt"))
    assert rows and {row[header.index("Cơ quan chủ trì")] for row in rows} == {lead}
    led = WorkItem.lead_agency_id == Agency.id
    expected = db.session.scalar(
        select(func.count()).select_from(WorkItem).join(Agency, led).where(Agency.code == "syt")
    )
    assert len(rows) == expected
    deadlines = [row[header.index("Thời hạn hiện hành")] for row in rows]
    assert all(day == "" or date.fromisoformat(day) for day in deadlines)


def test_a_documents_items_export_to_excel_as_typed_cells(login):
    number = db.session.scalar(select(Plan.number).order_by(Plan.id))
    response = login(OFFICE).get(f"/items/?document={number}&format=xlsx")
    assert response.status_code == 200
    sheet, header, rows = table(response.data)
    assert sheet.title == "Nhiệm vụ, chỉ tiêu" and sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    assert number in cover(response.data)
    assert {row[header.index("Văn bản")] for row in rows} == {number}
    deadline = header.index("Thời hạn hiện hành")
    dated = [row[deadline] for row in rows if row[deadline] is not None]
    assert dated and all(isinstance(day, datetime) for day in dated)
    assert all(isinstance(row[header.index("Tiến độ (%)")], int) for row in rows)
    total = db.session.scalar(
        select(func.count()).select_from(WorkItem).join(Plan).where(Plan.number == number)
    )
    assert len(rows) == total


def test_search_narrows_the_export_as_it_narrows_the_page(login):
    client = login(OFFICE)
    page = client.get("/items/?q=y+te").text
    header, *rows = csv_rows(client.get("/items/?q=y+te&format=csv").data)
    found = int(page.split('<p class="mb-2">')[1].split()[0])
    assert 0 < len(rows) == found


def test_agency_page_exports_only_its_agencys_items(login):
    response = login("officer.syt@tracker.demo").get("/agency/?format=xlsx")
    assert response.status_code == 200
    _sheet, header, rows = table(response.data)
    lead, coordinating = header.index("Cơ quan chủ trì"), header.index("Cơ quan phối hợp")
    name = db.session.scalar(select(Agency.name).where(Agency.code == "syt"))
    assert rows and all(row[lead] == name or name in (row[coordinating] or "") for row in rows)


def test_an_unknown_format_is_a_400(login):
    response = login(OFFICE).get("/items/?format=pdf")
    assert response.status_code == 400
    assert "xlsx" in response.text
