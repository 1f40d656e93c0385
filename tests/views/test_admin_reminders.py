"""The reminder administration pages: who may see them, the outbox, the preview, the policy form,
the calendar swaps and the urging letter; bad input gets a message and changes nothing."""

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import CalendarDay, Digest, ReminderSettings
from tracker.outbox.delivery import deliver
from tracker.reminders.policy import load_policy
from tracker.reminders.sweep import sweep

from ..reminders.conftest import overdue_items

OFFICE = "office@tracker.demo"
ADMIN_PAGES = ("/admin/outbox", "/admin/preview", "/admin/policy", "/admin/calendar")


@pytest.mark.parametrize(
    "email", ["officer.syt@tracker.demo", "head.syt@tracker.demo", "leader@tracker.demo"]
)
def test_only_the_office_and_administrators_manage_reminders(login, email):
    client = login(email)
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 403, url
    assert "/admin/outbox" not in client.get("/items/").text


def test_the_office_sees_every_page_and_the_menu_link(login):
    client = login(OFFICE)
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 200, url
    assert 'href="/admin/outbox"' in client.get("/items/").text


def test_signing_in_is_required(client):
    assert client.get("/admin/outbox").status_code == 302


def test_the_outbox_lists_digests_with_their_status(app, today, login):
    sweep(today)
    deliver()  # mail suppressed in tests: recorded as sent
    admin, sent = login("admin@tracker.demo"), db.session.query(Digest).count()
    # Newest first, 50 a page: with every sector's department reminded, it takes two pages.
    page = "".join(
        admin.get(f"/admin/outbox?status=sent&page={n}").text for n in range(1, sent // 50 + 2)
    )
    escalated = f"{overdue_items(today)} nhiệm vụ quá hạn cần đôn đốc"
    assert "office@tracker.demo" in page and escalated in page
    assert f"Đã gửi: {db.session.query(Digest).count()}" in page
    assert "office@tracker.demo" not in login(OFFICE).get("/admin/outbox?status=pending").text


@pytest.mark.parametrize("written", ["7:30", "07:30"])
def test_the_sweep_time_may_be_written_either_way(app, login, written):
    app.config["REMINDER_SWEEP_AT"] = written
    assert "Lần quét tới: 07:30 ngày 26/11/2026." in login(OFFICE).get("/admin/outbox").text


def test_the_outbox_says_when_mail_next_goes_out(app, login):
    client = login(OFFICE)
    weekday = client.get("/admin/outbox").text  # Wednesday 25/11, 09:00 in Vietnam
    assert "Lần quét tới: 07:30 ngày 26/11/2026." in weekday and "ngày nghỉ" not in weekday
    app.config["CLOCK"] = lambda: datetime(2026, 11, 28, 2, 0, tzinfo=UTC)  # Saturday
    saturday = client.get("/admin/outbox").text
    assert "Hôm nay (28/11/2026) là ngày nghỉ: không gửi nhắc việc." in saturday
    assert "Lần quét tới: 07:30 ngày 30/11/2026." in saturday


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("status=lost", 400, "Giá trị không hợp lệ."),
        ("page=0", 400, "Không có trang này."),
        ("page=9", 404, "Danh sách này chỉ có 1 trang."),
    ],
)
def test_bad_outbox_parameters(login, query, status, message):
    response = login(OFFICE).get(f"/admin/outbox?{query}")
    assert response.status_code == status
    assert message in response.text


def test_a_digest_shows_its_mail_and_can_be_queued_again(app, today, login):
    sweep(today)
    digest = db.session.scalar(select(Digest).order_by(Digest.id))
    client = login(OFFICE)
    pending = client.get(f"/admin/outbox/{digest.id}").text
    assert "Chưa gửi" in pending and "nhiệm vụ quá hạn" in pending
    digest.status = "failed"
    digest.last_error = "550 5.1.1 Mailbox unavailable"
    db.session.commit()
    failed = client.get(f"/admin/outbox/{digest.id}").text
    assert "550 5.1.1 Mailbox unavailable" in failed and "Gửi lại" in failed
    response = client.post(f"/admin/outbox/{digest.id}/retry", follow_redirects=True)
    assert "Thư sẽ được gửi lại" in response.text
    db.session.refresh(digest)
    assert digest.status == "pending" and digest.last_error is None
    again = client.post(f"/admin/outbox/{digest.id}/retry", follow_redirects=True)
    assert "Chỉ gửi lại được" in again.text
    assert client.get("/admin/outbox/99999").status_code == 404
    missing = client.post("/admin/outbox/99999/retry")
    assert missing.status_code == 404 and "Không có thư này trong hộp thư đi." in missing.text


def test_the_preview_shows_the_next_sweep_and_records_nothing(app, login):
    client = login(OFFICE)
    page = client.get("/admin/preview").text
    assert "26/11/2026" in page and "officer.nhnn@tracker.demo" in page
    assert db.session.scalar(select(Digest)) is None
    assert "là ngày nghỉ" in client.get("/admin/preview?day=2026-11-28").text
    assert client.get("/admin/preview?day=28-11-2026").status_code == 400


