"""Builders of hand-made items and extension decisions for the report tests."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import (
    Agency,
    AssignmentPeriod,
    ExtensionRequest,
    Group,
    Plan,
    Sector,
    User,
    WorkItem,
)

_codes = itertools.count(1)


@pytest.fixture
def make_item(app):
    """make_item(agency="syt", deadline=..., status=..., ...) -> a new WorkItem, flushed."""
    plan = db.session.scalar(select(Plan))
    groups = {g.code: g for g in db.session.scalars(select(Group))}
    sectors = {s.code: s for s in db.session.scalars(select(Sector))}
    agencies = {a.code: a for a in db.session.scalars(select(Agency))}

    def make(agency: str = "syt", *, group: str = "CQS", sector: str = "y-te", **values):
        deadline = values.pop("deadline", None)
        values.setdefault("original_deadline", deadline)
        values.setdefault("assigned_on", date(2025, 1, 2))
        values.setdefault("kind", "task")
        item = WorkItem(
            plan=plan,
            code=values.pop("code", f"T-{next(_codes):05d}"),
            title=values.pop("title", "Nhiệm vụ thử nghiệm"),
            lead_agency=agencies[agency],
            group=groups[group],
            sector=sectors[sector],
            deadline=deadline,
            **values,
        )
        db.session.add(item)
        db.session.flush()
        return item

    return make


@pytest.fixture
def approve_extension(app):
    """approve_extension(item, decided_on, new_deadline, status="approved") records a decision."""
    requester = db.session.scalar(select(User).where(User.email == "officer.syt@tracker.demo"))

    def record(item: WorkItem, decided_on: date, new_deadline: date, status: str = "approved"):
        request = ExtensionRequest(
            item_id=item.id,
            requested_by_id=requester.id,
            requested_on=decided_on,
            current_deadline=item.deadline,
            proposed_deadline=new_deadline,
            reason="Cần thêm thời gian",
            status=status,
            decided_on=decided_on if status != "pending" else None,
        )
        db.session.add(request)
        if status == "approved":
            # What the approval writes in the app: the deadline moves from the day decided.
            db.session.add(
                AssignmentPeriod(
                    item_id=item.id, lead_agency_id=item.lead_agency_id, deadline=new_deadline,
                    responsible_id=item.responsible_id, valid_from=decided_on, kind="extension",
                )
            )  # fmt: skip
        db.session.flush()
        return request

    return record


@pytest.fixture
def agency(app):
    """A new agency with no item, so its row holds exactly what a test builds."""
    agency = Agency(code="thu-nghiem", name="Cơ quan thử nghiệm", kind="department")
    db.session.add(agency)
    db.session.flush()
    return agency


@pytest.fixture
def count_queries(app):
    """with count_queries() as counted: ... ; counted[0] is the number of SQL statements run."""
    from contextlib import contextmanager

    from sqlalchemy import event

    @contextmanager
    def counting():
        counted = [0]

        def count(*_args):
            counted[0] += 1

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            yield counted
        finally:
            event.remove(db.engine, "before_cursor_execute", count)

    return counting
