"""Stamping an update with its reporting deadline when it is written (tracker.domain.reporting).

The stamp is kept as decided then: a later change of the reporting day, or of the item's
reporting schedule, rewrites no past update.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import exists, select

from tracker.database import db
from tracker.domain.reporting import cycle_start, lateness
from tracker.models import ProgressReport, WorkItem


def local_midnight(day: date) -> datetime:
    """The UTC instant at which `day` begins in the province."""
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def local_day(moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def stamp(report: ProgressReport, item: WorkItem) -> None:
    """Set the update's reporting deadline and lateness; the update is not yet flushed, so
    every update of the item already stored came before it."""
    made_on = local_day(report.created_at)
    every = item.report_every_months
    since = local_midnight(cycle_start(made_on, every))
    others = [ProgressReport.id != report.id] if report.id is not None else []
    earlier_ones = exists().where(
        ProgressReport.item_id == item.id,
        ProgressReport.created_at >= since,
        ProgressReport.created_at <= report.created_at,
        *others,
    )
    with db.session.no_autoflush:  # the update itself, if pending, is not one of them
        earlier = db.session.scalar(select(earlier_ones))
    found = lateness(made_on, every, current_app.config["PROGRESS_REPORT_DAY"], bool(earlier))
    report.due_on, report.late = found.due_on, found.late


def stamp_unstamped() -> int:
    """Stamp the updates that have no deadline yet (written by the demo's loader), oldest
    first so that each sees the ones before it; the caller commits. Returns how many."""
    rows = db.session.execute(
        select(ProgressReport, WorkItem)
        .join(WorkItem, WorkItem.id == ProgressReport.item_id)
        .where(ProgressReport.due_on.is_(None))
        .order_by(ProgressReport.created_at, ProgressReport.id)
    ).all()
    for report, item in rows:
        stamp(report, item)
        db.session.flush()
    return len(rows)
