"""The domain's standing rule (tracker.domain.standing) expressed as SQL over work_items.

The predicates mirror `standing_on` clause by clause; a property test checks that the two agree,
so lists, counts and statistics can be computed by the database without per-item Python loops.
"""

from datetime import date

from sqlalchemy import and_, case, or_
from sqlalchemy.sql.elements import ColumnElement

from tracker.domain.standing import Standing
from tracker.models import WorkItem

W = WorkItem


def done_as_of(as_of: date) -> ColumnElement[bool]:
    return and_(W.status == "completed", W.completed_on <= as_of)


def open_as_of(as_of: date) -> ColumnElement[bool]:
    """Not completed on that date: still open, or completed only later."""
    return or_(
        W.status.notin_(("completed", "cancelled")),
        and_(W.status == "completed", W.completed_on > as_of),
    )


def standing_clause(standing: Standing, as_of: date) -> ColumnElement[bool]:
    """Items that have this standing on `as_of` (cancelled items have none)."""
    done, open_ = done_as_of(as_of), open_as_of(as_of)
    return {
        Standing.DONE_ON_TIME: and_(done, or_(W.deadline.is_(None), W.completed_on <= W.deadline)),
        Standing.DONE_LATE: and_(done, W.completed_on > W.deadline),
        Standing.NO_DEADLINE: and_(open_, W.deadline.is_(None)),
        Standing.OVERDUE: and_(open_, W.deadline < as_of),
        Standing.IN_PROGRESS: and_(open_, W.deadline >= as_of),
    }[standing]


def standing_case(as_of: date) -> ColumnElement[str]:
    """The standing of each row as a string column (NULL for cancelled items)."""
    return case(
        *((standing_clause(standing, as_of), standing.value) for standing in Standing),
        else_=None,
    )
