"""The office pauses an item with a reason and resumes it: while paused the item is neither
overdue nor reminded, the lead agency is told both times, the deadline moves on by the working
days paused, and what the statistics said of earlier days does not change."""

import io
from datetime import UTC, date, datetime

import openpyxl
from sqlalchemy import select

from tracker.database import db
from tracker.history import as_of_sql
from tracker.models import Activity, AssignmentPeriod, ItemPause, Notice, Notification, WorkItem
from tracker.outbox.delivery import deliver
from tracker.permissions import ItemAction, status_allows
from tracker.reminders.sweep import sweep

from .conftest import person

OFFICE, HEAD, OFFICER = "office@tracker.demo", "head.syt@tracker.demo", "officer.syt@tracker.demo"
REASON = "Chờ Trung ương sửa Nghị định"


def standing(item, as_of: date) -> str | None:
    """The item's standing on `as_of` by the statistics' own rule."""
    W = WorkItem.__table__
    query = select(as_of_sql.standing_on(as_of)).select_from(W).where(W.c.id == item.id)
    return db.session.scalar(query)


def pause(client, item, reason=REASON):
    return client.post(f"/items/{item.id}/pause", data={"version": item.version, "reason": reason})


def test_a_paused_item_is_not_overdue_nor_reminded_and_its_agency_is_told(
    make_item, login, today, smtp
):
    late, other = make_item("PD-01", date(2026, 11, 20)), make_item("PD-02", date(2026, 11, 20))
    person(OFFICER).notify_mail = "immediate"
    db.session.commit()
    assert standing(late, today) == "overdue"
    office = login(OFFICE)
    assert "Tạm dừng" in office.get(f"/items/{late.id}/pause").text
    response = pause(office, late)
    assert response.status_code == 302
    db.session.refresh(late)
    assert late.paused_on == today and late.deadline is None
    assert late.original_deadline == date(2026, 11, 20)
    row = db.session.scalar(select(ItemPause).where(ItemPause.item_id == late.id))
    assert (row.reason, row.paused_by.email, row.deadline_before) == (
        REASON,
        OFFICE,
        date(2026, 11, 20),
    )
    entry = db.session.scalar(select(Activity).where(Activity.verb == "paused"))
    assert entry.actor.email == OFFICE and entry.note == REASON
    assert entry.changes == {"deadline": ["2026-11-20", None]}
    # Not overdue today; as of yesterday it still was, as it was then.
    assert standing(late, today) == "no_deadline"
    assert standing(late, date(2026, 11, 24)) == "overdue"
    page = office.get(f"/items/{late.id}").text
    assert 'id="paused"' in page and REASON in page and 'id="resume"' in page
    assert ">Tạm dừng</span>" in page
    listed = office.get("/items/?q=PD-0").text
    assert ">Tạm dừng</span>" in listed and "quá hạn 5 ngày" in listed  # PD-02 still is
    exported = office.get("/items/?q=PD-0&format=csv").get_data(as_text=True)
    rows = {line.split(",")[1]: line for line in exported.splitlines() if ",PD-0" in line}
    assert ",Tạm dừng," in rows["PD-01"] and ",Tạm dừng," not in rows["PD-02"]
    assert "quá hạn 5 ngày" in rows["PD-02"]  # the export's words are the list's badge
    overdue = office.get("/office/overdue?sort=most").text
    assert "PD-02" in overdue and "PD-01" not in overdue
    told = db.session.scalars(select(Notification).where(Notification.event == "paused")).all()
    assert sorted(n.recipient.email for n in told) == [HEAD, OFFICER]
    assert told[0].params == {"reason": REASON}
    deliver()
    mails = [m for m in smtp.mailbox.messages() if m["To"] == OFFICER]
    assert [str(m["Subject"]).strip() for m in mails] == [
        "PD-01: Văn phòng UBND tỉnh tạm dừng nhiệm vụ"
    ]
    body = mails[0].get_body(preferencelist=("plain",)).get_content()
    assert REASON in body and "(Tạm dừng)" in body
    sweep(today)
    reminded = set(db.session.scalars(select(Notice.item_id)))
    assert other.id in reminded and late.id not in reminded


