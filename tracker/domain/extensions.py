"""Extension requests (gia hạn): when a request is late, what a proposed date must respect, and
which items may ask for one. (Which deadline was in force on a past date is SQL:
tracker.history.as_of_sql.deadline_on.)"""

from datetime import date
from enum import StrEnum

from tracker.domain.workdays import WorkCalendar
from tracker.domain.workflow import OPEN_STATUSES, Status

#: Working days before the deadline by which an agency should ask (configurable by the office).
DEFAULT_LEAD_WORKING_DAYS = 3


def is_late_request(
    requested_on: date,
    deadline: date,
    calendar: WorkCalendar,
    lead_working_days: int = DEFAULT_LEAD_WORKING_DAYS,
) -> bool:
    """Whether a request came after the day `lead_working_days` working days before the deadline.

    A late request is still accepted; the flag tells the office it left no time to decide.
    """
    if lead_working_days < 0:
        raise ValueError("lead_working_days must not be negative")
    last_timely_day = calendar.add_working_days(deadline, -lead_working_days)
    return requested_on > last_timely_day


class RefusalCode(StrEnum):
    """Why a proposed deadline was refused; the UI turns the code into a translated sentence."""

    NOT_AFTER_CURRENT = "not_after_current"
    IN_PAST = "in_past"


class ExtensionRefused(ValueError):
    """A proposed deadline that cannot be an extension; `code` says why."""

    def __init__(self, code: RefusalCode) -> None:
        super().__init__(f"proposed deadline refused: {code}")
        self.code = code

    def __reduce__(self) -> tuple[type["ExtensionRefused"], tuple[RefusalCode]]:
        """Keep the exception picklable (its __init__ does not take the message)."""
        return (type(self), (self.code,))


def validate_proposed_deadline(current: date | None, proposed: date, today: date) -> None:
    """Raise ExtensionRefused unless `proposed` is after the current deadline and not in the past.

    An item without a deadline may be given one; only the past is refused then.
    """
    if current is not None and proposed <= current:
        raise ExtensionRefused(RefusalCode.NOT_AFTER_CURRENT)
    if proposed < today:
        raise ExtensionRefused(RefusalCode.IN_PAST)


#: While the lead agency is still working on an item it may ask for more time; a submitted,
#: refused, completed or cancelled item has nothing left to extend.
EXTENDABLE_STATUSES: frozenset[Status] = frozenset(
    {Status.ASSIGNED, Status.IN_PROGRESS, Status.RETURNED}
)


class RequestBlock(StrEnum):
    """Why an extension cannot be requested now; the UI turns the code into a sentence."""

    NOT_BEING_WORKED_ON = "not_being_worked_on"
    ALREADY_PENDING = "already_pending"


def request_block(status: Status, has_pending: bool) -> RequestBlock | None:
    """None when the lead agency may request an extension of an item in `status`.

    One request at a time: a second one would leave the office two dates to choose from.
    """
    if status not in EXTENDABLE_STATUSES:
        return RequestBlock.NOT_BEING_WORKED_ON
    if has_pending:
        return RequestBlock.ALREADY_PENDING
    return None


def may_decide(status: Status) -> bool:
    """A request is decided while the item is open; a closed item's deadline no longer moves."""
    return status in OPEN_STATUSES
