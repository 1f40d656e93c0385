"""The deadline a recurring duty shows: its next occurrence's.

A recurring item has no deadline of its own (each occurrence has one), so its page and the lists
show when the next occurrence falls due instead of "no deadline": the earliest unfinished
occurrence due today or later, or, when none is made yet, the first the rule will make.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select

from tracker.assignments.recurrence import recurrence_of
from tracker.database import db
from tracker.domain.recurrence import horizon_end
from tracker.domain.workflow import Status
from tracker.models import WorkItem
from tracker.workdays.store import working_calendar

FINISHED = (Status.COMPLETED.value, Status.CANCELLED.value)
#: How far the rule is followed to find the next due day: a year covers every period.
LOOK_AHEAD_MONTHS = 12


def next_deadlines(items: Iterable[WorkItem], today: date) -> dict[int, date]:
    """{recurring item id: its next occurrence's deadline} for the recurring items among
    `items` that still have one (none once the recurrence ended or the duty was cancelled)."""
    series = [item for item in items if item.recurrence and item.status != Status.CANCELLED.value]
    if not series:
        return {}
    made = db.session.execute(
        select(WorkItem.parent_id, WorkItem.code, WorkItem.deadline, WorkItem.status).where(
            WorkItem.parent_id.in_([item.id for item in series])
        )
    ).all()
    found: dict[int, date] = {}
    for parent_id, _code, deadline, status in made:
        coming = deadline is not None and deadline >= today and status not in FINISHED
        if coming and (parent_id not in found or deadline < found[parent_id]):
            found[parent_id] = deadline
    days = None
    for item in series:
        if item.id in found:
            continue
        days = days or working_calendar()
        codes = {code for parent_id, code, *_ in made if parent_id == item.id}
        due = _first_by_rule(item, today, codes, days)
        if due is not None:
            found[item.id] = due
    return found


def _first_by_rule(item: WorkItem, today: date, made: set[str], days) -> date | None:
    """The first occurrence the rule makes from today that is not made already."""
    start = max(today, item.assigned_on)
    end = horizon_end(start, LOOK_AHEAD_MONTHS)
    if item.recur_until is not None:
        end = min(end, item.recur_until)
    for occurrence in recurrence_of(item).between(start, end, days):
        if f"{item.code}/{occurrence.label}"[:60] not in made:
            return occurrence.due
    return None
