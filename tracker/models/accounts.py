"""What a person's account holds beside the user row: their signed-in sessions, the one-time
links that set a password, and the agencies a leader or office specialist follows (the sectors
a leader oversees are `Sector.leader_id`)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, utcnow


class UserSession(db.Model):
    """One sign-in (a browser, with or without "keep me signed in").

    The session cookie and the remember-me cookie both carry the user's id and this session's
    secret key (Flask-Login's alternative id); only its hash is kept. Revoking the row ends both
    cookies at once, which is how a password reset signs a person out everywhere.
    """

    __tablename__ = "user_sessions"
    __table_args__ = (Index("ix_user_sessions_user_revoked", "user_id", "revoked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    #: SHA-256 of the session's secret key.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: The address and browser it was opened from, shown so the person can recognise it.
    address: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(200))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PasswordToken(db.Model):
    """A one-time link that sets a password: "forgot password" (reset) or a new account's
    invitation. Only the hash of the link's token is kept; it works once, until it expires."""

    __tablename__ = "password_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: "reset" or "invite".
    purpose: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user = relationship("User")


#: The agencies a leader oversees or an office specialist follows.
portfolio_agencies = Table(
    "portfolio_agencies",
    db.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True),
)
