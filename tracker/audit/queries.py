"""The audit log as one list: the audit events and the work items' own history (Activity),
merged in SQL, newest first, filtered by who, what and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, func, literal, null, select, union_all
from sqlalchemy.types import String

from tracker.database import db
from tracker.models import Activity, AuditEvent, User
from tracker.paging import Page

ITEMS = "work_items"


@dataclass(frozen=True)
class AuditFilters:
    actor_id: int | None = None
    subject_type: str | None = None  #: a table, "accounts" for sign-ins, "work_items"
    subject_id: int | None = None
    since: date | None = None  #: local days, both included
    until: date | None = None


@dataclass(frozen=True)
class Entry:
    created_at: datetime
    actor_id: int | None
    address: str | None
    verb: str
    subject_type: str
    subject_id: int | None
    note: str | None
    changes: dict


def _moment(day: date) -> datetime:
    """The start of a local day, in UTC."""
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    return datetime.combine(day, time(), zone)


def _where(query: Select, created, actor, subject, filters: AuditFilters) -> Select:
    if filters.actor_id is not None:
        query = query.where(actor == filters.actor_id)
    if filters.subject_id is not None:
        query = query.where(subject == filters.subject_id)
    if filters.since is not None:
        query = query.where(created >= _moment(filters.since))
    if filters.until is not None:
        query = query.where(created < _moment(filters.until + timedelta(days=1)))
    return query


def _merged(filters: AuditFilters):
    """Both sources as one selectable with the same columns."""
    parts = []
    if filters.subject_type in (None, ITEMS):
        a = Activity
        activity = select(
            a.created_at, a.actor_id, null().cast(String(64)).label("address"), a.verb,
            literal(ITEMS, String(40)).label("subject_type"), a.item_id.label("subject_id"),
            a.note, a.changes,
        )  # fmt: skip
        parts.append(_where(activity, a.created_at, a.actor_id, a.item_id, filters))
    if filters.subject_type != ITEMS:
        e = AuditEvent
        events = select(
            e.created_at, e.actor_id, e.address, e.verb, e.subject_type, e.subject_id,
            e.note, e.changes,
        )  # fmt: skip
        if filters.subject_type:
            events = events.where(e.subject_type == filters.subject_type)
        parts.append(_where(events, e.created_at, e.actor_id, e.subject_id, filters))
    return union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()


def audit_total(filters: AuditFilters) -> int:
    merged = _merged(filters)
    return db.session.scalar(select(func.count()).select_from(merged))


def audit_entries(filters: AuditFilters, offset: int, limit: int) -> list[Entry]:
    merged = _merged(filters)
    rows = db.session.execute(
        select(merged).order_by(merged.c.created_at.desc()).offset(offset).limit(limit)
    ).all()
    return [Entry(*row) for row in rows]


def audit_page(filters: AuditFilters, page: int, per_page: int) -> Page[Entry]:
    total = audit_total(filters)
    return Page(audit_entries(filters, (page - 1) * per_page, per_page), total, page, per_page)


def names_of(entries: list[Entry]) -> dict[int, str]:
    """Who acted, for the rows shown: one query."""
    ids = {entry.actor_id for entry in entries if entry.actor_id is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(User.id, User.email).where(User.id.in_(ids))).all())
