"""Reminders: the office's policy, the record of notices, and the outbox of daily digests."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, enum_check, utcnow

#: pending: waiting for delivery (or a retry); sending: claimed by a delivery run; sent; failed:
#: a permanent refusal or too many attempts; logged: no SMTP server, kept here to read;
#: skipped: by delivery time nothing in it still applied (items closed, people reassigned).
DIGEST_STATUSES = ("pending", "sending", "sent", "failed", "logged", "skipped")
#: daily: the morning digest (reminders, and the events folded into it); event: one event's
#: mail, sent at once.
DIGEST_KINDS = ("daily", "event")


class ReminderSettings(db.Model):
    """The reminder policy the office edits (one row); without it the practice's defaults."""

    __tablename__ = "reminder_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Working days before the deadline, comma-separated, e.g. "7,3,1,0" (0: the day itself).
    before: Mapped[str] = mapped_column(String(60))
    overdue_every: Mapped[int]  #: working days between overdue reminders
    office_after: Mapped[int]  #: working days overdue before the office is told (level 2)
    leader_after_days: Mapped[int]  #: calendar days overdue before the leader is told (level 3)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class Digest(db.Model):
    """One mail to one person for one sweep day: the outbox row delivery works from."""

    __tablename__ = "digests"
    __table_args__ = (
        # One morning digest per person and day; an immediate mail of one event is a row of
        # its own (its notification points to it, once).
        Index(
            "uq_digests_recipient_day",
            "recipient_id",
            "day",
            unique=True,
            sqlite_where=text("kind = 'daily'"),
            postgresql_where=text("kind = 'daily'"),
        ),
        CheckConstraint(enum_check("kind", DIGEST_KINDS), name="kind"),
        CheckConstraint(enum_check("status", DIGEST_STATUSES), name="status"),
        # Delivery looks for due rows; the outbox page lists by status.
        Index("ix_digests_status_next", "status", "next_attempt_at"),
        Index("ix_digests_day", "day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    day: Mapped[date]  #: the sweep day (local date) the digest collects
    kind: Mapped[str] = mapped_column(String(10), default="daily", server_default="daily")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Set while a delivery run holds the row; an old claim means that run died mid-way.
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claim_token: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    #: How many of its notices the mail carried (those still applying when it was written).
    carried: Mapped[int | None]
    to_address: Mapped[str | None] = mapped_column(String(254))  #: where it went
    subject: Mapped[str | None] = mapped_column(Text)
    body_text: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    recipient = relationship("User")


class Notice(db.Model):
    """One reminder or escalation for one person about one item: the record of what was sent.

    Its primary key is the notice key (recipient, item, rule, period): a second sweep, a second
    scheduler or a re-run after a crash can never queue the same notice twice. (One B-tree, not
    a row id plus a unique index: the first sweep of a large plan writes hundreds of thousands.)
    Item first: the item's history finds the notices it lists by the key, with no other index
    for the sweep to keep up.
    """

    __tablename__ = "notices"
    __table_args__ = (
        # A digest's notices rule by rule, each rule's in deadline order: delivery counts them
        # per rule and lists each part of the mail's first items straight from the index.
        Index("ix_notices_digest", "digest_id", "rule", "deadline"),
        {"sqlite_with_rowid": False},
    )

    item_id: Mapped[int] = mapped_column(
        ForeignKey("work_items.id", ondelete="CASCADE"), primary_key=True
    )
    recipient_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    #: "due:N" (N working days before the deadline), "overdue", "escalation:1|2|3".
    rule: Mapped[str] = mapped_column(String(20), primary_key=True)
    #: The deadline in force, and for overdue rounds "#round": one notice per rule and period.
    period: Mapped[str] = mapped_column(String(24), primary_key=True)
    deadline: Mapped[date]  #: the deadline in force the notice was about
    digest_id: Mapped[int] = mapped_column(ForeignKey("digests.id", ondelete="CASCADE"))

    digest = relationship("Digest")
    item = relationship("WorkItem")
    recipient = relationship("User")
