"""Reporting: periods with their frozen figures, and calendar feeds."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.domain.periods import PeriodKind
from tracker.models.types import UTCDateTime, enum_check, utcnow

PERIOD_STATUSES = ("open", "closed", "published")
SNAPSHOT_DIMENSIONS = ("agency", "sector", "pillar")
SNAPSHOT_SCOPES = ("all", "public")


class Period(db.Model):
    """A reporting period (kỳ báo cáo); closing it freezes its figures, publishing shows them."""

    __tablename__ = "report_periods"
    __table_args__ = (
        UniqueConstraint("kind", "year", "number", name="uq_report_periods_kind_year_number"),
        CheckConstraint(enum_check("kind", PeriodKind), name="kind"),
        CheckConstraint(enum_check("status", PERIOD_STATUSES), name="status"),
        CheckConstraint("cutoff_day IS NULL OR (cutoff_day >= 1 AND cutoff_day <= 28)", name="day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    year: Mapped[int]
    number: Mapped[int]  #: month 1–12, quarter 1–4, half 1–2, year 1
    #: None: the report is as of the period's last day; else this day of its last month
    #: (Nghị định 09/2019/NĐ-CP uses the 14th).
    cutoff_day: Mapped[int | None]
    starts_on: Mapped[date]
    #: The as-of date of the period's figures.
    cutoff_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(10), default="open")
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    closed_by = relationship("User", foreign_keys=[closed_by_id])
    published_by = relationship("User", foreign_keys=[published_by_id])
    snapshots: Mapped[list[PeriodSnapshot]] = relationship(
        back_populates="period", cascade="all, delete-orphan"
    )


class PeriodSnapshot(db.Model):
    """The figures of a closed period, frozen: later edits of the items do not change them."""

    __tablename__ = "report_snapshots"
    __table_args__ = (
        UniqueConstraint("period_id", "dimension", "scope", name="uq_report_snapshots_key"),
        CheckConstraint(enum_check("dimension", SNAPSHOT_DIMENSIONS), name="dimension"),
        CheckConstraint(enum_check("scope", SNAPSHOT_SCOPES), name="scope"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period_id: Mapped[int] = mapped_column(ForeignKey("report_periods.id", ondelete="CASCADE"))
    dimension: Mapped[str] = mapped_column(String(10))
    #: "public" leaves out the items marked not public, for the public page.
    scope: Mapped[str] = mapped_column(String(10))
    #: {"rows": [{"code", "name", "counts": {standing: n}}], "total": {standing: n}}
    data: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    period: Mapped[Period] = relationship(back_populates="snapshots")


class CalendarFeed(db.Model):
    """A secret calendar address (iCalendar) of deadlines; only a hash of its token is kept."""

    __tablename__ = "calendar_feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: None: the items the owner is responsible for; else the items this agency leads.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    label: Mapped[str] = mapped_column(String(120))
    #: SHA-256 of the token in the address; the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_used_on: Mapped[date | None]

    owner = relationship("User")
    agency = relationship("Agency")
