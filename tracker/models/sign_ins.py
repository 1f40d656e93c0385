"""Failed sign-ins, kept in the database so that every web worker counts the same ones."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.database import db
from tracker.models.types import UTCDateTime


class FailedSignIn(db.Model):
    """One sign-in that did not succeed, or one being checked (deleted again if it succeeds).

    Rows older than the longest sign-in window are pruned as new ones come in.
    """

    __tablename__ = "failed_sign_ins"
    __table_args__ = (
        Index("ix_failed_sign_ins_email_attempted", "email", "attempted_at"),
        Index("ix_failed_sign_ins_address_attempted", "address", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The email as typed, trimmed and lower-cased; unknown emails count too.
    email: Mapped[str] = mapped_column(String(254))
    #: The client's address (behind trusted proxies, the one they forwarded).
    address: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime())
