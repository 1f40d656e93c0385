"""Who may see and do what: the one place permissions are decided.

Admin and office: everything. Leader: read everything, decide extensions. Head and officer:
their agency's items (led or coordinated); write on items their agency leads. Viewer: read only.
"""

from __future__ import annotations

from functools import wraps

from flask import abort
from flask_login import current_user
from sqlalchemy import exists, or_, select, true
from sqlalchemy.sql.elements import ColumnElement

from tracker.models import Role, User, WorkItem, item_coordinators

SEES_EVERYTHING = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER, Role.VIEWER})
MANAGES_PLAN = frozenset({Role.ADMIN, Role.OFFICE})


def visible_items_clause(user: User) -> ColumnElement[bool]:
    """A WHERE clause restricting work items to those the user may see."""
    if user.role in SEES_EVERYTHING:
        return true()
    coordinated = exists(
        select(item_coordinators.c.item_id).where(
            item_coordinators.c.item_id == WorkItem.id,
            item_coordinators.c.agency_id == user.agency_id,
        )
    )
    return or_(WorkItem.lead_agency_id == user.agency_id, coordinated)


def can_view_item(user: User, item: WorkItem) -> bool:
    if user.role in SEES_EVERYTHING:
        return True
    return user.agency_id is not None and (
        item.lead_agency_id == user.agency_id
        or any(agency.id == user.agency_id for agency in item.coordinating_agencies)
    )


def can_lead_item(user: User, item: WorkItem) -> bool:
    """May the user report on the item (progress, submission, extension request)?"""
    return user.role in (Role.HEAD, Role.OFFICER) and item.lead_agency_id == user.agency_id


def sees_everything(user: User) -> bool:
    return user.role in SEES_EVERYTHING


def roles_required(*roles: Role):
    """Refuse the view (403) unless the signed-in user has one of the roles."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated or current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


# Reports: the office and the leadership follow up; agency users see their own agency's figures.
FOLLOWS_UP = frozenset({Role.ADMIN, Role.OFFICE, Role.LEADER})


def can_follow_up(user: User) -> bool:
    """The overdue list, urging letters and the leadership dashboard."""
    return user.is_authenticated and user.role in FOLLOWS_UP


def can_manage_periods(user: User) -> bool:
    """Create, close and publish reporting periods."""
    return user.is_authenticated and user.role in MANAGES_PLAN


def report_agency(user: User) -> int | None:
    """The one agency whose figures the user may see in live reports; None for all of them.

    Agency users see every agency's row only in a published period's report.
    """
    return None if user.role in SEES_EVERYTHING else user.agency_id


def can_follow_agency_calendar(user: User, agency_id: int) -> bool:
    """May the user subscribe to the deadlines of the items this agency leads?"""
    return user.role in SEES_EVERYTHING or user.agency_id == agency_id
