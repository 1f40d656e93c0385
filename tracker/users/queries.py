"""Lists of people for the administrator: filtered, searched without diacritics, paged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from tracker.database import db
from tracker.domain.workflow import OPEN_STATUSES
from tracker.models import ExtensionRequest, User, WorkItem
from tracker.paging import Page, rows_in
from tracker.pickers import matching


@dataclass(frozen=True)
class UserFilters:
    q: str | None = None
    agency_id: int | None = None
    role: str | None = None
    active: bool | None = None


def list_users(filters: UserFilters, page: int, per_page: int) -> Page[User]:
    """People matching the filters, by name, a page read by SQL: a ministry's deployment has
    tens of thousands of accounts (0.4 s read whole). The search looks in each person's folded
    text, so "nguyen hai" finds "Nguyễn Văn Hải"."""
    query = select(User).options(joinedload(User.agency)).order_by(User.name, User.id)
    if filters.agency_id is not None:
        query = query.where(User.agency_id == filters.agency_id)
    if filters.role:
        query = query.where(User.role == filters.role)
    if filters.active is not None:
        query = query.where(User.active.is_(filters.active))
    if filters.q:
        query = matching(query, filters.q)
    rows = db.session.scalars(query.offset((page - 1) * per_page).limit(per_page)).all()
    return Page(list(rows), rows_in(query), page, per_page)


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
