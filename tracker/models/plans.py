"""A plan, its pillars and task groups, and the sectors its items are tagged with."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, enum_check, utcnow


class Plan(db.Model):
    """An assigning document: a plan (kế hoạch) whose targets and tasks are tracked."""

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    number: Mapped[str] = mapped_column(String(60))  #: số, ký hiệu, e.g. "59/KH-UBND"
    issued_on: Mapped[date]
    issuer: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    basis: Mapped[str | None] = mapped_column(Text)  #: the resolution it implements
    general_objective: Mapped[str | None] = mapped_column(Text)

    groups: Mapped[list[Group]] = relationship(
        back_populates="plan", order_by="Group.position", cascade="all, delete-orphan"
    )


class Group(db.Model):
    """A pillar (trụ cột) or a group of tasks inside a plan."""

    __tablename__ = "groups"
    __table_args__ = (
        UniqueConstraint("plan_id", "code", name="uq_groups_plan_code"),
        CheckConstraint(enum_check("kind", ("pillar", "group")), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"))
    code: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(200))
    heading: Mapped[str | None] = mapped_column(Text)  #: the heading as written in the plan
    position: Mapped[int] = mapped_column(default=0)

    plan: Mapped[Plan] = relationship(back_populates="groups")


class Sector(db.Model):
    """A sector (lĩnh vực) items are tagged with; a leader of the province is in charge of it."""

    __tablename__ = "sectors"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    position: Mapped[int] = mapped_column(default=0)
    #: The Chairman or Vice-Chairman in charge: the last escalation goes to them.
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Last change (a new leader): see User.updated_at.
    updated_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow
    )
