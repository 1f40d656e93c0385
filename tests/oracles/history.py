"""Reference model of the as-of rules: an item's standing on any past day, from its record.

The application computes these in SQL (tracker.history.as_of_sql); this plain-Python statement of
the same rules is what the tests compare that SQL with, item by item, on generated histories.

A report as of a date D must count what was true on D, not what is true now: an item assigned
after D is not counted yet, one cancelled after D still is, a completion confirmed after D is
still "in progress" on D, and an extension approved after D has not moved the deadline yet.
An item's deadline is held by its assignment periods (tracker.models.assignments).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.domain.standing import Standing, StandingFacts, standing_on
from tracker.domain.workflow import Status


@dataclass(frozen=True)
class ItemRecord:
    """The columns of a work item that its history can be read from."""

    assigned_on: date
    status: Status  #: the status now
    deadline: date | None  #: the deadline in force now
    original_deadline: date | None
    completed_on: date | None = None  #: the submission date the office confirmed
    confirmed_on: date | None = None  #: when the office confirmed it
    cancelled_on: date | None = None
    #: (decided_on, new deadline) of every approved extension, in the order they were recorded.
    approvals: Sequence[tuple[date, date]] = ()


def deadline_in_force(
    original: date | None, approved: Sequence[tuple[date, date]], as_of: date
) -> date | None:
    """The original deadline moved by the latest approval decided on or before `as_of` (on the
    same day, the later one in the sequence). A report about a past date must not see an
    extension granted after it."""
    decided = [
        (decided_on, position, new_deadline)
        for position, (decided_on, new_deadline) in enumerate(approved)
        if decided_on <= as_of
    ]
    if not decided:
        return original
    return max(decided)[2]


def assignment_periods(record: ItemRecord) -> list[tuple[date, int, date | None]]:
    """(valid_from, order recorded, deadline) of every period: the first from the day assigned,
    holding the original deadline, then one per approved extension."""
    first = (record.assigned_on, -1, record.original_deadline)
    return [first, *((day, n, new) for n, (day, new) in enumerate(record.approvals))]


def deadline_on(record: ItemRecord, as_of: date) -> date | None:
    """The deadline in force on `as_of`.

    While no period began after `as_of`, it is the deadline in force now. Otherwise the one of
    the latest period begun on or before `as_of` (on one day, the last recorded), or the
    original deadline before any began: a report about a past date must not see a later change.
    """
    periods = assignment_periods(record)
    if not any(valid_from > as_of for valid_from, _, _ in periods):
        return record.deadline
    begun = [period for period in periods if period[0] <= as_of]
    return max(begun)[2] if begun else record.original_deadline


def is_counted_on(record: ItemRecord, as_of: date) -> bool:
    """Whether the item is in the statistics of `as_of`: assigned by then and not yet cancelled.

    A cancelled item without a cancellation date left the statistics for every date.
    """
    if record.assigned_on > as_of:
        return False
    if record.status is Status.CANCELLED:
        return record.cancelled_on is not None and record.cancelled_on > as_of
    return True


def is_done_on(record: ItemRecord, as_of: date) -> bool:
    """Completed on `as_of`: confirmed by the office by then (a later confirmation is not yet
    known on that date), with a completion date not after it."""
    if record.status is not Status.COMPLETED or record.completed_on is None:
        return False
    confirmed = record.confirmed_on or record.completed_on
    return record.completed_on <= as_of and confirmed <= as_of


def standing_as_of(record: ItemRecord, as_of: date) -> Standing | None:
    """The item's standing on `as_of`; None when it is not in that date's statistics."""
    if not is_counted_on(record, as_of):
        return None
    facts = StandingFacts(
        deadline=deadline_on(record, as_of),
        completed_on=record.completed_on if is_done_on(record, as_of) else None,
    )
    return standing_on(facts, as_of)
