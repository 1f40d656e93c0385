"""A recurring duty shows its next occurrence's deadline on its page, in the list and in the
API, instead of none."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from tracker.assignments.next_due import next_deadlines
from tracker.database import db
from tracker.domain.workflow import Status
from tracker.models import WorkItem

OFFICE = "office@tracker.demo"


def _series() -> WorkItem:
    return db.session.scalar(select(WorkItem).where(WorkItem.code == "BC-59-6T"))


def test_the_duty_shows_its_made_occurrence_s_deadline(login, today):
    series = _series()
    assert series.deadline is None and series.children[0].deadline == date(2026, 12, 15)
    client = login(OFFICE)
    page = client.get(f"/items/{series.id}").text
    assert 'id="next-occurrence"' in page and "15/12/2026" in page
    listed = client.get("/items/?q=BC-59-6T").text
    row = listed.split(f'href="/items/{series.id}"', 1)[1].split("</tr>", 1)[0]
    assert "15/12/2026" in row and "kỳ tiếp theo" in row
    assert client.get(f"/api/v1/items/{series.id}").json["next_deadline"] == "2026-12-15"


def test_once_the_occurrence_is_done_the_rule_gives_the_next_half_year(login, today):
    series = _series()
    series.children[0].status = Status.COMPLETED.value
    series.children[0].completed_on = today
    db.session.commit()
    # 15 June 2027 is a Tuesday: the first half-year's report is due that day.
    assert next_deadlines([series], today) == {series.id: date(2027, 6, 15)}
    assert "15/06/2027" in login(OFFICE).get(f"/items/{series.id}").text


def test_an_ended_or_cancelled_duty_shows_no_next_deadline(login, today):
    series = _series()
    series.children[0].status = Status.COMPLETED.value
    series.children[0].completed_on = today
    series.recur_until = date(2027, 3, 31)
    db.session.commit()
    assert next_deadlines([series], today) == {}
    page = login(OFFICE).get(f"/items/{series.id}").text
    assert 'id="next-occurrence"' not in page and "Không có thời hạn" in page
    series.recur_until = None
    series.status = Status.CANCELLED.value
    db.session.commit()
    assert next_deadlines([series], today) == {}


def test_an_overdue_occurrence_is_not_the_next_one(app, today):
    series = _series()
    series.children[0].deadline = date(2026, 11, 1)  # past and still open
    db.session.commit()
    assert next_deadlines([series], today) == {series.id: date(2027, 6, 15)}


def test_items_that_do_not_recur_have_none(item_by_code, today):
    assert next_deadlines([item_by_code("NV-LV-01")], today) == {}


def test_the_list_s_export_gives_the_duty_s_next_deadline(login):
    import io

    from openpyxl import load_workbook

    series = _series()
    data = login(OFFICE).get("/items/?q=BC-59-6T&format=xlsx").data
    rows = [list(row) for row in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)]
    header = next(row for row in rows if "Mã" in row or "Hạn kỳ tiếp theo" in row)
    column = header.index("Hạn kỳ tiếp theo")
    duty = next(row for row in rows if series.code in row)
    assert duty[column].date() == date(2026, 12, 15)
    child = next(row for row in rows if series.children[0].code in row)
    assert child[column] is None  # an occurrence has its own deadline
