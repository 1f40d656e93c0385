"""The standing of a work item on a date, as the provincial statistics table counts it."""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Standing(StrEnum):
    """The five columns of the per-agency statistics table."""

    DONE_ON_TIME = "done_on_time"  #: hoàn thành đúng hạn
    DONE_LATE = "done_late"  #: hoàn thành quá hạn
    IN_PROGRESS = "in_progress"  #: đang thực hiện trong hạn
    OVERDUE = "overdue"  #: đang thực hiện quá hạn
    NO_DEADLINE = "no_deadline"  #: không có thời hạn (and not completed)


@dataclass(frozen=True)
class StandingFacts:
    """What the standing depends on, read from an item as of the report's date."""

    deadline: date | None  #: deadline in force on that date (after approved extensions)
    completed_on: date | None  #: the submission date the office confirmed; None if not completed
    cancelled: bool = False


def standing_on(facts: StandingFacts, today: date) -> Standing | None:
    """The standing on `today`; None for a cancelled item, which leaves the statistics."""
    if facts.cancelled:
        return None
    # A report as of a past date must not see a completion that had not happened yet.
    if facts.completed_on is not None and facts.completed_on <= today:
        return _completed_standing(facts.deadline, facts.completed_on)
    if facts.deadline is None:
        return Standing.NO_DEADLINE
    # Deadlines are end of day: the item is overdue from the day after.
    return Standing.OVERDUE if today > facts.deadline else Standing.IN_PROGRESS


def _completed_standing(deadline: date | None, completed_on: date) -> Standing:
    """On time if completed on or before the deadline; always on time without one."""
    if deadline is None or completed_on <= deadline:
        return Standing.DONE_ON_TIME
    return Standing.DONE_LATE


def group_standings(
    done: bool, items: int, dated: int, past: int, late: int
) -> tuple[tuple[Standing, int], ...]:
    """How a group of items counted together by the database (none cancelled) divides among
    the standings, by `standing_on`'s rule: done ones on time or late (`late` of them finished
    after their deadline), open ones by whether they have a deadline (`dated`) and are past it
    (`past`)."""
    if done:
        return ((Standing.DONE_ON_TIME, items - late), (Standing.DONE_LATE, late))
    return (
        (Standing.IN_PROGRESS, dated - past),
        (Standing.OVERDUE, past),
        (Standing.NO_DEADLINE, items - dated),
    )


def days_overdue(deadline: date | None, today: date) -> int:
    """Calendar days past the deadline; 0 on the deadline, before it, or without one."""
    if deadline is None or today <= deadline:
        return 0
    return (today - deadline).days


class AgeBucket(StrEnum):
    """How long an overdue item has been overdue, in the buckets the practice reports."""

    D1_30 = "1-30"
    D31_90 = "31-90"
    OVER_90 = "90+"


#: Items without a deadline are flagged when nothing happened for longer than this.
IDLE_THRESHOLD_DAYS = 90
