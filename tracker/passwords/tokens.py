"""One-time links that set a password: a reset ("forgot password") or an invitation.

The link's token is shown once, in the mail; only its hash is kept. It works once, until it
expires, and never for a deactivated person.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from tracker.accounts import sessions
from tracker.audit.trail import record
from tracker.clock import now_utc
from tracker.database import db
from tracker.models import PasswordToken, User
from tracker.passwords.rules import password_problems
from tracker.refusals import Invalid, NotFound

RESET, INVITE = "reset", "invite"
#: How long a link works: an hour for a reset, a week for a new colleague's invitation.
LIFETIME = {RESET: timedelta(hours=1), INVITE: timedelta(days=7)}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, purpose: str) -> str:
    """A new link's token for the user (added to the session; the caller commits)."""
    token = secrets.token_urlsafe(32)
    now = now_utc()
    db.session.add(
        PasswordToken(
            user_id=user.id,
            token_hash=_hash(token),
            purpose=purpose,
            created_at=now,
            expires_at=now + LIFETIME[purpose],
        )
    )
    return token


def valid_token(token: str) -> PasswordToken:
    """The unused, unexpired link of an active person, or NotFound saying why not."""
    if len(token) > 200:
        raise NotFound(_("This link is not valid. Ask for a new one."))
    found = db.session.scalar(select(PasswordToken).where(PasswordToken.token_hash == _hash(token)))
    if found is None:
        raise NotFound(_("This link is not valid. Ask for a new one."))
    if found.used_at is not None:
        raise NotFound(_("This link has already been used. Ask for a new one."))
    if found.expires_at <= now_utc():
        raise NotFound(_("This link has expired. Ask for a new one."))
    if not found.user.active:
        raise NotFound(_("This account has been deactivated. Ask the administrator."))
    return found


def set_password_with(token: str, password: str) -> User:
    """Set the password through a link; every link of the person and every session end."""
    link = valid_token(token)
    user = link.user
    if problems := password_problems(password, user.email):
        raise Invalid(problems[0], {"password": problems})
    user.set_password(password)
    now = now_utc()
    db.session.execute(
        update(PasswordToken)
        .where(PasswordToken.user_id == user.id, PasswordToken.used_at.is_(None))
        .values(used_at=now)
    )
    sessions.end_all(user.id)
    record("password_reset" if link.purpose == RESET else "invitation_accepted", user.id,
           actor_id=user.id)  # fmt: skip
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """A signed-in person changes their password; their other sessions end."""
    if not user.check_password(current):
        raise Invalid(_("The current password is wrong."), {"current": [_("Wrong password.")]})
    if problems := password_problems(new, user.email):
        raise Invalid(problems[0], {"password": problems})
    user.set_password(new)
    sessions.end_all(user.id, keep=sessions.current_session_hash(user))
    record("password_changed", user.id)
    db.session.commit()
