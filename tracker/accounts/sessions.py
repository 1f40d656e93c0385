"""Each sign-in is a row: the person sees where they are signed in and ends any of it.

The session cookie and the remember-me cookie carry "<user id>.<session key>" (Flask-Login's
alternative id, `User.get_id`), so ending the row ends both, in every worker, at once.
"""

from __future__ import annotations

import hashlib
import secrets

from flask import request
from sqlalchemy import select, update

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import User, UserSession


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def open_session(user: User) -> None:
    """A new session for the user; their `get_id` now names it (call before login_user)."""
    key = secrets.token_urlsafe(24)
    db.session.add(
        UserSession(
            user_id=user.id,
            key_hash=key_hash(key),
            created_at=now_utc(),
            address=request.remote_addr,
            user_agent=(request.user_agent.string or "")[:200] or None,
        )
    )
    user.session_key = key


def split_id(user_id: str) -> tuple[int, str] | None:
    """ "42.<key>" -> (42, key); anything else (an id from before sessions were kept) -> None."""
    number, dot, key = user_id.partition(".")
    if not dot or not number.isdigit() or not key or len(number) > 10:
        return None
    return int(number), key


def sessions_of(user: User) -> list[UserSession]:
    """The user's open sessions, newest first."""
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, UserSession.revoked_at.is_(None))
            .order_by(UserSession.created_at.desc(), UserSession.id.desc())
        )
    )


def current_session_hash(user: User) -> str | None:
    key = getattr(user, "session_key", None)
    return key_hash(key) if key else None


def end_session(user: User, session_id: int) -> bool:
    """End one of the user's own sessions; False when there is no such open session."""
    ended = db.session.execute(
        update(UserSession)
        .where(
            UserSession.id == session_id,
            UserSession.user_id == user.id,
            UserSession.revoked_at.is_(None),
        )
        .values(revoked_at=now_utc())
    )
    return ended.rowcount > 0


def end_current(user: User) -> None:
    """Signing out ends this session (its remember-me cookie too)."""
    if (current := current_session_hash(user)) is not None:
        db.session.execute(
            update(UserSession)
            .where(UserSession.key_hash == current, UserSession.revoked_at.is_(None))
            .values(revoked_at=now_utc())
        )


def end_all(user_id: int, *, keep: str | None = None) -> None:
    """End every session of the user but the one whose key hash is `keep`."""
    query = update(UserSession).where(
        UserSession.user_id == user_id, UserSession.revoked_at.is_(None)
    )
    if keep is not None:
        query = query.where(UserSession.key_hash != keep)
    db.session.execute(query.values(revoked_at=now_utc()))