def test_resuming_moves_the_deadline_by_the_working_days_paused(make_item, login, clock):
    item = make_item("PD-03", date(2026, 11, 30))
    office = login(OFFICE)
    assert pause(office, item).status_code == 302
    clock.now = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)  # Wednesday a week later, 10:00 in Hà Nội
    db.session.refresh(item)
    assert 'id="running-pause"' in office.get(f"/items/{item.id}/resume").text
    response = office.post(
        f"/items/{item.id}/resume", data={"version": item.version, "reason": "Đã có Nghị định"}
    )
    assert response.status_code == 302
    db.session.refresh(item)
    # Thursday 26 November to Wednesday 2 December: five working days, added to Monday 30.
    assert item.deadline == date(2026, 12, 7) and item.paused_on is None
    assert item.original_deadline == date(2026, 11, 30)
    row = db.session.scalar(select(ItemPause).where(ItemPause.item_id == item.id))
    assert (row.resumed_on, row.added_days, row.deadline_after) == (
        date(2026, 12, 2),
        5,
        date(2026, 12, 7),
    )
    assert row.resumed_by.email == OFFICE and row.resume_note == "Đã có Nghị định"
    entry = db.session.scalar(select(Activity).where(Activity.verb == "resumed"))
    assert entry.changes == {"deadline": [None, "2026-12-07"], "paused_working_days": [None, "5"]}
    kinds = db.session.scalars(
        select(AssignmentPeriod.kind)
        .where(AssignmentPeriod.item_id == item.id)
        .order_by(AssignmentPeriod.id)
    ).all()
    assert kinds == ["assignment", "pause", "resumption"]
    # Each day keeps its standing: running before, paused (no deadline) during, running after.
    assert standing(item, date(2026, 11, 24)) == "in_progress"
    assert standing(item, date(2026, 12, 1)) == "no_deadline"
    assert standing(item, date(2026, 12, 2)) == "in_progress"
    assert standing(item, date(2026, 12, 8)) == "overdue"
    told = db.session.scalars(select(Notification).where(Notification.event == "resumed")).all()
    assert sorted(n.recipient.email for n in told) == [HEAD, OFFICER]
    assert told[0].params == {"deadline": "2026-12-07"}
    inbox = login(OFFICER).get("/notifications/").text
    assert "tiếp tục" in inbox and "07/12/2026" in inbox


def test_the_statistics_say_how_many_items_were_paused_that_day(make_item, login, today):
    item = make_item("PD-04", date(2026, 11, 20))
    office = login(OFFICE)
    before = office.get("/reports/agencies?as_of=2026-11-25").text
    assert 'id="paused-note"' not in before
    assert pause(office, item).status_code == 302
    after = office.get("/reports/agencies?as_of=2026-11-25").text
    assert 'id="paused-note"' in after and "1 nhiệm vụ đang tạm dừng" in after
    assert 'id="paused-note"' not in office.get("/reports/agencies?as_of=2026-11-24").text
    export = office.get("/reports/agencies?as_of=2026-11-25&format=xlsx").data
    cover = openpyxl.load_workbook(io.BytesIO(export))["Thông tin"]  # the heading's sheet
    cells = [str(cell) for row in cover.iter_rows(values_only=True) for cell in row if cell]
    assert any("1 nhiệm vụ đang tạm dừng" in cell for cell in cells)
    answer = office.get("/api/v1/reports/agencies?as_of=2026-11-25").get_json()
    assert answer["paused"] == 1
    assert office.get("/api/v1/reports/agencies?as_of=2026-11-24").get_json()["paused"] == 0
    head_view = login(HEAD).get("/reports/agencies?as_of=2026-11-25").text
    assert 'id="paused-note"' in head_view


def test_refusals_write_nothing(make_item, login):
    item = make_item("PD-05", date(2026, 11, 30))
    done = make_item("PD-06", date(2026, 11, 30), status="completed")
    office = login(OFFICE)
    assert pause(office, item, reason="  ").status_code == 400
    assert pause(login(HEAD), item).status_code == 403
    assert pause(login(OFFICER), item).status_code == 403
    assert pause(office, done).status_code == 409
    resumed = office.post(f"/items/{item.id}/resume", data={"version": item.version})
    assert resumed.status_code == 409
    assert db.session.scalar(select(ItemPause.id)) is None
    assert db.session.scalar(select(Activity.id).where(Activity.verb == "paused")) is None
    assert pause(office, item).status_code == 302
    db.session.refresh(item)
    again = pause(office, item)
    assert again.status_code == 409 and "chưa bị tạm dừng" in again.text
    # While paused the agency cannot submit or ask for an extension: the clock is stopped.
    submit = login(OFFICER).get(f"/items/{item.id}/submit")
    assert submit.status_code == 409 and "tạm dừng" in submit.text, submit.text
    assert login(HEAD).get(f"/items/{item.id}/extensions/new").status_code == 409
    assert not status_allows(item, ItemAction.REVIEW)  # nor may the head forward a submission
    assert (
        login(HEAD).post(f"/items/{item.id}/resume", data={"version": item.version}).status_code
        == 403
    )
    assert len(db.session.scalars(select(ItemPause)).all()) == 1


def test_the_api_pauses_and_resumes(make_item, client, user_by_email):
    from tracker.accounts.login import new_api_token

    item = make_item("PD-07", date(2026, 11, 30))
    headers = {"Authorization": f"Bearer {new_api_token(user_by_email(OFFICE))}"}
    db.session.commit()
    empty = client.post(
        f"/api/v1/items/{item.id}/pause", json={"version": item.version}, headers=headers
    )
    assert empty.status_code == 400 and "reason" in empty.json["errors"]
    paused = client.post(
        f"/api/v1/items/{item.id}/pause",
        json={"version": item.version, "reason": REASON},
        headers=headers,
    )
    assert paused.status_code == 200
    assert paused.json["paused_on"] == "2026-11-25" and paused.json["deadline"] is None
    assert paused.json["history"][-1]["verb"] == "paused"
    resumed = client.post(
        f"/api/v1/items/{item.id}/resume", json={"version": paused.json["version"]}, headers=headers
    )
    assert resumed.status_code == 200
    assert resumed.json["paused_on"] is None and resumed.json["deadline"] == "2026-11-30"
    again = client.post(
        f"/api/v1/items/{item.id}/resume",
        json={"version": resumed.json["version"]},
        headers=headers,
    )
    assert again.status_code == 409


