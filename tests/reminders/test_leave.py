"""While a person is on leave, their reminders go to their agency's head (a head's, to the
agency's other heads: its deputies), the preview says so, and delivery keeps them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from tracker.clock import now_utc
from tracker.database import db
from tracker.domain.leave import Colleague, on_leave, stand_ins
from tracker.models import Digest, Notice, Sector, User, WorkItem
from tracker.outbox.delivery import deliver
from tracker.reminders.digest_pruning import prune_left_out
from tracker.reminders.sweep import sweep

from .conftest import notices_of

DAY = date(2026, 12, 7)
WEEK = (DAY - timedelta(days=2), DAY + timedelta(days=4))


def person(user_id, role, agency_id=1, leave=(None, None), active=True) -> Colleague:
    return Colleague(user_id, role, agency_id, *leave, active=active)


@pytest.mark.parametrize(
    ("people", "expected"),
    [
        # An officer on leave: the agency's head receives their reminders.
        ([person(1, "officer", leave=WEEK), person(2, "head")], {1: (2,)}),
        # A head on leave: the agency's other heads (the deputies).
        ([person(1, "head", leave=WEEK), person(2, "head"), person(3, "officer")], {1: (2,)}),
        # Every head away, or none in the agency: the person keeps their reminders.
        ([person(1, "officer", leave=WEEK), person(2, "head", leave=WEEK)], {}),
        ([person(1, "officer", leave=WEEK), person(2, "head", agency_id=2)], {}),
        ([person(1, "head", leave=WEEK)], {}),
        # A deactivated head stands in for nobody; a deactivated person gets nothing anyway.
        ([person(1, "officer", leave=WEEK), person(2, "head", active=False)], {}),
        ([person(1, "officer", leave=WEEK, active=False), person(2, "head")], {}),
        # No agency (a provincial leader): nobody to stand in.
        ([person(1, "leader", agency_id=None, leave=WEEK), person(2, "head")], {}),
        # Not on leave that day.
        (
            [
                person(1, "officer", leave=(DAY + timedelta(1), DAY + timedelta(3))),
                person(2, "head"),
            ],
            {},
        ),
        # Several heads: all of them, in a stable order.
        ([person(1, "officer", leave=WEEK), person(3, "head"), person(2, "head")], {1: (2, 3)}),
    ],
)
def test_who_stands_in(people, expected):
    assert stand_ins(people, DAY) == expected


def test_a_leave_includes_both_days():
    away = person(1, "officer", leave=(DAY, DAY))
    assert on_leave(away, DAY)
    assert not on_leave(away, DAY - timedelta(days=1)) and not on_leave(away, DAY + timedelta(1))
    assert not on_leave(person(1, "officer"), DAY)


def _user(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


@pytest.fixture
def officer_away(app, today, make_item):
    """officer.syt is on leave today, with an overdue item of their own."""
    item = make_item("LEAVE-1", "syt", today - timedelta(days=3))
    officer = _user("officer.syt@tracker.demo")
    officer.leave_from, officer.leave_until = today - timedelta(days=1), today + timedelta(days=5)
    db.session.commit()
    return officer, item


def test_an_officers_reminders_go_to_the_head_on_their_behalf(officer_away, today):
    officer, item = officer_away
    report = sweep(today)
    assert notices_of("officer.syt@tracker.demo") == []
    head = _user("head.syt@tracker.demo")
    received = {(n.item_id, n.rule): n.on_behalf_of_id for n in notices_of(head.email)}
    assert received[(item.id, "overdue")] == officer.id
    # The head's own copy of the agency's overdue item stays their own.
    assert received[(item.id, "escalation:1")] is None
    (away,) = report.away
    assert away.email == officer.email and away.stand_ins == (head.name,)
    assert away.notices == sum(1 for who in received.values() if who == officer.id) >= 1


def test_the_preview_shows_who_receives_whose_reminders(officer_away, today, login):
    officer, _item = officer_away
    page = login("office@tracker.demo").get(f"/admin/preview?day={today.isoformat()}").text
    assert 'id="stand-ins"' in page
    listed = page.split('id="stand-ins"')[1].split("</ul>")[0]
    assert officer.name in listed and _user("head.syt@tracker.demo").name in listed
    assert "Đang nghỉ phép: người khác nhận thư nhắc việc thay" in page and "nghỉ đến" in listed
    assert db.session.scalar(select(Notice)) is None  # a preview records nothing


def test_after_the_leave_the_officer_is_reminded_again(officer_away, today):
    officer, item = officer_away
    officer.leave_from = officer.leave_until = today - timedelta(days=10)
    db.session.commit()
    assert sweep(today).away == ()
    assert {n.item_id for n in notices_of(officer.email)} >= {item.id}
    head_notices = notices_of("head.syt@tracker.demo")
    assert all(n.on_behalf_of_id is None for n in head_notices)


def test_delivery_keeps_the_notices_received_on_behalf(officer_away, today, smtp):
    officer, item = officer_away
    smtp.start()
    sweep(today)
    head = _user("head.syt@tracker.demo")
    head.name = head.name + " "  # a change to the head: delivery checks every notice again
    db.session.commit()
    deliver()
    digest = db.session.scalar(select(Digest).where(Digest.recipient_id == head.id))
    assert digest.status == "sent"
    kept = {(n.item_id, n.rule, n.on_behalf_of_id) for n in notices_of(head.email)}
    assert (item.id, "overdue", officer.id) in kept
    assert item.code in digest.body_text
    assert smtp.mailbox.per_recipient()[head.email] == 1
    assert smtp.mailbox.per_recipient()[officer.email] == 0


def test_a_notice_received_on_behalf_leaves_once_the_item_is_done(officer_away, today, smtp):
    officer, item = officer_away
    smtp.start()
    sweep(today)
    item.status = "completed"
    item.completed_on = today
    db.session.commit()
    deliver()
    head = _user("head.syt@tracker.demo")
    on_behalf = [n.item_id for n in notices_of(head.email) if n.on_behalf_of_id == officer.id]
    assert on_behalf and item.id not in on_behalf  # the others, still open, stay


def test_a_change_to_the_colleague_on_leave_alone_checks_their_notices_again(officer_away, today):
    officer, _item = officer_away
    sweep(today)
    head = _user("head.syt@tracker.demo")
    digest = db.session.scalar(select(Digest).where(Digest.recipient_id == head.id))
    # A morning's data: nobody and nothing changed since the digest was made…
    long_ago = digest.created_at - timedelta(days=1)
    for model in (User, Sector, WorkItem):
        db.session.execute(update(model).values(updated_at=long_ago))
    # …but the colleague on leave, deactivated: what the head received for them goes.
    db.session.execute(
        update(User).where(User.id == officer.id).values(active=False, updated_at=now_utc())
    )
    db.session.commit()
    received = [n for n in notices_of(head.email) if n.on_behalf_of_id == officer.id]
    own = [n for n in notices_of(head.email) if n.on_behalf_of_id is None]
    assert received and own
    assert prune_left_out([digest.id]) == len(received)
    assert len(notices_of(head.email)) == len(own)


@pytest.mark.parametrize(
    ("language", "line", "header"),
    [
        ("vi", "Nhận thay {name} (đang nghỉ phép).", "Trong thời gian {name} nghỉ phép"),
        ("en", "Received on behalf of {name}, who is on leave.", "While {name} is on leave"),
    ],
)
def test_the_stand_ins_mail_says_on_whose_behalf(officer_away, today, smtp, language, line, header):
    officer, item = officer_away
    head = _user("head.syt@tracker.demo")
    head.language = language
    db.session.commit()
    smtp.start()
    sweep(today)
    deliver()
    (message,) = [m for m in smtp.mailbox.messages() if m["To"] == head.email]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    said, told = line.format(name=officer.name), header.format(name=officer.name)
    # The officer's overdue item is listed twice: on their behalf (marked), and as the head's
    # own escalation (not marked).
    listed = [part.split("\n- ")[0] for part in text.split(f"- {item.code} ·")[1:]]
    assert len(listed) == 2 and sum(said in part for part in listed) == 1
    assert told in text and told in html
    assert html.count(said) == text.count(said) >= 1


def test_the_heads_own_mail_says_nothing_of_leave(app, today, smtp, make_item):
    make_item("LEAVE-2", "syt", today - timedelta(days=3))
    smtp.start()
    sweep(today)
    deliver()
    (message,) = [m for m in smtp.mailbox.messages() if m["To"] == "head.syt@tracker.demo"]
    text = message.get_body(("plain",)).get_content()
    assert "nghỉ phép" not in text and "LEAVE-2" in text
