"""The mails of notifications, through a real SMTP server: as each person prefers, at most one
per event and person, saying what happened, to which item, what to do next, with a link."""

from datetime import UTC, datetime

from sqlalchemy import select

from tracker.database import db
from tracker.models import Digest, Notification
from tracker.outbox.delivery import deliver
from tracker.reminders.sweep import sweep
from tracker.workflow import actions as workflow

from .conftest import DONE, person

OFFICE, HEAD, OFFICER = "office@tracker.demo", "head.syt@tracker.demo", "officer.syt@tracker.demo"


def prefer(email: str, how: str) -> None:
    person(email).notify_mail = how
    db.session.commit()


def returned(item) -> None:
    submitted = workflow.submit(person(OFFICER), item.id, item.version, DONE)
    workflow.return_submission(person(OFFICE), item.id, submitted.version, "Thiếu minh chứng")


def mails_to(smtp, email: str) -> list:
    return [message for message in smtp.mailbox.messages() if message["To"] == email]


def test_an_immediate_mail_says_what_happened_what_to_do_and_links_the_item(open_item, smtp):
    prefer(OFFICER, "immediate")
    prefer(HEAD, "off")
    prefer(OFFICE, "off")
    returned(open_item)
    assert deliver() == {"sent": 1}
    [mail] = mails_to(smtp, OFFICER)
    assert str(mail["Subject"]).strip() == "TB-01: Báo cáo hoàn thành bị trả lại"
    body = mail.get_body(preferencelist=("plain",)).get_content()
    assert "Lý do: Thiếu minh chứng" in body
    assert "Việc cần làm tiếp: Thực hiện theo lý do được nêu" in body
    assert f"http://tracker.test/items/{open_item.id}" in body
    assert "(Bị trả lại, cần thực hiện lại)" in body  # the badge's words, as on the pages
    assert deliver() == {}  # nothing twice
    assert len(smtp.mailbox.messages()) == 1


def test_no_mail_for_those_who_asked_for_none_yet_the_inbox_has_it(open_item, smtp):
    for email in (OFFICER, HEAD, OFFICE):
        prefer(email, "off")
    returned(open_item)
    assert deliver() == {}
    assert smtp.mailbox.messages() == []
    rows = db.session.scalars(select(Notification).where(Notification.event == "returned"))
    assert {row.recipient.email: row.digest_id for row in rows} == {HEAD: None, OFFICER: None}


def test_the_digest_preference_waits_for_the_morning_and_carries_the_events_once(
    open_item, smtp, clock, today
):
    prefer(OFFICE, "off")  # the default for the head and the officer is the digest
    returned(open_item)
    assert deliver() == {}  # not before the next morning's sweep
    clock.now = datetime(2026, 11, 26, 0, 31, tzinfo=UTC)  # 07:31 on Thursday in Vietnam
    sweep(clock.now.date())
    outcomes = deliver()
    officer_mail, head_mail = mails_to(smtp, OFFICER), mails_to(smtp, HEAD)
    assert len(officer_mail) == len(head_mail) == 1
    for mail in (*officer_mail, *head_mail):
        body = mail.get_body(preferencelist=("plain",)).get_content()
        assert body.count("Lý do: Thiếu minh chứng") == 1 and "TB-01" in body
    assert deliver() == {}
    assert sum(outcomes.values()) == len(smtp.mailbox.messages())
    assert set(smtp.mailbox.per_recipient().values()) == {1}


def test_a_morning_digest_keeps_its_events_though_no_reminder_is_due(open_item, smtp, clock):
    prefer(OFFICE, "off")
    returned(open_item)
    digest_id = db.session.scalar(
        select(Notification.digest_id).where(Notification.recipient_id == person(HEAD).id)
    )
    clock.now = datetime(2026, 11, 26, 0, 31, tzinfo=UTC)
    sweep(clock.now.date())
    assert db.session.get(Digest, digest_id) is not None
    deliver()
    assert db.session.get(Digest, digest_id).status == "sent"
