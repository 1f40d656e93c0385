"""Every workflow event, one by one: each person concerned gets exactly one notification in
the inbox and, asking for mail at once, exactly one mail through the real SMTP server; the one
who acted gets neither."""

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from tracker.assignments.actions import Assignment, NewItem, create_item, update_assignment
from tracker.bulk.actions import Selection, perform
from tracker.database import db
from tracker.delegation.actions import delegate
from tracker.extensions.actions import Decision, ExtensionInput, decide_extension, pending_request
from tracker.extensions.actions import request_extension as ask_extension
from tracker.extensions.proposals import Proposal, propose
from tracker.models import Agency, Notification, User
from tracker.outbox.delivery import deliver
from tracker.pauses.actions import PauseInput, pause, resume
from tracker.workflow import actions as workflow
from tracker.workflow import review
from tracker.workflow.comments import add_comment

from .conftest import DONE, person

OFFICE, HEAD, OFFICER = "office@tracker.demo", "head.syt@tracker.demo", "officer.syt@tracker.demo"
STAFF, LEADER = "staff.syt@tracker.demo", "leader@tracker.demo"


def agency(code: str) -> Agency:
    return db.session.scalar(select(Agency).where(Agency.code == code))


def submitted(item):
    return workflow.submit(person(OFFICER), item.id, item.version, DONE)


def asked(item):
    wanted = item.deadline + timedelta(days=20)
    return ask_extension(person(HEAD), item.id, item.version, ExtensionInput(wanted, "Lý do"))


def paused(item):
    return pause(person(OFFICE), item.id, item.version, PauseInput("Chờ Nghị định"))


def held_for_head(item):
    agency("syt").internal_review = True
    db.session.commit()
    return submitted(item)


#: event → (what prepares the item, the event itself, who acts, who is told)
EVENTS = {
    "assigned": (
        None,
        lambda item: create_item(
            person(OFFICE),
            NewItem(
                code="TB-NEW", kind="task", title="Mới", assignment=Assignment(agency("syt").id)
            ),
        ),
        OFFICE,
        {HEAD, OFFICER},
    ),
    "reassigned_away": (
        None,
        lambda item: update_assignment(
            person(OFFICE),
            item.id,
            item.version,
            Assignment(agency("stc").id, deadline=item.deadline),
        ),
        OFFICE,
        {HEAD, OFFICER},
    ),
    "submitted": (None, submitted, OFFICER, {OFFICE}),
    "confirmed": (
        submitted,
        lambda item: workflow.confirm(person(OFFICE), item.id, item.version),
        OFFICE,
        {HEAD, OFFICER},
    ),
    "returned": (
        submitted,
        lambda item: workflow.return_submission(person(OFFICE), item.id, item.version, "Sai"),
        OFFICE,
        {HEAD, OFFICER},
    ),
    "extension_requested": (None, asked, HEAD, {OFFICE}),
    "extension_decided": (
        asked,
        lambda item: decide_extension(
            person(OFFICE),
            item.id,
            pending_request(item.id).id,
            item.version,
            Decision(approve=False, note="Không đủ căn cứ"),
        ),
        OFFICE,
        {HEAD, OFFICER},
    ),
    "extension_proposed": (
        asked,
        lambda item: propose(
            person(OFFICE),
            item.id,
            pending_request(item.id).id,
            item.version,
            Proposal(pending_request(item.id).proposed_deadline, "Đề nghị đồng ý"),
        ),
        OFFICE,
        {LEADER},
    ),
    "paused": (None, paused, OFFICE, {HEAD, OFFICER}),
    "resumed": (
        paused,
        lambda item: resume(person(OFFICE), item.id, item.version, PauseInput("")),
        OFFICE,
        {HEAD, OFFICER},
    ),
    "commented": (
        None,
        lambda item: add_comment(person(OFFICER), item.id, "Đã gửi báo cáo"),
        OFFICER,
        {HEAD, OFFICE},
    ),
    "mentioned": (
        None,
        lambda item: add_comment(person(OFFICE), item.id, "Nhờ @staff.syt xem"),
        OFFICE,
        {STAFF},
    ),
    "review_requested": (None, held_for_head, OFFICER, {HEAD}),
    "sent_back": (
        held_for_head,
        lambda item: review.send_back(person(HEAD), item.id, item.version, "Bổ sung số liệu"),
        HEAD,
        {OFFICER},
    ),
    "delegated": (
        None,
        lambda item: delegate(person(HEAD), item.id, item.version, person(STAFF).id),
        HEAD,
        {STAFF},
    ),
    "reminded": (
        None,
        lambda item: perform(person(OFFICE), Selection("remind", [(item.id, item.version)])),
        OFFICE,
        {HEAD, OFFICER},
    ),
    "deadline_changed": (
        None,
        lambda item: perform(
            person(OFFICE),
            Selection(
                "deadline",
                [(item.id, item.version)],
                deadline=item.deadline + timedelta(days=10),
                reason="Quyết định 5/QĐ-UBND",
            ),
        ),
        OFFICE,
        {HEAD, OFFICER},
    ),
}


@pytest.mark.parametrize("event", EVENTS)
def test_each_person_concerned_gets_one_notification_and_one_mail(open_item, smtp, event):
    prepare, act, actor, concerned = EVENTS[event]
    db.session.execute(update(User).values(notify_mail="immediate"))
    db.session.commit()
    if prepare is not None:
        prepare(open_item)
        db.session.execute(update(Notification).values(read_at=open_item.updated_at))
        before = {row.id for row in db.session.scalars(select(Notification))}
        deliver()
        smtp.mailbox.received.clear()
    else:
        before = set()
    act(open_item)
    rows = [row for row in db.session.scalars(select(Notification)) if row.id not in before]
    told = Counter(row.recipient.email for row in rows if row.event == event)
    assert set(told) == concerned and set(told.values()) == {1}
    assert actor not in {row.recipient.email for row in rows}
    deliver()
    mails = Counter(smtp.mailbox.per_recipient())
    assert {email: mails[email] for email in concerned} == dict.fromkeys(concerned, 1)
    assert all(count == 1 for count in mails.values())  # nobody got two mails of one event
    assert actor not in mails
