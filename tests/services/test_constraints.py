"""What must always hold is enforced by the database itself, on every engine."""

from datetime import date

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from tracker.database import db
from tracker.models import Agency, Plan, User, WorkItem


def _item_values(**overrides) -> dict:
    plan_id = db.session.scalar(select(Plan.id).order_by(Plan.id))  # Plan 59, loaded first
    lead = db.session.scalar(select(Agency.id).where(Agency.code == "syt"))
    values = {
        "plan_id": plan_id,
        "code": "X-1",
        "kind": "task",
        "title": "Thử",
        "search_text": "thu",
        "lead_agency_id": lead,
        "assigned_on": date(2026, 1, 1),
        "status": "assigned",
        "progress": 0,
        "version": 1,
        "default_assignment": False,
        "is_key": False,
        "is_public": True,
        "created_at": None,
        "updated_at": None,
    }
    values.update(overrides)
    return {
        k: v for k, v in values.items() if v is not None or k not in ("created_at", "updated_at")
    }


def _insert(**overrides) -> None:
    from tracker.models.types import utcnow

    values = _item_values(**overrides)
    values.setdefault("created_at", utcnow())
    values["created_at"] = values["created_at"] or utcnow()
    values["updated_at"] = values.get("updated_at") or utcnow()
    db.session.execute(insert(WorkItem), [values])
    db.session.flush()


def test_a_valid_row_is_accepted(app):
    _insert()
    assert db.session.scalar(select(WorkItem.title).where(WorkItem.code == "X-1")) == "Thử"


@pytest.mark.parametrize(
    "overrides",
    [
        {"code": "NV-LV-01"},  # codes are unique within a plan
        {"lead_agency_id": None},  # exactly one lead agency
        {"lead_agency_id": 999_999},  # a real one
        {"progress": 101},
        {"progress": -1},
        {"status": "lost"},
        {"kind": "wish"},
        {"kind": "target"},  # a target has a year
        {"deadline": date(2026, 1, 1)},  # the original deadline is kept beside it
        {"status": "completed"},  # a completion has a date
    ],
    ids=lambda o: ",".join(f"{k}={v}" for k, v in o.items()),
)
def test_the_database_refuses(app, overrides):
    with pytest.raises(IntegrityError):
        _insert(**overrides)
    db.session.rollback()


def test_a_head_belongs_to_an_agency(app):
    db.session.add(User(email="x@example.org", name="X", role="head", password_hash="x"))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
