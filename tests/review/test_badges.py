"""One badge per item, in words, the same on the list, the item page, the agency's page and
the export."""

from datetime import timedelta

from tracker.database import db
from tracker.domain.standing import Standing
from tracker.domain.targets import Verdict
from tracker.labels import item_badge
from tracker.workflow import actions as workflow

from .conftest import DONE, person


def test_the_words_tell_what_waits_and_what_is_short(app):
    assert item_badge("submitted", Standing.OVERDUE, 3) == "Chờ Văn phòng xác nhận · quá hạn 3 ngày"
    assert item_badge("completed", Standing.DONE_ON_TIME, 0, Verdict.MISSED) == (
        "Hoàn thành · chỉ tiêu chưa đạt"
    )
    assert item_badge("completed", Standing.DONE_LATE, 0) == "Hoàn thành quá hạn"
    assert item_badge("in_progress", Standing.IN_PROGRESS, 0, waiting_head=True) == (
        "Chờ lãnh đạo cơ quan duyệt"
    )


def test_lists_and_the_item_page_say_the_same(make_item, login, today):
    item = make_item()
    item.deadline = item.original_deadline = today - timedelta(days=3)
    item.status, item.completed_on = "submitted", today
    db.session.commit()
    words = "Chờ Văn phòng xác nhận · quá hạn 3 ngày"
    client = login("officer.syt@tracker.demo")
    assert words in client.get(f"/items/{item.id}").text
    assert words in client.get("/items/?q=RV-01").text
    assert words in client.get("/agency/").text
    exported = client.get("/items/?q=RV-01&format=csv").get_data(as_text=True)
    assert words in exported  # the export's standing column carries the badge's words


def test_the_agency_page_says_why_an_item_was_returned(make_item, login):
    item = make_item()
    workflow.submit(person("officer.syt@tracker.demo"), item.id, item.version, DONE)
    workflow.return_submission(
        person("office@tracker.demo"), item.id, item.version, "Thiếu biên bản nghiệm thu"
    )
    page = login("head.syt@tracker.demo").get("/agency/").text
    assert "Văn phòng trả lại: Thiếu biên bản nghiệm thu" in page
