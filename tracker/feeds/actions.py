"""Calendar feeds: secret addresses of deadlines, stored as a hash, revocable."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from tracker.accounts.login import hash_token
from tracker.clock import now_utc
from tracker.database import db
from tracker.history import as_of_sql as history_sql
from tracker.models import Agency, CalendarFeed, User, WorkItem

W = WorkItem


def feeds_of(owner: User) -> list[CalendarFeed]:
    query = select(CalendarFeed).where(CalendarFeed.owner_id == owner.id)
    return list(db.session.scalars(query.order_by(CalendarFeed.created_at.desc())))


def create_feed(owner: User, agency_id: int | None, label: str) -> tuple[CalendarFeed, str]:
    """A new feed and its token; the token is returned once and only its hash is kept."""
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(owner=owner, agency_id=agency_id, label=label, token_hash=hash_token(token))
    db.session.add(feed)
    db.session.commit()
    return feed, token


def revoke_feed(owner: User, feed_id: int) -> CalendarFeed | None:
    """Stop the feed's address from working; None when it is not the owner's."""
    feed = db.session.get(CalendarFeed, feed_id)
    if feed is None or feed.owner_id != owner.id:
        return None
    if feed.revoked_at is None:
        feed.revoked_at = now_utc()
        db.session.commit()
    return feed


def find_feed(token: str) -> CalendarFeed | None:
    return db.session.scalar(
        select(CalendarFeed).where(CalendarFeed.token_hash == hash_token(token))
    )


@dataclass(frozen=True)
class Deadline:
    item_id: int
    code: str
    title: str
    deadline: date
    status: str
    agency: str
    updated_at: object


def deadlines(feed: CalendarFeed, limit: int) -> list[Deadline]:
    """The open items of the feed with a deadline: the owner's, or those its agency leads."""
    if feed.agency_id is not None:
        mine = W.lead_agency_id == feed.agency_id
    else:
        mine = W.responsible_id == feed.owner_id
    query = (
        select(W.id, W.code, W.title, W.deadline, W.status, Agency.name, W.updated_at)
        .join(Agency, W.lead_agency_id == Agency.id)
        .where(mine, history_sql.open_now(), W.deadline.is_not(None))
        .order_by(W.deadline, W.code)
        .limit(limit)
    )
    return [Deadline(*row) for row in db.session.execute(query)]


def record_use(feed: CalendarFeed, today: date) -> None:
    """Remember the day a calendar last fetched the feed (one write a day at most)."""
    if feed.last_used_on != today:
        feed.last_used_on = today
        db.session.commit()
