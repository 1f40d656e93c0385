"""What happened to a person's work, told to them: the in-app inbox and its mails."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, enum_check, utcnow

#: What a notification can be about; the words are in tracker.labels.NOTIFICATION_LABELS.
NOTIFICATION_EVENTS = (
    "assigned",
    "reassigned_away",
    "submitted",
    "confirmed",
    "returned",
    "extension_requested",
    "extension_decided",
    "commented",
    "mentioned",
    "review_requested",
    "sent_back",
    "delegated",
    "reminded",
    "deadline_changed",
    "extension_proposed",
    "paused",
    "resumed",
)
#: How a person wants the mail of their notifications: one mail each at once, folded into the
#: next morning's digest (the default), or none (the in-app inbox only).
MAIL_PREFERENCES = ("immediate", "digest", "off")


class Notification(db.Model):
    """One event told to one person. Written in the transaction of the event itself."""

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint(enum_check("event", NOTIFICATION_EVENTS), name="event"),
        # The inbox lists a person's newest first; the menu counts their unread ones.
        Index("ix_notifications_recipient_id", "recipient_id", "id"),
        Index("ix_notifications_recipient_unread", "recipient_id", "read_at"),
        Index("ix_notifications_digest", "digest_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(30))
    item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"))
    #: Who did it; None when the system did.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: What the sentence needs beside the item and the actor: a reason, a date granted…
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: The outbox row whose mail carries it (an immediate mail, or a morning digest); None when
    #: the person asked for no mail.
    digest_id: Mapped[int | None] = mapped_column(ForeignKey("digests.id", ondelete="SET NULL"))

    recipient = relationship("User", foreign_keys=[recipient_id])
    actor = relationship("User", foreign_keys=[actor_id])
    item = relationship("WorkItem")
    digest = relationship("Digest")
