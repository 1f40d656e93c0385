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
    """The item (of `items`: the model, or its table or an alias of either) is counted.

    The sub-items are looked for among rows with a parent only: PostgreSQL, joining every item
    against them at once, otherwise hashed the index's entries of every item (a million NULLs,
    spilled to disk, for 39 parents) and a count of all items as of today took three times as
    long. SQLite, which looks up each item's sub-items in the index, runs the same plan.
    """
    child = aliased(WorkItem, name="counted_child")
    return (items.recurrence.is_(None)) & ~exists(
        select(child.id).where(child.parent_id == items.id, child.parent_id.is_not(None))
    )
