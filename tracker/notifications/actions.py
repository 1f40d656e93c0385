"""What a person does with their notifications: mark one read, or all of them."""

from __future__ import annotations

from sqlalchemy import update

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import Notification, User


def mark_read(user: User, notification_id: int) -> int | None:
    """Mark one of the person's notifications read; its item, or None if it is not theirs."""
    found = db.session.get(Notification, notification_id)
    if found is None or found.recipient_id != user.id:
        return None
    if found.read_at is None:
        found.read_at = now_utc()
    item_id = found.item_id
    db.session.commit()
    return item_id


def mark_all_read(user: User) -> int:
    """Mark every unread notification of the person read; how many."""
    done = db.session.execute(
        update(Notification)
        .where(Notification.recipient_id == user.id, Notification.read_at.is_(None))
        .values(read_at=now_utc())
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return done
