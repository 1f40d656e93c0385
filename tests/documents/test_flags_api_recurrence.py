"""Key, urgent and not-public items; documents and the import in the API; recurring items."""

from __future__ import annotations

import io
import re
from datetime import date

from openpyxl import Workbook
from sqlalchemy import select

from tracker.annex.layout import COLUMNS
from tracker.assignments.recurrence import make_occurrences
from tracker.counting import piece_of_work
from tracker.database import db
from tracker.domain.recurrence import DayOffRule, Every, Recurrence
from tracker.domain.workdays import WorkCalendar
from tracker.models import Agency, Plan, WorkItem

OFFICE = "office@tracker.demo"


def workbook(rows: list[dict]) -> bytes:
    sheet_book = Workbook()
    sheet = sheet_book.active
    sheet.append([column.header for column in COLUMNS])
    for values in rows:
        sheet.append([values.get(column.key) for column in COLUMNS])
    out = io.BytesIO()
    sheet_book.save(out)
    return out.getvalue()


def _annex() -> bytes:
    return workbook(
        [{"code": f"CT-{n}", "title": f"Nhiệm vụ {n}", "lead": "Sở Y tế"} for n in range(1, 5)]
    )


def new_item_form(**changes) -> dict:
    lead = db.session.scalar(select(Agency.id).where(Agency.code == "syt"))
    document = db.session.scalar(select(Plan.id).where(Plan.number == "245/TB-UBND"))
    return {"code": "TB245-09", "kind": "task", "title": "Báo cáo khẩn", "lead_agency_id": lead,
            "deadline": "2026-12-20", "document_id": document, "is_urgent": "y",
            "not_public": "y", "target_comparison": "at_least", **changes}  # fmt: skip


def test_the_office_enters_an_urgent_not_public_item_into_a_chosen_document(login):
    response = login(OFFICE).post("/items/new", data=new_item_form())
    assert response.status_code == 302, response.text
    item = db.session.scalar(select(WorkItem).where(WorkItem.code == "TB245-09"))
    assert item.plan.number == "245/TB-UBND"
    assert item.is_urgent and not item.is_public and not item.is_key
    page = login(OFFICE).get(f"/items/{item.id}").text
    assert "flag-urgent" in page and "flag-not-public" in page and "245/TB-UBND" in page


def test_the_list_filters_on_flags_and_documents(login):
    client = login(OFFICE)
    client.post("/items/new", data=new_item_form())
    urgent = client.get("/items/?flag=urgent").text
    codes = set(re.findall(r'<td class="text-nowrap"><a href="/items/\d+">([^<]+)</a>', urgent))
    expected = {i.code for i in db.session.scalars(select(WorkItem).where(WorkItem.is_urgent))}
    assert codes == expected and "TB245-09" in codes
    hidden = client.get("/items/?flag=not_public&document=245/TB-UBND").text
    assert "TB245-09" in hidden and "TB245-01" not in hidden
    assert client.get("/items/?flag=secret").status_code == 400


def test_urgent_items_come_first_in_the_overdue_list(login):
    late = db.session.scalars(
        select(WorkItem)
        .where(WorkItem.deadline < date(2026, 11, 25), WorkItem.status == "in_progress")
        .where(piece_of_work())  # a parent is counted through its sub-items, not listed
        .order_by(WorkItem.deadline.desc(), WorkItem.id)
    ).first()
    late.is_urgent = True  # the least overdue of all: last but for its urgency
    db.session.commit()
    client = login(OFFICE)
    for order in ("agency", "most", "least"):
        page = client.get(f"/office/overdue?sort={order}").text
        rows = re.findall(r'<a href="/items/(\d+)">', page.split('id="overdue"')[1])
        assert rows[0] == str(late.id), order
    only = client.get("/office/overdue?document=1520/QĐ-UBND").text
    assert re.search(r'id="overdue-total">0\b', only)  # the decision's items are not due yet


