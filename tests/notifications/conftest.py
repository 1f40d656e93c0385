"""A real SMTP server for the notifications' mails, a moving clock, and an open item of syt."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, Plan, User, WorkItem
from tracker.workflow.actions import Report

from ..reminders.conftest import Clock, SMTPServer, free_port


@pytest.fixture
def smtp_port() -> int:
    return free_port()


@pytest.fixture
def smtp(smtp_port: int):
    server = SMTPServer(smtp_port)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def config_overrides(smtp_port: int, tmp_path) -> dict:
    """Mail really goes over SMTP (MAIL_SUPPRESS_SEND defaults to TESTING)."""
    return {
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": smtp_port,
        "MAIL_SUPPRESS_SEND": False,
        "UPLOAD_FOLDER": str(tmp_path / "uploads"),
    }


@pytest.fixture
def clock(app) -> Clock:
    moving = Clock(app.config["CLOCK"]())
    app.config["CLOCK"] = moving
    return moving


def person(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


@pytest.fixture
def open_item(app, today):
    """A task of Sở Y tế in progress, its focal officer responsible, no request pending."""
    agency = db.session.scalar(select(Agency).where(Agency.code == "syt"))
    item = WorkItem(
        plan_id=db.session.scalar(select(Plan.id)),
        code="TB-01",
        kind="task",
        title="Nhiệm vụ thử thông báo",
        lead_agency_id=agency.id,
        responsible_id=person("officer.syt@tracker.demo").id,
        assigned_on=today,
        deadline=today.replace(day=28),
        original_deadline=today.replace(day=28),
        status="in_progress",
    )
    db.session.add(item)
    db.session.commit()
    return item


#: A submission the office can confirm: the result and the report document it rests on.
DONE = Report(text="Đã xong", document_number="125/BC-SYT", document_date=date(2026, 11, 24))
