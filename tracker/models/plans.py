"""A plan, its pillars and task groups, and the sectors its items are tagged with."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, enum_check, utcnow

#: The kinds of assigning documents an office receives tasks from.
DOCUMENT_TYPES = ("ke_hoach", "quyet_dinh", "chi_thi", "thong_bao_ket_luan", "cong_van", "khac")


class Plan(db.Model):
    """An assigning document (văn bản giao nhiệm vụ): a plan, a decision, a directive, the
    conclusion of a meeting, an official letter… whose targets and tasks are tracked."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("number", name="uq_plans_number"),
        CheckConstraint(enum_check("doc_type", DOCUMENT_TYPES), name="doc_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    doc_type: Mapped[str] = mapped_column(String(30), default="ke_hoach")
    number: Mapped[str] = mapped_column(String(60))  #: số, ký hiệu, e.g. "59/KH-UBND"
    #: None while an imported document waits for the office to fill it in.
    issued_on: Mapped[date | None]
    issuer: Mapped[str] = mapped_column(String(200))  #: cơ quan ban hành
    title: Mapped[str] = mapped_column(Text)  #: trích yếu
    signer: Mapped[str | None] = mapped_column(String(200))  #: người ký
    #: The leader who assigned the tasks (lãnh đạo giao nhiệm vụ), often the signer.
    assigning_leader: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(Text)
    basis: Mapped[str | None] = mapped_column(Text)  #: the resolution it implements
    general_objective: Mapped[str | None] = mapped_column(Text)
    #: The document's file, checked and stored like evidence (tracker.evidence.files).
    file_name: Mapped[str | None] = mapped_column(String(255))
    file_stored_name: Mapped[str | None] = mapped_column(String(80))
    file_content_type: Mapped[str | None] = mapped_column(String(120))

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