def test_statistics_filter_by_document_and_count_leaves(login):
    client = login(OFFICE)
    decision = client.get("/api/v1/reports/agencies").json
    assert decision["total"]["total"] > 0
    page = client.get("/reports/agencies?document=1520/QĐ-UBND").text
    # Five rows, one of them a parent of a sub-item: four pieces of work.
    total_row = page.split("<tfoot")[1]
    assert re.search(r'<td class="num">(?:<a [^>]*>)?4(?:</a>)?</td>', total_row)
    assert 'id="leaves-note"' in page
    assert client.get("/reports/agencies?document=nope").status_code == 400


def test_documents_and_their_items_in_the_api(login):
    client = login("head.syt@tracker.demo")
    listed = client.get("/api/v1/documents").json["documents"]
    numbers = {d["number"]: d for d in listed}
    assert {"59/KH-UBND", "245/TB-UBND", "1520/QĐ-UBND"} <= set(numbers)
    assert numbers["245/TB-UBND"]["type"] == "thong_bao_ket_luan"
    one = client.get(f"/api/v1/documents/{numbers['1520/QĐ-UBND']['id']}").json
    # The Department of Health sees only its own item of the decision.
    assert [item["code"] for item in one["items"]] == ["QD1520-02.1"]
    child = one["items"][0]
    assert child["parent_id"] is not None and child["document"] == "1520/QĐ-UBND"
    parent = login(OFFICE).get(f"/api/v1/items/{child['parent_id']}").json
    assert parent["is_urgent"] is True
    assert [c["code"] for c in parent["children"]] == ["QD1520-02.1"]


