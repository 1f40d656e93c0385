"""Demo deadlines close to today, so `make run` shows every kind of reminder flowing.

The plan's open targets are all due in 2030 and its tasks overdue since 2025: without this the
demo would show overdue notices only. A few targets the office has not touched get a deadline
within the next 7 working days, a dated correction by the office (their original deadline is
kept, and the seed leaves them be).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select

from tracker.database import db
from tracker.domain.reminders import REMINDED_STATUSES
from tracker.history.periods import open_period
from tracker.models import User, WorkItem
from tracker.workdays.store import working_calendar

#: (item code, working days from today to its demo deadline)
DUE_SOON = (
    ("KTS-2030-04", 0),
    ("XHS-2030-02", 1),
    ("CQS-2030-02-DICH-VU", 3),
    ("XHS-2030-01-5G", 5),
    ("KTS-2030-02-DNCNS", 7),
)


#: Data, as the office would write it: the default deadline set again for the demonstration.
DEMO_REASON = "Văn phòng đặt lại thời hạn mặc định để trình diễn việc nhắc hạn"


def bring_deadlines_near(today: date, office: User | None = None) -> Counter[str]:
    """Give the DUE_SOON items their near deadline, once (idempotent: moved items are left).

    A dated change by the office with its reason, as the office would make it: the original
    deadline stays (reports "theo hạn ban đầu" still use it)."""
    calendar = working_calendar()
    report: Counter[str] = Counter()
    codes = dict(DUE_SOON)
    items = db.session.scalars(select(WorkItem).where(WorkItem.code.in_(codes))).all()
    for item in items:
        if item.deadline != item.original_deadline or item.status not in REMINDED_STATUSES:
            continue
        item.deadline = calendar.add_working_days(today, codes[item.code])
        item.default_assignment = False
        open_period(item, "correction", today, office, reason=DEMO_REASON)
        report["items given a deadline within 7 working days"] += 1
    return report
