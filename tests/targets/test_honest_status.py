"""A target is completed only when met: a missing value refuses the submission and the
confirmation (409, nothing written); the office ends it as "kết thúc – không đạt" with a
reason; lists, pages and exports tell "Hoàn thành · đạt" and "Kết thúc · không đạt" apart."""

import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Activity

OFFICE, OFFICER = "office@tracker.demo", "officer.nhnn@tracker.demo"
MISSES = "chưa đạt chỉ tiêu đang có hiệu lực (80 % dân số)"


def _history(item) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Activity).where(Activity.item_id == item.id)
    )


def _submit(client, item):
    data = {"version": item.version, "text": "Đã đạt 82% dân số có tài khoản.",
            "document_number": "15/BC-NHNN", "document_date": "2026-11-20"}  # fmt: skip
    return client.post(f"/items/{item.id}/submit", data=data)


def test_the_agency_cannot_submit_a_target_its_value_misses(login, measured):
    item = measured("XHS-2030-02", "55", status="in_progress")
    before = (item.version, _history(item))
    response = _submit(login(OFFICER), item)
    assert response.status_code == 409
    assert "55 % dân số ngày 01/11/2026" in response.text and MISSES in response.text
    db.session.refresh(item)
    assert item.status == "in_progress" and (item.version, _history(item)) == before


def test_the_office_cannot_confirm_a_target_its_value_misses(login, measured):
    item = measured("XHS-2030-02", "55", status="submitted")
    response = login(OFFICE).post(f"/items/{item.id}/confirm", data={"version": item.version})
    assert response.status_code == 409 and MISSES in response.text
    db.session.refresh(item)
    assert item.status == "submitted" and item.target_outcome is None
    api = login(OFFICE).post(f"/api/v1/items/{item.id}/confirm", json={"version": item.version})
    assert api.status_code == 409 and MISSES in api.json["message"]


def test_nor_in_a_bulk_confirmation(login, measured):
    item = measured("XHS-2030-02", "55", status="submitted")
    response = login(OFFICE).post(
        "/items/bulk", data={"action": "confirm", "selected": [f"{item.id}:{item.version}"]}
    )
    assert response.status_code == 409
    assert "giá trị đo được mới nhất chưa đạt chỉ tiêu đang có hiệu lực" in response.text
    db.session.refresh(item)
    assert item.status == "submitted"


def test_a_target_with_no_measured_value_is_not_completed(login, item_by_code):
    item = item_by_code("XHS-2030-02")
    item.measurements.clear()
    item.status = "in_progress"
    db.session.commit()
    response = _submit(login(OFFICER), item)
    assert response.status_code == 409 and "chưa có giá trị đo được" in response.text


def test_a_met_target_is_completed_as_met(login, measured, item_by_code):
    item = measured("XHS-2030-02", "82", status="in_progress")
    assert _submit(login(OFFICER), item).status_code == 302
    item = item_by_code("XHS-2030-02")
    office = login(OFFICE)
    confirmed = office.post(f"/items/{item.id}/confirm", data={"version": item.version})
    assert confirmed.status_code == 302
    item = item_by_code("XHS-2030-02")
    assert item.status == "completed" and item.target_outcome == "met"
    page = office.get(f"/items/{item.id}").text
    assert "Hoàn thành · đạt" in page.split('item-badge">')[1].split("</span>")[0]
    assert "Hoàn thành · đạt" in page.split('id="item-status"')[1].split("</dd>")[0]


def test_the_revised_value_decides_whether_it_is_met(login, measured, item_by_code):
    item = measured("KTS-2030-01", "22", status="in_progress")  # within 15–20 %, short of 30 %
    response = _submit(login("officer.skhdt@tracker.demo"), item)
    assert response.status_code == 409 and "(30 % GRDP)" in response.text


def test_the_office_ends_a_missed_target_as_not_met(login, measured, item_by_code):
    item = measured("XHS-2030-02", "55", status="in_progress")
    office = login(OFFICE)
    url = f"/items/{item.id}/close-not-met"
    assert url in office.get(f"/items/{item.id}").text
    refused = office.post(url, data={"version": item.version, "reason": " "})
    assert refused.status_code == 400 and item_by_code("XHS-2030-02").status == "in_progress"
    reason = "Đến 2030 chỉ đạt 55% dân số; nhiều hộ ở vùng sâu chưa có tài khoản."
    assert office.post(url, data={"version": item.version, "reason": reason}).status_code == 302
    item = item_by_code("XHS-2030-02")
    assert (item.status, item.target_outcome, item.result) == ("completed", "not_met", reason)
    entry = item.activities[-1]
    assert entry.verb == "closed_not_met" and entry.note == reason
    page = office.get(f"/items/{item.id}").text
    assert "Kết thúc · không đạt" in page and "Hoàn thành · đạt" not in page
    listed = office.get("/items/?q=XHS-2030-02").text
    assert "Kết thúc · không đạt" in listed
    sheet = office.get("/items/?q=XHS-2030&format=xlsx")
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(sheet.data)).active.rows]
    assert any("XHS-2030-02" in r and "Kết thúc · không đạt" in r for r in rows)


def test_a_met_target_is_not_ended_as_not_met(login, measured, item_by_code):
    item = measured("XHS-2030-02", "82", status="in_progress")
    response = login(OFFICE).post(
        f"/items/{item.id}/close-not-met", data={"version": item.version, "reason": "Sai"}
    )
    assert response.status_code == 409
    assert item_by_code("XHS-2030-02").status == "in_progress"


def test_only_the_office_ends_a_target(login, measured):
    item = measured("XHS-2030-02", "55", status="in_progress")
    response = login(OFFICER).post(
        f"/items/{item.id}/close-not-met", data={"version": item.version, "reason": "Không đạt"}
    )
    assert response.status_code == 403


def test_the_statistics_items_behind_a_figure_tell_the_outcome(login, measured, item_by_code):
    item = measured("XHS-2030-02", "55", status="in_progress")
    office = login(OFFICE)
    reason = "Đến 2030 chỉ đạt 55% dân số."
    office.post(f"/items/{item.id}/close-not-met", data={"version": item.version, "reason": reason})
    item = item_by_code("XHS-2030-02")
    # Ended years before its 2030 deadline: counted as finished on time, and said not met.
    url = f"/reports/agencies/{item.lead_agency.code}?standing=done_on_time"
    page = office.get(url).text
    row = page.split(f'href="/items/{item.id}"', 1)[1].split("</tr>", 1)[0]
    assert "Kết thúc · không đạt" in row
    sheet = office.get(f"{url}&format=xlsx")
    rows = [[c.value for c in r] for r in load_workbook(io.BytesIO(sheet.data)).active.rows]
    assert any("XHS-2030-02" in r and "Kết thúc · không đạt" in r for r in rows)
