"""The head gives an item to a member of staff, who then receives its reminders first; the
agency acknowledges receiving a new assignment, and the office sees who has not."""

from datetime import date, timedelta

from sqlalchemy import select

from tracker.database import db
from tracker.models import Notice, Notification
from tracker.reminders.sweep import sweep

from .conftest import person

HEAD, STAFF = "head.syt@tracker.demo", "staff.syt@tracker.demo"


def test_the_head_gives_an_item_to_staff_who_is_told_and_may_report(make_item, login):
    item = make_item()
    client = login(HEAD)
    assert "Chuyên viên SYT" in client.get(f"/items/{item.id}/delegate").text
    response = client.post(
        f"/items/{item.id}/delegate", data={"version": item.version, "staff_id": person(STAFF).id}
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.responsible.email == STAFF
    told = db.session.scalars(select(Notification).where(Notification.event == "delegated")).all()
    assert [row.recipient.email for row in told] == [STAFF]
    staff = login(STAFF)
    assert staff.get(f"/items/{item.id}/progress").status_code == 200
    other = make_item("RV-02")
    assert staff.get(f"/items/{other.id}/progress").status_code == 403


def test_staff_of_another_agency_or_an_officer_delegating_is_refused(make_item, login):
    item = make_item()
    head = login(HEAD)
    outsider = person("staff.stttt@tracker.demo")
    response = head.post(
        f"/items/{item.id}/delegate", data={"version": item.version, "staff_id": outsider.id}
    )
    assert response.status_code == 400
    response = login("officer.syt@tracker.demo").post(
        f"/items/{item.id}/delegate", data={"version": item.version, "staff_id": person(STAFF).id}
    )
    assert response.status_code == 403
    db.session.refresh(item)
    assert item.responsible.email == "officer.syt@tracker.demo"


def test_the_staff_member_receives_the_reminders_the_head_keeps_the_escalation(
    make_item, login, today
):
    item = make_item()
    item.deadline = item.original_deadline = today - timedelta(days=2)  # overdue
    db.session.commit()
    login(HEAD).post(
        f"/items/{item.id}/delegate", data={"version": item.version, "staff_id": person(STAFF).id}
    )
    sweep(today)
    notices = db.session.scalars(select(Notice).where(Notice.item_id == item.id)).all()
    rules = {(notice.recipient.email, notice.rule) for notice in notices}
    assert (STAFF, "overdue") in rules  # the reminder, now the staff member's
    assert (HEAD, "escalation:1") in rules  # the head keeps the escalation
    assert (HEAD, "overdue") not in rules
    assert login(HEAD).get(f"/items/{item.id}").status_code == 200


def test_acknowledging_receipt_and_the_offices_flag(make_item, login):
    late = make_item("RV-03", status="assigned", assigned_on=date(2026, 11, 20))
    fresh = make_item("RV-04", status="assigned")
    # Today is Wednesday 25 November, and Tuesday 24 is a day off (Ngày Văn hóa Việt Nam):
    # from Friday 20 two working days have passed, from Monday 23 only one.
    make_item("RV-05", status="assigned", assigned_on=date(2026, 11, 23))
    office = login("office@tracker.demo")
    inbox = office.get("/office/inbox").text
    flagged = inbox.split('id="inbox-unacknowledged"')[1].split("</ul>")[0]
    assert "RV-03" in flagged
    assert "RV-04" not in flagged and "RV-05" not in flagged
    client = login("officer.syt@tracker.demo")
    response = client.post(f"/items/{late.id}/acknowledge", data={"version": late.version})
    assert response.status_code == 302
    db.session.refresh(late)
    assert late.acknowledged_on is not None and late.acknowledged_by.email.startswith("officer")
    again = client.post(f"/items/{late.id}/acknowledge", data={"version": late.version})
    assert again.status_code == 409
    inbox = office.get("/office/inbox").text
    assert "RV-03" not in inbox.split('id="inbox-unacknowledged"')[1].split("</ul>")[0]
    assert fresh.acknowledged_on is None
