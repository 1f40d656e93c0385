"""Writing the audit log.

Changes to the audited tables are caught where every change passes, the ORM's flush, so a page,
an API call, a command or code written later all leave the same record without asking for it.
Sign-ins, failed sign-ins and password resets are events, not row changes: `record` writes them.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from flask import Flask, g, has_request_context, request
from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session, attributes

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import (
    Agency,
    AuditEvent,
    EvaluationWeights,
    Period,
    ReminderSettings,
    Sector,
    User,
)

#: The tables whose every change is kept (work items keep their own Activity records).
AUDITED = (User, Agency, Sector, ReminderSettings, Period, EvaluationWeights)
#: Columns that change by themselves or say nothing to a reader.
IGNORED = frozenset({"updated_at", "created_at"})
#: Columns whose values are secrets: the log says that they changed, never to what.
SECRET = frozenset({"password_hash", "api_token_hash"})
HIDDEN = "••••"


def init_app(app: Flask) -> None:
    """Listen to every flush of the application's sessions (once per process)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)


def who_and_where() -> tuple[int | None, str | None]:
    """The signed-in person and their address, when a request is being served."""
    if not has_request_context():
        return None, None
    user = g.get("_login_user")  # only if already loaded: never a query inside a flush
    actor_id = getattr(user, "id", None) if getattr(user, "is_authenticated", False) else None
    # A forwarded address is whatever the client wrote: kept to the column's width, as the
    # failed sign-ins' counter keeps it (an address is at most 45 characters).
    address = request.remote_addr[:64] if request.remote_addr else None
    return actor_id, address


def record(
    verb: str,
    subject_id: int | None = None,
    *,
    note: str | None = None,
    actor_id: int | None = None,
    subject_type: str = "accounts",
) -> None:
    """Add an event (a sign-in, a password reset) to the session; the caller commits."""
    signed_in, address = who_and_where()
    db.session.add(
        AuditEvent(
            created_at=now_utc(),
            actor_id=actor_id if actor_id is not None else signed_in,
            address=address,
            verb=verb,
            subject_type=subject_type,
            subject_id=subject_id,
            note=note[:500] if note else None,
        )
    )


def _after_flush(session: Session, _context) -> None:
    rows = [
        row for state, verb in _touched(session) if (row := _event_row(state, verb)) is not None
    ]
    if rows:
        actor_id, address = who_and_where()
        when = now_utc()
        for row in rows:
            row.update(created_at=when, actor_id=actor_id, address=address)
        session.connection().execute(insert(AuditEvent.__table__), rows)


def _touched(session: Session):
    for obj in session.new:
        if isinstance(obj, AUDITED):
            yield obj, "created"
    for obj in session.dirty:
        if isinstance(obj, AUDITED) and session.is_modified(obj, include_collections=False):
            yield obj, "updated"
    for obj in session.deleted:
        if isinstance(obj, AUDITED):
            yield obj, "deleted"


def _event_row(obj, verb: str) -> dict | None:
    changes = _changes(obj, verb)
    if verb == "updated" and not changes:
        return None
    if verb == "updated" and set(changes) == {"active"}:
        verb = "reactivated" if changes["active"][1] == "True" else "deactivated"
    return {
        "verb": verb,
        "subject_type": obj.__tablename__,
        # The primary key, not the identity: a new row gets its identity after this listener.
        "subject_id": inspect(obj).mapper.primary_key_from_instance(obj)[0],
        "changes": changes,
        "note": _label(obj),
    }


def _changes(obj, verb: str) -> dict[str, list]:
    changes = {}
    for column in inspect(obj).mapper.column_attrs:
        key = column.key
        if key in IGNORED:
            continue
        history = attributes.get_history(obj, key)
        if verb == "updated" and not history.has_changes():
            continue
        before = history.deleted[0] if history.deleted else None
        after = history.added[0] if history.added else (history.unchanged or [None])[0]
        if verb == "deleted":
            before, after = after if after is not None else before, None
        if verb == "created" and after is None:
            continue
        if key in SECRET:
            before, after = (HIDDEN if before else None), (HIDDEN if after else None)
        changes[key] = [_plain(before), _plain(after)]
    return changes


def _label(obj) -> str | None:
    """What a reader recognises the row by: an email, an agency's code, a period's name."""
    for attribute in ("email", "code", "name"):
        if (value := getattr(obj, attribute, None)) is not None:
            return str(value)[:500]
    return None


def _plain(value) -> str | None:
    """A value as the log shows it: JSON can hold it and a person can read it."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, datetime | date | Decimal):
        return value.isoformat() if not isinstance(value, Decimal) else str(value)
    return str(value)