def test_a_long_pause_is_not_listed_as_idle(make_item, login, clock):
    paused, quiet = make_item("PD-08", date(2026, 11, 30)), make_item("PD-09", None)
    office = login(OFFICE)
    assert pause(office, paused).status_code == 302
    clock.now = datetime(2027, 3, 10, 3, 0, tzinfo=UTC)  # more than 90 days later
    idle = office.get("/office/idle").text
    assert "PD-09" in idle and "PD-08" not in idle
    assert quiet.deadline is None


def test_a_reminder_queued_before_the_pause_is_not_sent(make_item, login, today, smtp):
    late, other = make_item("PD-10", date(2026, 11, 20)), make_item("PD-11", date(2026, 11, 20))
    person(OFFICER).notify_mail = "off"  # the events' mails aside: only the reminders' digest
    db.session.commit()
    sweep(today)
    queued = set(db.session.scalars(select(Notice.item_id)))
    assert {late.id, other.id} <= queued
    assert pause(login(OFFICE), late).status_code == 302
    deliver()
    [digest] = [m for m in smtp.mailbox.messages() if m["To"] == OFFICER]
    body = digest.get_body(preferencelist=("plain",)).get_content()
    assert "PD-11" in body and "PD-10" not in body


def test_cancelling_a_paused_item_ends_its_pause(make_item, login, today):
    item = make_item("PD-12", date(2026, 11, 30))
    office = login(OFFICE)
    assert pause(office, item).status_code == 302
    db.session.refresh(item)
    response = office.post(
        f"/items/{item.id}/cancel", data={"version": item.version, "reason": "Không còn phù hợp"}
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.status == "cancelled" and item.paused_on is None
    row = db.session.scalar(select(ItemPause).where(ItemPause.item_id == item.id))
    assert (row.resumed_on, row.added_days, row.resume_note) == (today, 0, "Không còn phù hợp")
    assert "Đã hủy" in office.get(f"/items/{item.id}").text


def test_a_recurring_duty_is_not_paused_its_period_is(make_item, login):
    """Its periods are items of their own, made by the scheduler: pausing the duty would stop
    none of their clocks. The office is told so (409), nothing is written, and its page offers
    no pause; the period that must wait can be paused."""
    duty = make_item("PD-13", None)
    duty.recurrence, duty.recur_day, duty.recur_month = "monthly", 15, 1
    db.session.commit()
    office = login(OFFICE)
    assert 'id="pause"' not in office.get(f"/items/{duty.id}").text
    for response in (office.get(f"/items/{duty.id}/pause"), pause(office, duty)):
        assert response.status_code == 409
        assert "Nhiệm vụ định kỳ không tạm dừng cả nhiệm vụ được" in response.text
    db.session.refresh(duty)
    assert duty.paused_on is None
    assert db.session.scalar(select(ItemPause.id)) is None
    assert db.session.scalar(select(Activity.id).where(Activity.item_id == duty.id)) is None
    period = make_item("PD-13-2026-12", date(2026, 12, 15))
    period.parent_id = duty.id
    db.session.commit()
    assert 'id="pause"' in office.get(f"/items/{period.id}").text
    assert pause(office, period).status_code == 302
    assert pause(office, duty).status_code == 409


def test_a_paused_items_page_says_its_clock_is_stopped_and_since_when(make_item, login, today):
    """Not "no deadline": the deadline clock stopped on the day of the pause, and the deadline
    it had then, on the item's page, its forms and the agency's page."""
    item = make_item("PD-14", date(2026, 12, 10))
    office = login(OFFICE)
    assert pause(office, item).status_code == 302
    stopped = "Ngừng tính thời hạn từ ngày 25/11/2026 (thời hạn khi tạm dừng: 10/12/2026)"
    page = office.get(f"/items/{item.id}").text
    deadline = page.split('id="item-deadline">')[1].split("</dd>")[0]
    assert stopped in deadline and "Không có thời hạn" not in deadline
    assert "ban đầu" not in deadline  # the deadline then is the original one: said once
    assert stopped in login(HEAD).get(f"/items/{item.id}/progress").text
    assert stopped in login(HEAD).get("/agency/").text
    undated = make_item("PD-15", None)
    assert pause(office, undated).status_code == 302
    page = office.get(f"/items/{undated.id}").text
    assert "Ngừng tính thời hạn từ ngày 25/11/2026</span>" in page
