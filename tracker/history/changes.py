"""An item's history: every change recorded as {field: [old, new]}, who made it and when."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import Activity, Agency, User, WorkItem
from tracker.models.types import utcnow


def display(value) -> str | None:
    """How a value is kept in the history: a plain string (dates in ISO form), or None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Agency | User):
        return value.name
    if isinstance(value, list | tuple):
        return "; ".join(display(v) or "" for v in value) or None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def apply(item: WorkItem, **values) -> dict[str, list[str | None]]:
    """Set the item's attributes to `values`; return the changes for those that differ."""
    changes: dict[str, list[str | None]] = {}
    for field, new in values.items():
        old = getattr(item, field)
        if isinstance(old, list):
            old = list(old)  # a copy: the relationship's list is changed in place below
        if old != new:
            setattr(item, field, new)
            changes[field] = [display(old), display(new)]
    return changes


def record(
    item: WorkItem,
    actor: User | None,
    verb: str,
    today: date,
    changes: dict | None = None,
    note: str | None = None,
    touch: bool = True,
) -> Activity:
    """Append an entry to the item's history.

    With `touch` the item counts as active today and its version moves on, so that a form
    opened before this change is refused (a comment, which overwrites nothing, does not touch).
    Setting activity.item (not appending to item.activities) leaves that collection unloaded:
    loading it would flush the item halfway through the use case.
    """
    moment = now_utc()
    activity = Activity(
        item=item,
        verb=verb,
        actor=actor,
        changes=changes or {},
        note=note or None,
        created_at=moment,
    )
    db.session.add(activity)
    if touch:
        item.last_activity_on = max(item.last_activity_on or today, today)
        # The wall clock, never the app's (fixed in tests): the value must differ from the last
        # one for the UPDATE — and with it the version check — to happen every time.
        item.updated_at = utcnow()
    return activity
