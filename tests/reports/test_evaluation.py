"""The year-end emulation evaluation: figures per agency by the statistics' rules, the score
from the office's weights (audited), Excel and Word outputs read back, and bad input."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.papers import docx_tables, docx_text
from tests.spreadsheets import table
from tests.workers import another_worker, statements_of
from tracker.database import db
from tracker.models import Agency, AuditEvent, EvaluationWeights, ExtensionRequest, User

OFFICE = "office@tracker.demo"
URL = "/reports/evaluation/?year=2026"
WEIGHTS = {"on_time": "1", "late": "0", "overdue": "-1", "extension": "0", "late_update": "0"}


def _row(html: str, code: str) -> list[str]:
    row = re.search(rf'<tr data-code="{code}">(.*?)</tr>', html, re.S).group(1)
    return re.findall(r'<td class="num">([^<]*)</td>', row)[1:]  # after No.


def _numbers(html: str, code: str) -> list[int]:
    return [int(value.replace(".", "")) for value in _row(html, code)[:7]]


def test_figures_follow_the_year_and_the_counting_rules(login, make_item, user_by_email):
    client = login(OFFICE)
    before = _numbers(client.get(URL).text, "syt")
    done = dict(status="completed", assigned_on=date(2026, 2, 1), confirmed_on=date(2026, 4, 25))
    make_item("syt", deadline=date(2026, 5, 1), completed_on=date(2026, 4, 20), **done)
    make_item("syt", deadline=date(2026, 3, 1), completed_on=date(2026, 4, 20), **done)
    overdue = make_item("syt", deadline=date(2026, 6, 1), assigned_on=date(2025, 3, 1))
    # Finished in 2025: not part of 2026's work.
    make_item("syt", deadline=date(2025, 6, 1), status="completed", completed_on=date(2025, 5, 2),
              confirmed_on=date(2025, 5, 3))  # fmt: skip
    parent = make_item("syt", deadline=date(2026, 9, 1), assigned_on=date(2026, 1, 5))
    make_item("syt", deadline=date(2026, 9, 1), assigned_on=date(2026, 1, 5), parent_id=parent.id)
    officer = user_by_email("officer.syt@tracker.demo")
    db.session.add(
        ExtensionRequest(item_id=overdue.id, requested_by_id=officer.id,
                         requested_on=date(2026, 5, 20), current_deadline=date(2026, 6, 1),
                         proposed_deadline=date(2026, 12, 31), reason="Cần thêm thời gian",
                         status="rejected", decided_on=date(2026, 5, 25))
    )  # fmt: skip
    db.session.commit()
    after = _numbers(client.get(URL).text, "syt")
    # assigned (the parent counts through its one sub-item), on time, late, overdue, extensions
    assert [a - b for a, b in zip(after[:5], before[:5], strict=True)] == [3, 1, 1, 2, 1]


def test_agencies_as_they_existed_during_the_year(login, make_item):
    client = login(OFFICE)
    gone = Agency(code="so-cu", name="Sở Cũ", existing_until=date(2025, 7, 1))
    db.session.add(gone)
    db.session.commit()
    assert 'data-code="so-cu"' not in client.get(URL).text
    assert 'data-code="so-cu"' in client.get("/reports/evaluation/?year=2025").text


def test_weights_are_set_by_the_office_and_audited(login):
    client = login(OFFICE)
    default_score = _row(client.get(URL).text, "syt")[-1]
    response = client.post("/reports/evaluation/weights?year=2026", data=WEIGHTS)
    assert response.status_code == 302
    stored = db.session.get(EvaluationWeights, 1)
    assert stored.overdue == Decimal("-1") and stored.late == Decimal("0")
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.subject_type == "evaluation_weights")
    )
    assert event is not None and event.actor_id == db.session.scalar(
        select(User.id).where(User.email == OFFICE)
    )
    page = client.get(URL).text
    assert _row(page, "syt")[-1] != default_score
    assert 'value="-1"' in page or 'value="-1.00"' in page


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("on_time", "11"),
        ("late", "-10.5"),
        ("overdue", "abc"),
        ("extension", ""),
        ("late_update", "NaN"),
    ],  # fmt: skip
)
def test_bad_weights_are_refused_and_nothing_is_written(login, field, value):
    client = login(OFFICE)
    response = client.post("/reports/evaluation/weights", data={**WEIGHTS, field: value})
    assert response.status_code == 400
    assert "invalid-feedback" in response.text
    assert db.session.get(EvaluationWeights, 1) is None
    audited = select(func.count()).where(AuditEvent.subject_type == "evaluation_weights")
    assert db.session.scalar(audited) == 0


def test_only_the_office_sets_weights_and_agencies_do_not_see_the_page(login):
    leader = login("leader@tracker.demo")
    assert leader.post("/reports/evaluation/weights", data=WEIGHTS).status_code == 403
    assert leader.get(URL).status_code == 200
    assert login("head.syt@tracker.demo").get(URL).status_code == 403


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("year=1990", 400, "Năm"),
        ("year=abc", 400, "Năm"),
        ("year=2027", 400, "Năm"),
        ("year=2020", 404, "Không có gì để đánh giá"),
        ("year=2026&agency=khong-co", 404, "khong-co"),
        ("year=2026&format=pdf", 400, "xlsx"),
    ],
)
def test_bad_input_gets_a_message(login, query, status, message):
    response = login(OFFICE).get(f"/reports/evaluation/?{query}")
    assert response.status_code == status
    assert message in response.text


def test_one_agency(login):
    page = login(OFFICE).get(URL + "&agency=syt").text
    assert re.findall(r'<tr data-code="([^"]+)"', page) == ["syt"]


def test_excel_and_word_hold_the_page_figures(login):
    client = login(OFFICE)
    shown = _row(client.get(URL).text, "syt")
    sheet, header, rows = table(client.get(URL + "&format=xlsx").data)
    assert header[:3] == ["STT", "Cơ quan", "Số nhiệm vụ được giao"] and header[-1] == "Điểm"
    assert sheet.title == "Đánh giá 2026" and sheet.freeze_panes == "A2"
    syt = next(row for row in rows if row[1] == "Sở Y tế")
    assert [str(v) for v in syt[2:9]] == [s.replace(".", "") for s in shown[:7]]
    assert all(isinstance(v, int) for v in syt[2:9])
    assert isinstance(syt[-1], int | float) and f"{syt[-1]:g}".replace(".", ",") == shown[-1]
    response = client.get(URL + "&format=docx")
    assert 'filename="danh-gia-thi-dua-2026.docx"' in response.headers["Content-Disposition"]
    text = docx_text(response.data)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "năm 2026" in text
    body = next(t for t in docx_tables(response.data) if t[0][-1] == "Điểm")
    line = next(row for row in body if row[1] == "Sở Y tế")
    assert line[2:] == shown


def test_the_figures_are_counted_once_while_the_data_is_unchanged(app, login, database_url):
    """A pass over every item as of the year's end: every web process reads what one counted,
    until a write changes the data (the first test here sees a write counted)."""
    client = login(OFFICE)
    first = client.get(URL).text
    with statements_of(app) as statements:
        again = client.get(URL).text
    assert not any("GROUP BY" in sql and "work_items" in sql for sql in statements)
    with another_worker(database_url, OFFICE) as (other, elsewhere):
        with statements_of(other) as theirs:
            there = elsewhere.get(URL).text
    assert not any("GROUP BY" in sql and "work_items" in sql for sql in theirs)
    assert _row(again, "syt") == _row(first, "syt") == _row(there, "syt")