def test_the_api_previews_an_import_then_confirms_it(login):
    client = login(OFFICE)
    preview = client.post(
        "/api/v1/documents/import",
        data={"document": "77/CT-UBND", "file": (io.BytesIO(_annex()), "ct.xlsx")},
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200, preview.json
    body = preview.json
    assert body["ok"] and body["new_document"] and body["counts"]["new"] == 4
    assert db.session.scalar(select(Plan).where(Plan.number == "77/CT-UBND")) is None
    done = client.post(
        "/api/v1/documents/import/confirm",
        json={"token": body["token"], "document": "77/CT-UBND", "filename": "ct.xlsx"},
    )
    assert done.status_code == 201 and done.json["written"]
    document = db.session.scalar(select(Plan).where(Plan.number == "77/CT-UBND"))
    assert document.doc_type == "chi_thi"
    again = client.post(
        "/api/v1/documents/import/confirm", json={"token": body["token"], "document": "77/CT-UBND"}
    )
    assert again.status_code == 400  # the preview was used up


def test_an_invalid_sheet_previews_its_faults_as_json(login):
    sheet = workbook([{"code": "Z-1", "title": "Một", "lead": "Sở Không Có"}])
    response = login(OFFICE).post(
        "/api/v1/documents/import",
        data={"document": "77/CT-UBND", "file": (io.BytesIO(sheet), "ct.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert response.json["problems"][0]["cell"] == "E2" and "token" not in response.json


def test_a_quarterly_report_due_the_15th_of_the_quarter_s_last_month():
    rule = Recurrence(Every.QUARTER, day=15, month=3)
    days = WorkCalendar()
    due = [o.due for o in rule.between(date(2027, 1, 1), date(2027, 12, 31), days)]
    # 15 March 2027 is a Monday; 15 May is not asked; 15 September and 15 December are
    # weekdays; 15 June 2027 is a Tuesday.
    assert due == [date(2027, 3, 15), date(2027, 6, 15), date(2027, 9, 15), date(2027, 12, 15)]
    saturday = Recurrence(Every.MONTH, day=13)  # 13 February 2027 is a Saturday
    assert saturday.between(date(2027, 2, 1), date(2027, 2, 28), days)[0].due == date(2027, 2, 12)
    after = Recurrence(Every.MONTH, day=13, rule=DayOffRule.AFTER)
    assert after.between(date(2027, 2, 1), date(2027, 2, 28), days)[0].due == date(2027, 2, 15)


def test_occurrences_are_made_ahead_once_and_stop_when_the_recurrence_ends(app, login):
    series = db.session.scalar(select(WorkItem).where(WorkItem.code == "BC-59-6T"))
    assert [c.code for c in series.children] == ["BC-59-6T/2026-H2"]  # the demo's, one period
    assert series.children[0].deadline == date(2026, 12, 15)
    assert make_occurrences(date(2026, 11, 25)) == 0  # made already
    assert make_occurrences(date(2027, 1, 10)) == 1  # the next half-year comes into view
    db.session.expire_all()
    assert [c.code for c in series.children][-1] == "BC-59-6T/2027-H1"
    response = login(OFFICE).post(
        f"/items/{series.id}/recurrence",
        data={"version": series.version, "every": "half_yearly", "day": 15, "month": 6,
              "rule": "before", "until": "2027-06-30"},
    )  # fmt: skip
    assert response.status_code == 302
    assert make_occurrences(date(2027, 7, 1)) == 0  # ended: nothing after June 2027
    db.session.expire_all()
    assert len(series.children) == 2


def test_statistics_count_occurrences_not_the_recurring_item(login):
    series = db.session.scalar(select(WorkItem).where(WorkItem.code == "BC-59-6T"))
    cell = login(OFFICE).get(f"/reports/agencies/{series.lead_agency.code}").text
    assert "BC-59-6T/2026-H2" in cell and ">BC-59-6T<" not in cell


def test_not_public_items_are_left_out_of_the_public_figures(app, today):
    from tracker.reports.statistics import Dimension, Scope, counts

    decision = db.session.scalar(select(Plan.id).where(Plan.number == "1520/QĐ-UBND"))
    everything = counts(Dimension.AGENCY, today, Scope(document_id=decision))
    public = counts(Dimension.AGENCY, today, Scope(public_only=True, document_id=decision))
    police = db.session.scalar(select(Agency.id).where(Agency.code == "ca"))
    # The decision's review of information security (QD1520-04, Công an tỉnh) is not public.
    assert everything[police].total == 1
    assert police not in public or public[police].total == 0
    assert sum(t.total for t in everything.values()) - sum(t.total for t in public.values()) == 1


def test_the_list_puts_urgent_then_key_items_first_when_asked(login):
    page = login(OFFICE).get("/items/?order=flags").text
    codes = re.findall(r'<td class="text-nowrap"><a href="/items/\d+">([^<]+)</a>', page)
    urgent = {i.code for i in db.session.scalars(select(WorkItem).where(WorkItem.is_urgent))}
    assert set(codes[: len(urgent)]) == urgent
    assert codes[len(urgent)] in {
        i.code for i in db.session.scalars(select(WorkItem).where(WorkItem.is_key))
    }


def test_the_office_marks_an_existing_item_urgent_and_the_history_keeps_it(login, item_by_code):
    item = item_by_code("NV-LV-01")
    was_key = item.is_key
    client = login(OFFICE)
    form = {
        "version": item.version,
        "lead_agency_id": item.lead_agency_id,
        "responsible_id": item.responsible_id or "",
        "coordinating_agency_ids": [agency.id for agency in item.coordinating_agencies],
        "deadline": item.deadline.isoformat(),
        "is_urgent": "y",
        **({"is_key": "y"} if was_key else {}),
    }
    response = client.post(f"/items/{item.id}/assignment", data=form)
    assert response.status_code == 302, response.text
    db.session.refresh(item)
    assert item.is_urgent and item.is_key == was_key and item.is_public
    entry = item.activities[-1]
    assert entry.changes == {"is_urgent": ["False", "True"]} and entry.actor.email == OFFICE
