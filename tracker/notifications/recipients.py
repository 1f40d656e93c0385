"""Who is told of an event: resolved from the item's current assignment when it happens."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from tracker.database import db
from tracker.models import Role, User, WorkItem
from tracker.models.org import ANSWERING_ROLES


def agency_people(agency_id: int | None) -> list[User]:
    """The active heads and focal officers of an agency: those who answer for its items."""
    if agency_id is None:
        return []
    return list(
        db.session.scalars(
            select(User)
            .where(User.agency_id == agency_id, User.active, User.role.in_(ANSWERING_ROLES))
            .order_by(User.id)
        )
    )


def agency_heads(agency_id: int) -> list[User]:
    """The head and deputies (head accounts) of an agency: they review its submissions."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.agency_id == agency_id, User.active, User.role == Role.HEAD)
            .order_by(User.id)
        )
    )


def office_people() -> list[User]:
    """The provincial office's active specialists: they confirm, return and decide."""
    return list(
        db.session.scalars(
            select(User).where(User.role == Role.OFFICE, User.active).order_by(User.id)
        )
    )


def item_people(item: WorkItem) -> list[User]:
    """The lead agency's people and the item's responsible person."""
    people = agency_people(item.lead_agency_id or item.lead_agency.id)
    return _with(people, [item.responsible])


def _with(people: list[User], more: Iterable[User | None]) -> list[User]:
    known = {person.id for person in people}
    return people + [person for person in more if person is not None and person.id not in known]
