"""Reorganisations of the agencies as dated events: renamed, merged, split, dissolved, moved
under another parent. Each names its predecessors and successors; the work they carried is in
the items' assignment periods (tracker.models.assignments)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, enum_check, utcnow

EVENT_KINDS = ("rename", "merge", "split", "dissolve", "reparent")
EVENT_ROLES = ("predecessor", "successor")

event_agencies = Table(
    "reorganisation_event_agencies",
    db.metadata,
    Column(
        "event_id", ForeignKey("reorganisation_events.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True, index=True),
    Column("role", String(12), primary_key=True),
    CheckConstraint(enum_check("role", EVENT_ROLES), name="role"),
)


class ReorganisationEvent(db.Model):
    """One decision reorganising agencies, effective on a day."""

    __tablename__ = "reorganisation_events"
    __table_args__ = (
        CheckConstraint(enum_check("kind", EVENT_KINDS), name="kind"),
        Index("ix_reorganisation_events_effective_on", "effective_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    effective_on: Mapped[date]
    #: The deciding document and anything the office wants to say.
    note: Mapped[str | None] = mapped_column(Text)
    #: A rename: the name before and after; a change of parent: the parent before and after.
    old_name: Mapped[str | None] = mapped_column(String(200))
    new_name: Mapped[str | None] = mapped_column(String(200))
    old_parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    new_parent_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    created_by = relationship("User")
    old_parent = relationship("Agency", foreign_keys=[old_parent_id])
    new_parent = relationship("Agency", foreign_keys=[new_parent_id])
    predecessors = relationship(
        "Agency",
        secondary=event_agencies,
        primaryjoin=lambda: (
            (ReorganisationEvent.id == event_agencies.c.event_id)
            & (event_agencies.c.role == "predecessor")
        ),
        order_by="Agency.code",
        viewonly=True,
    )
    successors = relationship(
        "Agency",
        secondary=event_agencies,
        primaryjoin=lambda: (
            (ReorganisationEvent.id == event_agencies.c.event_id)
            & (event_agencies.c.role == "successor")
        ),
        order_by="Agency.code",
        viewonly=True,
    )


class FormerMembership(db.Model):
    """A person moved out of an agency by a reorganisation keeps reading the items that agency
    led, as they stood up to the day it ended."""

    __tablename__ = "former_memberships"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), primary_key=True)
    #: The first day they no longer belonged to it (the event's day).
    until: Mapped[date]
    event_id: Mapped[int | None] = mapped_column(ForeignKey("reorganisation_events.id"))
