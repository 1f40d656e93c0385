"""Pauses (tạm dừng): the office stops an item's deadline clock for a while, with a reason.

While an item is paused no deadline runs (its assignment period holds none), so it is neither
overdue nor reminded; on resumption the deadline it had moves on by the working days the pause
lasted. Each pause is kept: when, why, by whom, and what it did to the deadline.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, utcnow

#: At most one pause of an item is running.
RUNNING = text("resumed_on IS NULL")


class ItemPause(db.Model):
    __tablename__ = "item_pauses"
    __table_args__ = (
        CheckConstraint("resumed_on IS NULL OR resumed_on >= paused_on", name="dates"),
        CheckConstraint("added_days IS NULL OR added_days >= 0", name="added_days"),
        Index(
            "uq_item_pauses_running",
            "item_id",
            unique=True,
            sqlite_where=RUNNING,
            postgresql_where=RUNNING,
        ),
        #: The statistics of a date count the pauses running on it: a range of days.
        Index("ix_item_pauses_paused_on", "paused_on", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"))
    paused_on: Mapped[date]
    #: The first day the clock ran again; None while the pause lasts.
    resumed_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(Text)
    paused_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    resumed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resume_note: Mapped[str | None] = mapped_column(Text)
    #: The deadline in force when the pause began (None: the item had none).
    deadline_before: Mapped[date | None]
    #: Working days added to it on resumption, and the deadline that resulted.
    added_days: Mapped[int | None]
    deadline_after: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    item = relationship("WorkItem")
    paused_by = relationship("User", foreign_keys=[paused_by_id])
    resumed_by = relationship("User", foreign_keys=[resumed_by_id])
