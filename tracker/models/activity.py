"""The history of every change to a work item: an accountability record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, utcnow


class Activity(db.Model):
    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_item_created", "item_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"))
    #: None when the system acted (the seed, the reminder sweep).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: What happened, e.g. "created", "updated", "submitted", "extension_approved", "reminded".
    verb: Mapped[str] = mapped_column(String(40))
    #: {field: [old, new]} for the fields that changed, as displayable strings.
    changes: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    actor = relationship("User")
    item = relationship("WorkItem", back_populates="activities")
