"""Accounts: sign-in and account management."""

import secrets
from functools import lru_cache

from flask import current_app
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.database import db
from tracker.models import User


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = find_user(email)
    if user is None:
        check_password_hash(_dummy_hash(current_app.config["PASSWORD_HASH_METHOD"]), password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user


@lru_cache(maxsize=2)
def _dummy_hash(method: str) -> str:
    """A hash no password matches, made as passwords are: checked when the email is unknown,
    so that a wrong email costs as long as a wrong password."""
    return generate_password_hash(secrets.token_hex(16), method=method)
