"""Which of an agency's items need it first: overdue, then due soon, then the rest."""

from datetime import date
from enum import IntEnum

from tracker.domain.reminders import ReminderPolicy
from tracker.domain.workdays import WorkCalendar
from tracker.domain.workflow import Status

#: The practice's first reminder, 7 working days ahead.
DEFAULT_DUE_SOON_WORKING_DAYS = ReminderPolicy().first_reminder

#: The statuses in which the agency itself has to act (submitted waits for the office,
#: refused for a reassignment).
AGENCY_MUST_ACT: frozenset[Status] = frozenset(
    {Status.ASSIGNED, Status.IN_PROGRESS, Status.RETURNED}
)
CLOSED: frozenset[Status] = frozenset({Status.COMPLETED, Status.CANCELLED})


class Urgency(IntEnum):
    """Sort order of the agency's list; lower comes first."""

    OVERDUE = 0
    DUE_SOON = 1
    OTHER = 2
    CLOSED = 3


def due_soon_until(
    today: date, calendar: WorkCalendar, working_days: int = DEFAULT_DUE_SOON_WORKING_DAYS
) -> date:
    """The last day of the "due soon" window that starts today.

    Callers pass the office's policy's first reminder: an item is "due soon" on the agency's
    page from the day its first reminder can go out, so the page and the mails agree.
    """
    return calendar.add_working_days(today, working_days)


def urgency_of(status: Status, deadline: date | None, today: date, soon_until: date) -> Urgency:
    """Where an item goes in the agency's list on `today`."""
    if status in CLOSED:
        return Urgency.CLOSED
    if status not in AGENCY_MUST_ACT or deadline is None:
        return Urgency.OTHER
    if deadline < today:
        return Urgency.OVERDUE
    if deadline <= soon_until:
        return Urgency.DUE_SOON
    return Urgency.OTHER
