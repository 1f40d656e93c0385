"""Acknowledging an assignment (đã tiếp nhận) and giving an item to a member of staff.

The member of staff becomes the item's responsible person: the reminders go to them first;
the head keeps seeing the item and still receives its escalations.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import Row, select

from tracker.access import commit, load_item, require
from tracker.clock import local_today
from tracker.database import db
from tracker.history.changes import apply, record
from tracker.history.periods import open_period
from tracker.models import Role, User, WorkItem
from tracker.notifications import events
from tracker.permissions import ItemAction
from tracker.refusals import Invalid


def acknowledge(user: User, item_id: int, version: int | None) -> WorkItem:
    """The lead agency says it received the assignment, today."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.ACKNOWLEDGE, version)
    today = local_today()
    changes = apply(item, acknowledged_on=today)
    item.acknowledged_by = user
    record(item, user, "acknowledged", today, changes)
    commit()
    return item


def delegate(user: User, item_id: int, version: int | None, staff_id: int | None) -> WorkItem:
    """The head gives the item to a member of staff (or an officer) of the agency."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.DELEGATE, version)
    person = db.session.get(User, staff_id) if staff_id else None
    if (
        person is None
        or not person.active
        or person.agency_id != item.lead_agency_id
        or person.role not in (Role.STAFF, Role.OFFICER)
    ):
        message = _("Choose a member of staff of the lead agency.")
        raise Invalid(message, {"staff_id": [message]})
    changes = apply(item, responsible=person)
    if not changes:
        return item
    today = local_today()
    record(item, user, "delegated", today, changes)
    open_period(item, "reassignment", today, user, _("Delegated by the head of the agency"))
    events.notify("delegated", item, user, [person])
    commit()
    return item


def staff_of(agency_id: int) -> list[Row]:
    """Whom a head may give an item to: the agency's active staff and focal officers, as
    (id, name, role). Every page of a head's item list offers them: no whole users loaded."""
    return list(
        db.session.execute(
            select(User.id, User.name, User.role)
            .where(
                User.agency_id == agency_id,
                User.active,
                User.role.in_((Role.STAFF, Role.OFFICER)),
            )
            .order_by(User.role.desc(), User.name)
        )
    )
