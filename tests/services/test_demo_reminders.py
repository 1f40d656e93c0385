"""The demo brings a few untouched targets' deadlines near today, once."""

from datetime import date

from sqlalchemy import select

from tracker.database import db
from tracker.models import AssignmentPeriod, WorkItem
from tracker.reminders.policy import load_policy
from tracker.seeding.demo_reminders import DEMO_REASON, DUE_SOON, bring_deadlines_near
from tracker.workdays.store import working_calendar

from ..oracles.reminders import stages_on


def test_the_demo_has_items_due_within_7_working_days(app, today, item_by_code):
    calendar = working_calendar()
    rules = set()
    for code, working_days in DUE_SOON:
        item = item_by_code(code)
        assert item.deadline == calendar.add_working_days(today, working_days)
        # A dated correction by the office, with its reason: the plan's deadline stays the
        # original one.
        assert item.original_deadline == date(item.target_year, 12, 31) != item.deadline
        change = db.session.scalar(
            select(AssignmentPeriod).where(
                AssignmentPeriod.item_id == item.id, AssignmentPeriod.kind == "correction"
            )
        )
        assert (change.valid_from, change.deadline, change.reason) == (
            today,
            item.deadline,
            DEMO_REASON,
        )
        assert change.changed_by.email == "office@tracker.demo"
        assert item.default_assignment is False  # the seed now leaves it alone
        rules |= {s.rule for s in stages_on(item.deadline, today, load_policy(), calendar)}
    assert rules == {"due:0", "due:1", "due:3", "due:7"}


def test_bringing_deadlines_near_again_changes_nothing(app, today):
    before = db.session.execute(select(WorkItem.code, WorkItem.deadline)).all()
    assert bring_deadlines_near(today) == {}
    assert db.session.execute(select(WorkItem.code, WorkItem.deadline)).all() == before


def test_a_closed_item_is_left_alone(app, today, item_by_code):
    item = item_by_code("KTS-2030-04")
    item.default_assignment = True  # as if the seed had reset it
    item.status = "completed"
    item.completed_on = today
    db.session.commit()
    assert bring_deadlines_near(today) == {}
