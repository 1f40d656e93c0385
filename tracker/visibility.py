"""Which work items a person may see, as SQL: the rule every list, count and export applies
(tracker.permissions decides the rest, item by item)."""

from __future__ import annotations

from sqlalchemy import Select, exists, or_, select, true, union
from sqlalchemy.sql.elements import ColumnElement

from tracker.database import db
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
    also_seen = select(item_coordinators.c.item_id).where(
        item_coordinators.c.agency_id == user.agency_id
    )
    if left_an_agency(user.id):
        also_seen = union(also_seen, formerly_led_ids(user.id))
    return or_(WorkItem.lead_agency_id == user.agency_id, WorkItem.id.in_(also_seen))


def left_an_agency(user_id: int) -> bool:
    """Whether a reorganisation moved the person out of an agency (few ever are). Only then
    does their clause name the items such agencies held: PostgreSQL cannot tell how many that
    part finds, costs it as a million rows and compiles every count of a head's items with JIT
    (0.5 s at a million items, where the count itself takes 0.18 s)."""
    held = select(FormerMembership.user_id).where(FormerMembership.user_id == user_id)
    return bool(db.session.scalar(select(held.exists())))


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
