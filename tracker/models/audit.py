"""The audit log: who changed a person, an agency, a policy or a period, and every sign-in.

Changes to work items are not repeated here: their Activity records already say who changed
what, and the audit page reads both.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, utcnow


class AuditEvent(db.Model):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_created", "created_at"),
        Index("ix_audit_events_actor_created", "actor_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: None when the system acted (the seed, a command run on the server) or nobody was signed in.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: The client's address (behind trusted proxies, the one they forwarded).
    address: Mapped[str | None] = mapped_column(String(64))
    #: e.g. "created", "updated", "deleted", "login", "login_failed", "password_reset".
    verb: Mapped[str] = mapped_column(String(40))
    #: The table of what changed ("users", "agencies", …), or "accounts" for sign-ins.
    subject_type: Mapped[str] = mapped_column(String(40))
    subject_id: Mapped[int | None] = mapped_column()
    #: {column: [before, after]} as displayable strings.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    #: e.g. the email typed at a failed sign-in.
    note: Mapped[str | None] = mapped_column(Text)

    actor = relationship("User", foreign_keys=[actor_id])
