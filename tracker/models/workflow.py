"""What agencies and the office write on an item: progress reports, evidence, extension requests,
comments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.models.types import UTCDateTime, enum_check, utcnow

EXTENSION_STATUSES = ("pending", "approved", "rejected", "withdrawn")
#: A submission inside the agency: waiting for its head, forwarded to the office, sent back.
REVIEW_STATUSES = ("pending", "forwarded", "sent_back", "withdrawn")


class ProgressReport(db.Model):
    """A progress update by the lead agency, with the number and date of its report document."""

    __tablename__ = "progress_reports"
    __table_args__ = (
        # The updates of a reporting window (late updates, the evaluation): a range of days.
        Index("ix_progress_reports_created_at", "created_at"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        CheckConstraint(
            f"review_status IS NULL OR {enum_check('review_status', REVIEW_STATUSES)}",
            name="review_status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("work_items.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    progress: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    document_number: Mapped[str | None] = mapped_column(String(60))  #: số, ký hiệu báo cáo
    document_date: Mapped[date | None]
    #: True when this report submitted the item as done.
    is_submission: Mapped[bool] = mapped_column(default=False)
    #: For a submission made inside an agency that reviews its own (Agency.internal_review):
    #: where it stands with the head; None when it went straight to the office.
    review_status: Mapped[str | None] = mapped_column(String(12))
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_on: Mapped[date | None]
    review_note: Mapped[str | None] = mapped_column(Text)
    #: The reporting deadline of the month the update was made in, and whether it came after
    #: it: kept as decided then, so that a later change of the deadline day rewrites nothing.
    due_on: Mapped[date | None]
    late: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author = relationship("User", foreign_keys=[author_id])
    reviewed_by = relationship("User", foreign_keys=[reviewed_by_id])
    attachments = relationship("Attachment", back_populates="report")


class Attachment(db.Model):
    """An evidence file, stored outside the web root under a generated name."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("work_items.id", ondelete="CASCADE"), index=True
    )
    report_id: Mapped[int | None] = mapped_column(ForeignKey("progress_reports.id"))
    extension_id: Mapped[int | None] = mapped_column(ForeignKey("extension_requests.id"))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    filename: Mapped[str] = mapped_column(String(255))  #: the name the user gave it
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(120))  #: detected from the content
    size: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    report = relationship("ProgressReport", back_populates="attachments")
    extension = relationship("ExtensionRequest", back_populates="attachments")
    uploaded_by = relationship("User")


class ExtensionRequest(db.Model):
    """A request to move the deadline (gia hạn) and the office's decision on it."""

    __tablename__ = "extension_requests"
    __table_args__ = (
        CheckConstraint(enum_check("status", EXTENSION_STATUSES), name="status"),
        Index("ix_extension_requests_item_status", "item_id", "status"),
        #: Approvals after a report's date, and the latest approval of an item up to that date.
        Index("ix_extension_requests_status_decided", "status", "decided_on", "item_id"),
        Index("ix_extension_requests_item_approved", "item_id", "status", "decided_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("work_items.id", ondelete="CASCADE"))
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_on: Mapped[date]
    #: The deadline in force when the request was made.
    current_deadline: Mapped[date | None]
    proposed_deadline: Mapped[date]
    reason: Mapped[str] = mapped_column(Text)
    #: Made after the lead time (default 3 working days before the deadline): accepted, flagged.
    is_late: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_on: Mapped[date | None]
    #: Number of the document approving it, e.g. "1234/UBND-TH".
    decision_document: Mapped[str | None] = mapped_column(String(60))
    decision_note: Mapped[str | None] = mapped_column(Text)
    #: The deadline granted on approval: the one proposed, or an earlier one (approved in part).
    granted_deadline: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    requested_by = relationship("User", foreign_keys=[requested_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])
    item = relationship("WorkItem")
    attachments = relationship("Attachment", back_populates="extension")


class Comment(db.Model):
    """A remark on an item, e.g. by a coordinating agency."""

    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("work_items.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    #: Its author may edit or delete it for a short while; the history keeps the original.
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    author = relationship("User")
