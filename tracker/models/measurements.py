"""Measured values reported toward a target."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, utcnow

#: Measured and target values are kept as Numeric(14, 2): in hundredths, below VALUE_LIMIT.
VALUE_LIMIT, CENT = Decimal("1e12"), Decimal("0.01")


class Measurement(db.Model):
    __tablename__ = "measurements"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"))
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    measured_on: Mapped[date]
    source: Mapped[str | None] = mapped_column(String(500))  #: where the figure comes from
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    recorded_by = relationship("User")
    item = relationship("WorkItem", back_populates="measurements")


class TargetRevision(db.Model):
    """A later document that changes a target's value or year; the original stays on the item.

    The value in force on a date is the latest revision decided by then (tracker.domain.targets).
    """

    __tablename__ = "target_revisions"
    __table_args__ = (Index("ix_target_revisions_item_decided", "item_id", "decided_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"))
    value: Mapped[Decimal] = mapped_column(Numeric(14, 2))
    year: Mapped[int]  #: the year the revised value is due by
    #: The revising document as it is cited, e.g. its number and issuer.
    document: Mapped[str] = mapped_column(String(300))
    decided_on: Mapped[date]  #: the revising document's date: in force from that day
    note: Mapped[str | None] = mapped_column(String(500))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    recorded_by = relationship("User")
    item = relationship("WorkItem", back_populates="revisions")

    @property
    def name(self) -> str:
        """What the audit log shows it by."""
        return f"{self.document} ({self.decided_on.isoformat()})"
