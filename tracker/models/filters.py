"""A person's saved filters of the item list: a name, the list's query, pinned to the menu."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tracker.database import db
from tracker.models.types import UTCDateTime, utcnow


class SavedFilter(db.Model):
    __tablename__ = "saved_filters"
    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_saved_filters_user_name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    #: The item list's query string, e.g. "standing=overdue&agency=syt".
    query: Mapped[str] = mapped_column(Text)
    pinned: Mapped[bool] = mapped_column(default=False)  #: shown in the menu of every page
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
