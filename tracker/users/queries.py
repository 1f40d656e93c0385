"""Lists of people for the administrator: filtered, searched without diacritics, paged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from tracker.database import db
from tracker.domain.text import fold
from tracker.domain.workflow import OPEN_STATUSES
from tracker.models import ExtensionRequest, User, WorkItem
from tracker.paging import Page, rows_in


@dataclass(frozen=True)
class UserFilters:
    q: str | None = None
    agency_id: int | None = None
    role: str | None = None
    active: bool | None = None


def list_users(filters: UserFilters, page: int, per_page: int) -> Page[User]:
    """People matching the filters, by name. Without a search, the page is read by SQL (a
    ministry's deployment has tens of thousands of accounts: 0.4 s read whole). A search folds
    names in Python, without accents, after SQL has filtered the rest."""
    query = select(User).options(joinedload(User.agency)).order_by(User.name, User.id)
    if filters.agency_id is not None:
        query = query.where(User.agency_id == filters.agency_id)
    if filters.role:
        query = query.where(User.role == filters.role)
    if filters.active is not None:
        query = query.where(User.active.is_(filters.active))
    start = (page - 1) * per_page
    if not (filters.q and (needle := fold(filters.q))):
        rows = db.session.scalars(query.offset(start).limit(per_page)).all()
        return Page(list(rows), rows_in(query), page, per_page)
    people = [p for p in db.session.scalars(query) if needle in fold(_searchable(p))]
    return Page(people[start : start + per_page], len(people), page, per_page)


def _searchable(user: User) -> str:
    return " ".join(filter(None, [user.name, user.email, user.title, user.phone]))


def open_items_of(user: User) -> list[WorkItem]:
    """Open items the person is responsible for: to reassign before they leave."""
    return list(
        db.session.scalars(
            select(WorkItem)
            .where(
                WorkItem.responsible_id == user.id,
                WorkItem.status.in_(sorted(OPEN_STATUSES)),
            )
            .order_by(WorkItem.deadline, WorkItem.code)
        )
    )


def pending_requests_of(user: User) -> list[ExtensionRequest]:
    """Extension requests the person made that still wait for a decision."""
    return list(
        db.session.scalars(
            select(ExtensionRequest)
            .options(joinedload(ExtensionRequest.item))
            .where(
                ExtensionRequest.requested_by_id == user.id, ExtensionRequest.status == "pending"
            )  # fmt: skip
        )
    )


def count_by_role() -> dict[str, int]:
    return dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
