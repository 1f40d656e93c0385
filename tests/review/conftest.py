"""An item of Sở Y tế, which reviews its submissions inside the agency."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, Plan, User, WorkItem
from tracker.workflow.actions import Report


def person(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


@pytest.fixture
def config_overrides(tmp_path) -> dict:
    return {"UPLOAD_FOLDER": str(tmp_path / "uploads")}


@pytest.fixture
def syt_reviews(app):
    agency = db.session.scalar(select(Agency).where(Agency.code == "syt"))
    agency.internal_review = True
    db.session.commit()
    return agency


@pytest.fixture
def make_item(app, today):
    def make(code="RV-01", agency_code="syt", status="in_progress", assigned_on=None):
        agency = db.session.scalar(select(Agency).where(Agency.code == agency_code))
        item = WorkItem(
            plan_id=db.session.scalar(select(Plan.id)),
            code=code,
            kind="task",
            title=f"Nhiệm vụ thử {code}",
            lead_agency_id=agency.id,
            responsible_id=person(f"officer.{agency_code}@tracker.demo").id,
            assigned_on=assigned_on or today,
            deadline=today.replace(day=28),
            original_deadline=today.replace(day=28),
            status=status,
        )
        db.session.add(item)
        db.session.commit()
        return item

    return make


#: A submission the office can confirm: the result and the report document it rests on.
DONE = Report(text="Đã xong", document_number="125/BC-SYT", document_date=date(2026, 11, 24))
