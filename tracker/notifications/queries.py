"""A person's notifications: the inbox's page, the menu's unread count, marking them read."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from tracker.database import db
from tracker.models import Notification, User
from tracker.paging import Page

_SHOWN = (joinedload(Notification.item), joinedload(Notification.actor))


def unread_count(user_id: int) -> int:
    """Counted from the (recipient, read_at) index: every page's menu shows it."""
    return (
        db.session.scalar(
            select(func.count()).where(
                Notification.recipient_id == user_id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def notifications_of(user: User, page: int, per_page: int) -> Page[Notification]:
    """Newest first."""
    mine = Notification.recipient_id == user.id
    total = db.session.scalar(select(func.count()).where(mine)) or 0
    rows = db.session.scalars(
        select(Notification)
        .where(mine)
        .options(*_SHOWN)
        .order_by(Notification.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return Page(list(rows), total, page, per_page)


def carried_by(digest_id: int) -> list[Notification]:
    """The notifications a mail carries, oldest first."""
    return list(
        db.session.scalars(
            select(Notification)
            .where(Notification.digest_id == digest_id)
            .options(*_SHOWN)
            .order_by(Notification.id)
        )
    )
