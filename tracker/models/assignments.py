"""Dated assignment: who led an item, who answered for it and by when, from which day to which.

The item's own columns (lead agency, responsible person, coordinators, deadline) hold what is in
force today; every value they ever held is a period here, so a report about a past date reads
what held on that date (tracker.history.as_of_sql.in_force).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    event,
    insert,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.items import WorkItem
from tracker.models.types import UTCDateTime, enum_check, utcnow

#: Why a period began: the first assignment, a reassignment by the office, an approved
#: extension, a correction of a mistake, a reorganisation of the agencies, a pause by the office
#: (no deadline runs) or the resumption after it (the deadline moved by the days paused).
PERIOD_KINDS = (
    "assignment", "reassignment", "extension", "correction", "reorganisation", "pause", "resumption"
)  # fmt: skip

period_coordinators = Table(
    "assignment_period_coordinators",
    db.metadata,
    Column(
        "period_id",
        ForeignKey("assignment_periods.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True, index=True),
)


IN_FORCE_COLUMNS = ("item_id", "valid_from", "id", "lead_agency_id", "deadline")


class AssignmentPeriod(db.Model):
    """One stretch of days during which an item's assignment stayed the same."""

    __tablename__ = "assignment_periods"
    __table_args__ = (
        CheckConstraint(enum_check("kind", PERIOD_KINDS), name="kind"),
        CheckConstraint("valid_until IS NULL OR valid_until >= valid_from", name="dates"),
        #: The value in force on a date: the item's latest period starting on or before it.
        #: Holding the lead and deadline too, so that the statistics as of a past date read the
        #: periods in force of thousands of items from the index alone.
        Index("ix_assignment_periods_in_force", *IN_FORCE_COLUMNS),
        #: What changed after a report's date: found by range, empty for a report as of today.
        Index("ix_assignment_periods_valid_from", "valid_from", "item_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"))
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), index=True)
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deadline: Mapped[date | None]
    #: The first day this assignment held.
    valid_from: Mapped[date]
    #: The day the next one began (the first day this one no longer held); None: still in force.
    valid_until: Mapped[date | None]
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Who approved it (an extension's decider), and the approving document's number.
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approval_document: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    lead_agency = relationship("Agency", foreign_keys=[lead_agency_id])
    responsible = relationship("User", foreign_keys=[responsible_id])
    changed_by = relationship("User", foreign_keys=[changed_by_id])
    approved_by = relationship("User", foreign_keys=[approved_by_id])
    coordinating_agencies = relationship(
        "Agency", secondary=period_coordinators, order_by="Agency.code"
    )


@event.listens_for(WorkItem, "after_insert")
def _first_period(_mapper, connection, item: WorkItem) -> None:
    """Every item starts with the assignment it was created with, from the day assigned,
    whichever path created it (the office's form, an annex import, the seed, a recurrence).
    Its deadline is the original one: a later one in force came from a later change."""
    period_id = connection.execute(
        insert(AssignmentPeriod.__table__)
        .values(
            item_id=item.id, lead_agency_id=item.lead_agency_id, deadline=item.original_deadline,
            responsible_id=item.responsible_id, valid_from=item.assigned_on, kind="assignment",
            created_at=utcnow(),
        )
        .returning(AssignmentPeriod.__table__.c.id)
    ).scalar_one()  # fmt: skip
    coordinators = [{"period_id": period_id, "agency_id": a.id} for a in item.coordinating_agencies]
    if coordinators:
        connection.execute(insert(period_coordinators), coordinators)
