"""Accounts: sign-in and account management."""

from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from tracker.database import db
from tracker.models import User

# Compared against when the email is unknown, so a wrong email costs as long as a wrong password.
_DUMMY_HASH = (
    "scrypt:32768:8:1$0000000000000000$"
    "5f2b7d3ee8c3c0e1a8b3e8c1f6e7f0a7d1d0f3b1b4c5e6f708192a3b4c5d6e7f"
    "8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f"
)


def find_user(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = find_user(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    return user
