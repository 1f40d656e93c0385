"""People, passwords and the audit log: a viewer account beside the demo's, and the mails sent."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import User
from tracker.outbox.mail import mail

ADMIN = "admin@tracker.demo"
OFFICE = "office@tracker.demo"
LEADER = "leader@tracker.demo"
HEAD = "head.syt@tracker.demo"
OFFICER = "officer.syt@tracker.demo"
VIEWER = "viewer@tracker.demo"
#: Every signed-in role, and who may open the administration pages of each kind.
ROLES = (ADMIN, OFFICE, LEADER, HEAD, OFFICER, VIEWER)
#: What a confirming button sends (tracker.users.forms.ConfirmForm).
YES = {"confirmed": "yes"}
LINK = re.compile(r"http://tracker\.test/password/reset/([A-Za-z0-9_-]+)")


@pytest.fixture
def viewer(app) -> User:
    user = User(email=VIEWER, name="Đoàn kiểm tra", role="viewer")
    user.set_password("demo1234")
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def outbox(app):
    """The mails sent (suppressed in tests, recorded by Flask-Mail)."""
    with mail.record_messages() as sent:
        yield sent


def link_token(message) -> str:
    return LINK.search(message.body).group(1)


def user(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email))
