"""The office imports an annex through the pages: template, upload, preview, confirm."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tracker.annex.layout import COLUMNS
from tracker.database import db
from tracker.models import Activity, Plan, WorkItem

from .conftest import GOOD_ROWS, row, workbook

OFFICE = "office@tracker.demo"


def items_of(number: str) -> dict[str, WorkItem]:
    plan = db.session.scalar(select(Plan).where(Plan.number == number))
    if plan is None:
        return {}
    rows = db.session.scalars(select(WorkItem).where(WorkItem.plan_id == plan.id))
    return {item.code: item for item in rows}


def preview(client, data: bytes, number: str = "12/KH-UBND", name: str = "phu-luc.xlsx"):
    return client.post(
        "/annex/",
        data={"document": number, "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def confirm(client, page: str, number: str = "12/KH-UBND"):
    token = re.search(r'name="token" type="hidden" value="([0-9a-f]{32})"', page).group(1)
    filename = re.search(r'name="filename" type="hidden" value="([^"]*)"', page).group(1)
    return client.post(
        "/annex/confirm", data={"document": number, "token": token, "filename": filename}
    )


def test_the_template_names_every_column(login):
    response = login(OFFICE).get("/annex/template.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    assert sheet.max_row == 1


def test_a_valid_sheet_previews_then_imports_every_row_into_a_new_document(login, good_sheet):
    client = login(OFFICE)
    response = preview(client, good_sheet)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert 'id="annex-ready"' in page and "12/KH-UBND" in page
    assert items_of("12/KH-UBND") == {}  # a preview writes nothing

    response = confirm(client, page)
    assert response.status_code == 302
    items = items_of("12/KH-UBND")
    assert sorted(items) == ["A-01", "A-02", "A-02.1", "A-03"]
    document = items["A-01"].plan
    assert document.doc_type == "ke_hoach" and document.issued_on is None
    assert [a.code for a in items["A-01"].coordinating_agencies] == ["skhcn", "stc"]
    assert items["A-01"].is_key and not items["A-01"].is_urgent
    assert items["A-02"].is_urgent and not items["A-02"].is_public
    assert items["A-02"].deadline == date(2027, 12, 31)  # written as text, 31/12/2027
    assert items["A-02.1"].parent is items["A-02"]
    target = items["A-03"]
    assert (target.kind, target.target_value, target.target_unit) == ("target", 90, "%")
    assert target.target_year == 2027 and target.sector.name == "Y tế"
    assert items["A-01"].group.name == "Nhiệm vụ chung"
    created = db.session.scalar(
        select(func.count(Activity.id)).where(
            Activity.item_id.in_([item.id for item in items.values()]), Activity.verb == "created"
        )
    )
    assert created == 4  # each item's history starts with who imported it


def test_importing_the_same_sheet_again_changes_nothing(login, good_sheet):
    client = login(OFFICE)
    confirm(client, preview(client, good_sheet).get_data(as_text=True))
    before = {code: item.version for code, item in items_of("12/KH-UBND").items()}

    page = preview(client, good_sheet).get_data(as_text=True)
    assert "0 nhiệm vụ mới, 0 thay đổi, 4 không đổi" in page.replace("\u00a0", " ")
    confirm(client, page)
    db.session.expire_all()
    assert {code: item.version for code, item in items_of("12/KH-UBND").items()} == before


def test_a_corrected_row_changes_only_that_item_and_its_history_says_so(login, good_sheet):
    client = login(OFFICE)
    confirm(client, preview(client, good_sheet).get_data(as_text=True))
    changed = [dict(r) for r in GOOD_ROWS]
    changed[0]["deadline"] = date(2027, 9, 30)
    page = preview(client, workbook(changed)).get_data(as_text=True)
    assert "0 nhiệm vụ mới, 1 thay đổi, 3 không đổi" in page
    confirm(client, page)
    item = items_of("12/KH-UBND")["A-01"]
    assert item.deadline == date(2027, 9, 30) and item.original_deadline == date(2027, 6, 30)
    entry = db.session.scalar(
        select(Activity).where(Activity.item_id == item.id, Activity.verb == "updated")
    )
    assert entry.changes["deadline"] == ["2027-06-30", "2027-09-30"]
    assert entry.actor.email == OFFICE


def test_every_fault_is_pointed_at_its_row_and_column_and_nothing_is_written(login):
    sheet = workbook(
        [
            row("B-01", "Nhiệm vụ một", lead="Sở Y Tết"),  # a typo: the nearest name is offered
            row("B-02", "Nhiệm vụ hai", deadline="31/13/2025"),
            row("B-03", "Nhiệm vụ ba", lead=None),
            row("B-01", "Nhiệm vụ bốn"),
            row("B-05", "Nhiệm vụ năm", coordinating="Sở Không Có"),
            row("B-06", "Nhiệm vụ sáu", is_key="có lẽ", parent="B-99"),
        ]
    )
    response = preview(login(OFFICE), sheet)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    problems = dict(re.findall(r"<tr><td class=\"text-nowrap\">(\w+)</td><td>([^<]+)</td>", page))
    assert "có phải “Sở Y tế”" in problems["E2"].replace("&#34;", '"')
    assert "31/12/2025" in problems["G3"]
    assert "cơ quan chủ trì" in problems["E4"]
    assert "dòng 2" in problems["B5"]
    assert "Sở Không Có" in problems["F6"]
    assert "x" in problems["K7"] and "B-99" in problems["N7"]
    assert items_of("12/KH-UBND") == {}
    assert db.session.scalar(select(Plan).where(Plan.number == "12/KH-UBND")) is None


@pytest.mark.parametrize("who", ["leader@tracker.demo", "head.syt@tracker.demo"])
def test_only_the_office_imports(login, who, good_sheet):
    client = login(who)
    assert client.get("/annex/").status_code == 403
    assert client.get("/annex/template.xlsx").status_code == 403
    assert preview(client, good_sheet).status_code == 403
    assert items_of("12/KH-UBND") == {}


def test_an_expired_or_forged_token_imports_nothing(login):
    client = login(OFFICE)
    response = client.post(
        "/annex/confirm",
        data={"document": "12/KH-UBND", "token": "../../etc/passwd", "filename": "x.xlsx"},
    )
    assert response.status_code == 302
    assert items_of("12/KH-UBND") == {}
