"""Asking for a password link."""

from __future__ import annotations

from tracker.accounts.actions import find_user
from tracker.audit.trail import record
from tracker.database import db
from tracker.passwords import tokens
from tracker.passwords.mail import send_link


def request_reset(email: str) -> None:
    """Mail a reset link if an active person has this email; say nothing either way."""
    user = find_user(email)
    record("password_reset_requested", user.id if user else None, note=email.strip().lower())
    if user is None or not user.active:
        db.session.commit()
        return
    token = tokens.issue(user, tokens.RESET)
    db.session.commit()
    send_link(user, tokens.RESET, token)
