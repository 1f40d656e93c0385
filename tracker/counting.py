"""What every count of items counts: each piece of work once.

An item broken into sub-items is counted through its sub-items, never itself as well (its work
is theirs); a recurring duty is counted through its occurrences, each a sub-item with its own
deadline, never itself (the duty has no deadline of its own, even before its first occurrence
is made). Lists still show such items; their counts by standing, the statistics, the overdue
list, the dashboard and the reconciliation by document all count with this one rule.
"""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement

from tracker.models import WorkItem


def piece_of_work(items=WorkItem) -> ColumnElement[bool]:
    """The item (of `items`: the model, or its table or an alias of either) is counted."""
    child = aliased(WorkItem, name="counted_child")
    return (items.recurrence.is_(None)) & ~exists(
        select(child.id).where(child.parent_id == items.id)
    )
