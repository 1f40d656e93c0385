"""Work items: the targets and tasks of a plan, each assigned to exactly one lead agency."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.database import db
from tracker.domain.text import fold
from tracker.domain.workflow import Status
from tracker.models.types import UTCDateTime, enum_check, utcnow

item_coordinators = Table(
    "item_coordinators",
    db.metadata,
    Column("item_id", ForeignKey("work_items.id", ondelete="CASCADE"), primary_key=True),
    Column("agency_id", ForeignKey("agencies.id"), primary_key=True, index=True),
)

RECURRENCES = ("monthly", "quarterly", "half_yearly", "yearly")
TARGET_OUTCOMES = ("met", "not_met")
CLOSED_STATUSES = (Status.COMPLETED.value, Status.CANCELLED.value)
OPEN_ITEMS = text("status NOT IN ('completed', 'cancelled')")
IDLE_CANDIDATES = text("deadline IS NULL AND status NOT IN ('completed', 'cancelled')")
UNACKNOWLEDGED = text("status = 'assigned' AND acknowledged_on IS NULL")


class WorkItem(db.Model):
    __tablename__ = "work_items"
    __table_args__ = (
        UniqueConstraint("plan_id", "code", name="uq_work_items_plan_code"),
        CheckConstraint(enum_check("kind", ("target", "task")), name="kind"),
        CheckConstraint(enum_check("status", Status), name="status"),
        CheckConstraint("progress >= 0 AND progress <= 100", name="progress_range"),
        CheckConstraint("kind <> 'target' OR target_year IS NOT NULL", name="target_year"),
        CheckConstraint("deadline IS NULL OR original_deadline IS NOT NULL", name="original_kept"),
        CheckConstraint("status <> 'completed' OR completed_on IS NOT NULL", name="completed_on"),
        CheckConstraint(
            f"target_outcome IS NULL OR {enum_check('target_outcome', TARGET_OUTCOMES)}",
            name="target_outcome",
        ),
        CheckConstraint(
            f"recurrence IS NULL OR {enum_check('recurrence', RECURRENCES)}", name="recurrence"
        ),
        # The overdue list and the statistics read open items by deadline and agency.
        Index(
            "ix_work_items_open_deadline",
            "deadline",
            "lead_agency_id",
            sqlite_where=OPEN_ITEMS,
            postgresql_where=OPEN_ITEMS,
        ),
        # The statistics sum each key's items per status in key order, from the index alone.
        *(
            Index(
                f"ix_work_items_{key}_tally", key, "status", "deadline", "completed_on", "is_public"
            )
            for key in ("lead_agency_id", "sector_id", "group_id")
        ),
        Index("ix_work_items_status_deadline", "status", "deadline"),
        #: The items list's exact order (tracker.items.queries._order): its first page is read
        #: off the index instead of sorting every item.
        Index("ix_work_items_list_order", text("(deadline IS NULL)"), "deadline", "code"),
        # The overdue list and the reports read by the indexes below; bench/reports.py measures
        # them.
        #: The overdue list grouped by agency: open items by lead agency, deadline and id, the
        #: list's exact order (PostgreSQL then reads the first page straight off the index). The
        #: status makes it covering for counts (SQLite does not count the partial condition's
        #: column as covered).
        Index(
            "ix_work_items_open_agency_deadline",
            "lead_agency_id",
            "deadline",
            "id",
            "status",
            sqlite_where=OPEN_ITEMS,
            postgresql_where=OPEN_ITEMS,
        ),
        #: The overdue list across agencies, most (or fewest) days overdue first.
        Index(
            "ix_work_items_open_deadline_id",
            "deadline",
            "id",
            sqlite_where=OPEN_ITEMS,
            postgresql_where=OPEN_ITEMS,
        ),
        # What happened after a report's date: found by range, so a report as of today skips
        # them fast. The ids are in the index (SQLite's hold the row id anyway): a report as of
        # a past date reads the changed items' ids from the index alone.
        Index("ix_work_items_assigned_on", "assigned_on", postgresql_include=["id"]),
        Index(
            "ix_work_items_status_completed_on",
            "status",
            "completed_on",
            postgresql_include=["id"],
        ),
        Index(
            "ix_work_items_status_confirmed_on",
            "status",
            "confirmed_on",
            postgresql_include=["id"],
        ),
        Index(
            "ix_work_items_status_cancelled_on",
            "status",
            "cancelled_on",
            postgresql_include=["id"],
        ),
        #: The reports' cache asks for the latest change.
        Index("ix_work_items_updated_at", "updated_at"),
        # Idle items without a deadline: open, no deadline, by last activity.
        Index(
            "ix_work_items_open_idle",
            "last_activity_on",
            sqlite_where=IDLE_CANDIDATES,
            postgresql_where=IDLE_CANDIDATES,
        ),
        # The office's inbox: new assignments not acknowledged, the longest waiting first.
        Index(
            "ix_work_items_unacknowledged",
            "assigned_on",
            "code",
            sqlite_where=UNACKNOWLEDGED,
            postgresql_where=UNACKNOWLEDGED,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("work_items.id"), index=True)
    code: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(10))  # target | task
    title: Mapped[str] = mapped_column(Text)
    #: The sentence of the plan this item comes from, exactly as written.
    plan_text: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    #: Lower-case title and code without diacritics: "y te" finds "y tế".
    search_text: Mapped[str] = mapped_column(Text, default="")
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"))
    sector_id: Mapped[int | None] = mapped_column(ForeignKey("sectors.id"))
    # active_history: the columns the as-of rules read keep their earlier value when replaced
    # unread (an expired item), so tracker.history.backdating can tell which days a change reaches.
    #: Cơ quan chủ trì: exactly one, never null.
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), active_history=True)
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: True while lead, coordinators and deadline are the office's default assignment
    #: (PLAN-59.md), not text of the plan.
    default_assignment: Mapped[bool] = mapped_column(default=False)
    is_key: Mapped[bool] = mapped_column(default=False)  #: nhiệm vụ trọng tâm
    #: Khẩn: first in the overdue list, reminded on the policy's shorter schedule.
    is_urgent: Mapped[bool] = mapped_column(default=False)
    is_public: Mapped[bool] = mapped_column(default=True)
    assigned_on: Mapped[date] = mapped_column(active_history=True)
    #: The deadline in force, after approved extensions.
    deadline: Mapped[date | None] = mapped_column(active_history=True)
    #: The deadline first assigned; kept forever beside the one in force.
    original_deadline: Mapped[date | None]
    report_every_months: Mapped[int | None]  #: periodic progress report, e.g. every 6 months
    #: A recurring duty (tracker.domain.recurrence): its occurrences are its sub-items, made
    #: ahead of time by the scheduler, each with its own deadline and standing.
    recurrence: Mapped[str | None] = mapped_column(String(12))
    recur_day: Mapped[int | None]  #: day of the month it is due
    recur_month: Mapped[int | None]  #: month within the period (3: a quarter's last)
    recur_rule: Mapped[str | None] = mapped_column(String(10))  #: a day off: before | after
    #: The recurrence ended: no occurrence is due after this day.
    recur_until: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default=Status.ASSIGNED, active_history=True)
    progress: Mapped[int] = mapped_column(default=0)
    #: The submission date the office confirmed: a late confirmation is not a late completion.
    completed_on: Mapped[date | None] = mapped_column(active_history=True)
    confirmed_on: Mapped[date | None] = mapped_column(active_history=True)
    confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    cancelled_on: Mapped[date | None] = mapped_column(active_history=True)
    result: Mapped[str | None] = mapped_column(Text)
    last_activity_on: Mapped[date | None]
    #: Đã tiếp nhận: the day the lead agency acknowledged receiving the assignment, and who.
    acknowledged_on: Mapped[date | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Tạm dừng: the day the office paused the item (tracker.models.pauses); None: running.
    paused_on: Mapped[date | None]

    target_value: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    target_value_max: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    target_unit: Mapped[str | None] = mapped_column(String(40))
    target_level: Mapped[str | None] = mapped_column(String(20))  # tỉnh | huyện | xã
    target_year: Mapped[int | None]
    target_comparison: Mapped[str | None] = mapped_column(String(10))  # at_least | at_most
    #: How a completed target ended: "met" (hoàn thành · đạt), or "not_met" when the office
    #: closed it although its latest value missed (kết thúc · không đạt), with the reason in
    #: `result`. None for tasks and open targets.
    target_outcome: Mapped[str | None] = mapped_column(String(10))

    #: Optimistic locking: a stale form cannot overwrite a newer change.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    plan = relationship("Plan")
    group = relationship("Group")
    sector = relationship("Sector")
    lead_agency = relationship("Agency", foreign_keys=[lead_agency_id])
    coordinating_agencies = relationship(
        "Agency", secondary=item_coordinators, order_by="Agency.code"
    )
    responsible = relationship("User", foreign_keys=[responsible_id])
    confirmed_by = relationship("User", foreign_keys=[confirmed_by_id])
    acknowledged_by = relationship("User", foreign_keys=[acknowledged_by_id])
    parent = relationship("WorkItem", remote_side=[id], back_populates="children")
    #: Its sub-items, each with its own lead, deadline and standing.
    children = relationship("WorkItem", back_populates="parent", order_by="WorkItem.code")
    measurements = relationship(
        "Measurement",
        back_populates="item",
        order_by="Measurement.measured_on",
        cascade="all, delete-orphan",
    )
    #: Later documents that changed the target's value or year, oldest first.
    revisions = relationship(
        "TargetRevision",
        back_populates="item",
        order_by="(TargetRevision.decided_on, TargetRevision.id)",
        cascade="all, delete-orphan",
    )
    activities = relationship(
        "Activity",
        back_populates="item",
        order_by="(Activity.created_at, Activity.id)",  # the id orders what happened together
        cascade="all, delete-orphan",
    )

    @property
    def is_target(self) -> bool:
        return self.kind == "target"

    def __repr__(self) -> str:
        return f"<WorkItem {self.code}>"


@event.listens_for(WorkItem, "before_insert")
@event.listens_for(WorkItem, "before_update")
def _refresh_search_text(_mapper, _connection, item: WorkItem) -> None:
    """Keep the folded search text in step with the code and title."""
    item.search_text = fold(f"{item.code} {item.title}")


# The overdue list's order, urgent items first (tracker.overdue.sql._ordered): by agency, and
# most days overdue first. Its first page is read off these rather than by sorting every overdue
# item (at 100,000 items, 44 ms of each page's 60). Declared here: a descending column needs the
# mapped column itself.
Index(
    "ix_work_items_open_urgent_agency",
    WorkItem.is_urgent.desc(),
    WorkItem.lead_agency_id,
    WorkItem.deadline,
    WorkItem.id,
    sqlite_where=OPEN_ITEMS,
    postgresql_where=OPEN_ITEMS,
)
Index(
    "ix_work_items_open_urgent_deadline",
    WorkItem.is_urgent.desc(),
    WorkItem.deadline,
    WorkItem.id,
    sqlite_where=OPEN_ITEMS,
    postgresql_where=OPEN_ITEMS,
)
