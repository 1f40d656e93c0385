"""Without a mail server (a laptop, `make run`), digests are kept in the outbox as "logged"."""

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.domain.reminders import ReminderPolicy
from tracker.history.timeline import sent_notices
from tracker.models import Digest, Notice, User
from tracker.outbox.delivery import deliver
from tracker.outbox.mail import mail
from tracker.outbox.queries import retry_digest
from tracker.reminders.policy import save_policy
from tracker.reminders.sweep import sweep
from tracker.workdays.store import working_calendar

from .conftest import count, overdue_items


@pytest.fixture
def config_overrides() -> dict:
    return {"MAIL_SERVER": None}


def test_without_a_server_mail_is_logged_readable_and_not_on_the_history(app, today, caplog):
    sweep(today)
    with mail.record_messages() as sent, caplog.at_level("INFO", logger="tracker.outbox.delivery"):
        outcomes = deliver()
    assert outcomes == {"logged": count(Digest)} and sent == []
    office = db.session.scalar(
        select(Digest).where(Digest.subject.like(f"{overdue_items(today)} nhiệm vụ quá hạn cần%"))
    )
    assert office.status == "logged" and office.sent_at is None
    assert "Văn bản đôn đốc" in office.body_text and "<html" in office.body_html
    assert "Mail kept in the outbox (no MAIL_SERVER): office@tracker.demo" in caplog.text
    # Nothing reached anyone: the items' history does not claim a reminder was sent.
    reminded = db.session.scalars(select(Notice.item_id).distinct()).all()
    assert reminded and not [entry for item_id in reminded for entry in sent_notices(item_id)]
    assert deliver() == {}


def test_a_logged_mail_can_be_queued_again(app, today):
    sweep(today)
    deliver()
    digest = db.session.scalar(select(Digest))
    assert retry_digest(digest)
    assert not retry_digest(digest)  # pending again: nothing to send again
    assert deliver() == {"logged": 1}


def test_mails_say_how_far_ahead_the_office_policy_reminds(app, today, make_item):
    office = db.session.scalar(select(User).where(User.email == "office@tracker.demo"))
    save_policy(ReminderPolicy(before=(5, 2, 0)), by=office)
    make_item("T-5", "syt", working_calendar().add_working_days(today, 4))
    sweep(today)
    deliver()
    officer = db.session.scalar(select(User).where(User.email == "officer.syt@tracker.demo"))
    subject = db.session.scalar(select(Digest.subject).where(Digest.recipient_id == officer.id))
    assert "1 nhiệm vụ đến hạn trong 5 ngày làm việc" in subject