def test_the_policy_form_saves_a_valid_policy(app, login):
    client = login(OFFICE)
    assert 'value="7, 3, 1, 0"' in client.get("/admin/policy").text
    form = {
        "before": "5, 2, 0",
        "overdue_every": "3",
        "office_after": "10",
        "leader_after_days": "45",
        "urgent_from": "2",
        "urgent_overdue_every": "2",
    }
    response = client.post("/admin/policy", data=form, follow_redirects=True)
    assert "Đã lưu quy tắc nhắc việc" in response.text
    assert re.search(r'<input[^>]*name="urgent_from"[^>]*value="2"', response.text)
    policy = load_policy()
    assert (policy.before, policy.overdue_every, policy.office_after) == ((5, 2, 0), 3, 10)
    assert policy.leader_after_days == 45
    assert (policy.urgent_from, policy.urgent_overdue_every) == (2, 2)
    assert policy.for_urgent().before == (2, 1, 0)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("before", "7, three", "Nhập các số nguyên từ 0 đến 60"),
        ("before", "90", "Nhập các số nguyên từ 0 đến 60"),
        ("before", "", "Hãy nhập ít nhất một số ngày làm việc."),
        ("overdue_every", "0", "Từ 1 đến 60 ngày làm việc."),
        ("office_after", "x", "Số nguyên không hợp lệ."),
        ("leader_after_days", "400", "Từ 1 đến 365 ngày."),
        ("urgent_from", "61", "Từ 0 đến 60 ngày làm việc."),
        ("urgent_overdue_every", "0", "Từ 1 đến 60 ngày làm việc."),
    ],
)
def test_the_policy_form_refuses_nonsense(app, login, field, value, message):
    form = {
        "before": "7, 3, 1, 0",
        "overdue_every": "5",
        "office_after": "7",
        "leader_after_days": "30",
        "urgent_from": "3",
        "urgent_overdue_every": "1",
    }
    response = login(OFFICE).post("/admin/policy", data={**form, field: value})
    assert response.status_code == 400
    assert message in response.text
    assert db.session.get(ReminderSettings, 1) is None


def test_calendar_swaps_are_added_and_removed(app, login):
    client = login(OFFICE)
    page = client.get("/admin/calendar?year=2027").text
    assert "Tết" in page or "Nguyên đán" in page
    response = client.post(
        "/admin/calendar",
        data={"day": "2027-02-20", "working": "y", "note": "Làm bù Tết"},
        follow_redirects=True,
    )
    assert "Đã cập nhật lịch làm việc." in response.text and "Làm bù Tết" in response.text
    assert db.session.get(CalendarDay, date(2027, 2, 20)).working is True
    response = client.post("/admin/calendar/2027-02-20/delete", follow_redirects=True)
    assert "Làm bù Tết" not in response.text
    assert db.session.get(CalendarDay, date(2027, 2, 20)) is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"day": "2027-02-20"}, "Ngày này đã là ngày nghỉ."),
        ({"day": "2027-02-22", "working": "y"}, "Ngày này đã là ngày làm việc."),
        ({"day": "not a day"}, "Ngày không hợp lệ"),
    ],
)
def test_calendar_refuses_a_swap_that_changes_nothing(app, login, data, message):
    response = login(OFFICE).post("/admin/calendar", data=data)
    assert response.status_code == 400
    assert message in response.text
    assert db.session.scalar(select(CalendarDay)) is None


def test_calendar_bad_year_or_day(login):
    client = login(OFFICE)
    for year in ("1800", "99999", "abc", "1.5", "0"):
        response = client.get(f"/admin/calendar?year={year}")
        assert response.status_code == 400, year
        assert "Chọn năm từ 2000 đến 2100." in response.text
    assert client.post("/admin/calendar/2027-13-01/delete").status_code == 404
    assert client.post("/admin/calendar/2027-03-01/delete").status_code == 404


def test_the_preview_lists_the_busiest_recipients_and_counts_everyone(app, login, monkeypatch):
    """Thousands of recipients at a ministry's scale: the page lists those with the most
    notices, says how many others there are, and totals every section over everyone."""
    from tracker.domain.reminders import Section
    from tracker.reminders import views
    from tracker.reminders.sweep import sweep

    report = sweep(date(2026, 11, 26), dry_run=True)
    assert len(report.recipients) > 2
    monkeypatch.setattr(views, "SHOWN_RECIPIENTS", 2)
    page = login(OFFICE).get("/admin/preview?day=2026-11-26").text
    table = page.split('id="preview"')[1].split("</table>")[0]
    listed = re.findall(r'<span class="small text-muted">([^<]+)</span>', table)
    busiest = sorted(report.recipients, key=lambda person: (-person.total, person.email))
    assert listed == [person.email for person in busiest[:2]]
    assert f"{len(report.recipients) - 2} người khác" in page
    totals = page.split('id="preview-totals"')[1].split("</tr>")[0]
    everyone = [sum(p.counts.get(s.value, 0) for p in report.recipients) for s in Section]
    assert re.findall(r'<td class="text-end">(\d*)</td>', totals) == [
        str(count) if count else "" for count in everyone
    ]
    assert sum(everyone) == report.notices
    assert db.session.scalar(select(Digest)) is None
