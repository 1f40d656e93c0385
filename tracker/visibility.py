"""Which work items a person may see, as SQL: the rule every list, count and export applies
(tracker.permissions decides the rest, item by item)."""

from __future__ import annotations

from sqlalchemy import Select, exists, or_, select, true, union
from sqlalchemy.sql.elements import ColumnElement

from tracker.models import (
    AssignmentPeriod,
    FormerMembership,
    Role,
    User,
    WorkItem,
    item_coordinators,
    period_coordinators,
)

SEES_EVERYTHING = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.VIEWER})


def visible_items_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause restricting work items to those the user may see."""
    if user.role in SEES_EVERYTHING:
        return true()
    # One set of ids, each part read by its own index: an OR of correlated EXISTS made the
    # database test every item of the country one by one (bench/items.py and docs/performance.md).
    coordinated = select(item_coordinators.c.item_id).where(
        item_coordinators.c.agency_id == user.agency_id
    )
    return or_(
        WorkItem.lead_agency_id == user.agency_id,
        WorkItem.id.in_(union(coordinated, formerly_led_ids(user.id))),
    )


def formerly_led_ids(user_id: int) -> Select:
    """The ids of the items an agency the user left in a reorganisation held (led or
    coordinated) before it ended: they keep reading their own history
    (tracker.models.reorganisation.FormerMembership), wherever the items went and whichever
    successor the user joined."""
    P, F, PC = AssignmentPeriod, FormerMembership, period_coordinators
    coordinated = exists().where(PC.c.period_id == P.id, PC.c.agency_id == F.agency_id)
    return (
        select(P.item_id)
        .join(F, or_(F.agency_id == P.lead_agency_id, coordinated))
        .where(F.user_id == user_id, P.valid_from < F.until)
    )


def formerly_led(user_id: int) -> ColumnElement[bool]:
    """Is the item one of formerly_led_ids(user_id)? Correlated: for one item at a time."""
    return exists(formerly_led_ids(user_id).where(AssignmentPeriod.item_id == WorkItem.id))
