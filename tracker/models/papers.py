"""The office's papers: urging letters as sent (what each said), and the weights of the
emulation evaluation the office sets."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, utcnow


class UrgingLetter(db.Model):
    """An urging letter (văn bản đôn đốc) the office issued to one agency, with its number."""

    __tablename__ = "urging_letters"
    __table_args__ = (Index("ix_urging_letters_agency_issued", "agency_id", "issued_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"))
    number: Mapped[str] = mapped_column(String(60))  #: số, ký hiệu, e.g. "125/VP-TH"
    issued_on: Mapped[date]
    as_of: Mapped[date]  #: the overdue list it was drawn from
    authority: Mapped[str | None] = mapped_column(String(120))  #: "KT. CHÁNH VĂN PHÒNG"
    signer_title: Mapped[str] = mapped_column(String(120))
    signer_name: Mapped[str] = mapped_column(String(120))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    agency = relationship("Agency")
    created_by = relationship("User")
    items: Mapped[list[UrgingLetterItem]] = relationship(
        back_populates="letter", order_by="UrgingLetterItem.position", cascade="all, delete-orphan"
    )


class UrgingLetterItem(db.Model):
    """One overdue item as the letter listed it: the deadlines and days on the letter's date."""

    __tablename__ = "urging_letter_items"

    letter_id: Mapped[int] = mapped_column(
        ForeignKey("urging_letters.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("work_items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int]
    deadline: Mapped[date | None]
    original_deadline: Mapped[date | None]
    days_overdue: Mapped[int]

    letter = relationship("UrgingLetter", back_populates="items")
    item = relationship("WorkItem")


class EvaluationWeights(db.Model):
    """The points of the emulation evaluation (one row); without it the documented defaults."""

    __tablename__ = "evaluation_weights"

    id: Mapped[int] = mapped_column(primary_key=True)
    on_time: Mapped[Decimal] = mapped_column(Numeric(6, 2))  #: per item completed on time
    late: Mapped[Decimal] = mapped_column(Numeric(6, 2))  #: per item completed late
    overdue: Mapped[Decimal] = mapped_column(Numeric(6, 2))  #: per item overdue
    extension: Mapped[Decimal] = mapped_column(Numeric(6, 2))  #: per extension requested
    late_update: Mapped[Decimal] = mapped_column(Numeric(6, 2))  #: times the late-update share
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
