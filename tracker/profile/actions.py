"""What a person does to their own account."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from tracker.accounts import sessions
from tracker.accounts.login import new_api_token
from tracker.audit.trail import record
from tracker.database import db
from tracker.models import User
from tracker.refusals import NotFound


@dataclass
class Details:
    name: str
    phone: str | None
    title: str | None
    language: str
    leave_from: date | None
    leave_until: date | None
    notify_mail: str | None = None  #: immediate | digest | off; None leaves it as it is
    mail_muted: list[str] | None = None  #: events not mailed; None leaves them as they are
    digest_hour: str | None = None  #: "" with the sweep, or a local hour; None: as it is


def update_details(user: User, details: Details) -> None:
    user.name = details.name.strip()
    user.phone = (details.phone or "").strip() or None
    user.title = (details.title or "").strip() or None
    user.language = details.language
    user.leave_from, user.leave_until = details.leave_from, details.leave_until
    if details.notify_mail is not None:
        user.notify_mail = details.notify_mail
    if details.digest_hour is not None:
        user.digest_hour = int(details.digest_hour) if details.digest_hour else None
    if details.mail_muted is not None:
        user.mail_muted = ",".join(sorted(set(details.mail_muted))) or None
    db.session.commit()


def end_session(user: User, session_id: int) -> None:
    if not sessions.end_session(user, session_id):
        raise NotFound(_("There is no such open session."))
    record("sessions_ended", user.id, note=str(session_id))
    db.session.commit()


def end_other_sessions(user: User) -> None:
    sessions.end_all(user.id, keep=sessions.current_session_hash(user))
    record("sessions_ended", user.id, note="others")
    db.session.commit()


def renew_token(user: User) -> str:
    """A new API token, shown once; the previous one stops working."""
    token = new_api_token(user)
    db.session.commit()
    return token


def revoke_token(user: User) -> None:
    user.api_token_hash = None
    db.session.commit()
