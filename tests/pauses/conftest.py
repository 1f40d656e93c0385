"""A real SMTP server, a moving clock, and items of Sở Y tế to pause."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Agency, Plan, WorkItem

from ..notifications.conftest import clock, config_overrides, person, smtp, smtp_port

__all__ = ["clock", "config_overrides", "person", "smtp", "smtp_port"]


@pytest.fixture
def make_item(app):
    """make_item("PD-01", deadline) -> a task of Sở Y tế in progress since 2 November."""

    def make(code: str, deadline: date | None, status: str = "in_progress") -> WorkItem:
        agency = db.session.scalar(select(Agency).where(Agency.code == "syt"))
        item = WorkItem(
            plan_id=db.session.scalar(select(Plan.id)),
            code=code,
            kind="task",
            title=f"Nhiệm vụ thử {code}",
            lead_agency_id=agency.id,
            responsible_id=person("officer.syt@tracker.demo").id,
            assigned_on=date(2026, 11, 2),
            deadline=deadline,
            original_deadline=deadline,
            status=status,
            completed_on=date(2026, 11, 20) if status == "completed" else None,
        )
        db.session.add(item)
        db.session.commit()
        return item

    return make
