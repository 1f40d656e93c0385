"""When an item's progress update is due, and whether one came late.

Every open item reports its progress once per reporting cycle: every month, or every
`report_every_months` months when its assignment says so (Plan 59 asks some items for a report
every 6 months). Cycles follow the calendar: a 6-month item reports for January–June and
July–December. The cycle's update is due on the reporting day (`PROGRESS_REPORT_DAY`, e.g. the
20th) of the cycle's last month. An update is late when it is the first of its cycle and comes
after that day: the agency missed the cycle's report. Further updates in a cycle whose report
was made are not late (they add to it), whatever their day.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date

#: Months between two reports when the item does not say.
DEFAULT_EVERY_MONTHS = 1


@dataclass(frozen=True)
class Lateness:
    """What an update records when it is written: its cycle's deadline and whether it missed it."""

    due_on: date
    late: bool


def cycle_start(day: date, every_months: int | None) -> date:
    """The first day of the reporting cycle `day` falls in."""
    months = _months(every_months)
    first_month = (day.month - 1) // months * months + 1
    return date(day.year, first_month, 1)


def reporting_deadline(day: date, every_months: int | None, report_day: int) -> date:
    """The day the update of the cycle `day` falls in is due (the cycle's last month's
    `report_day`, or its last day when the month is shorter)."""
    start = cycle_start(day, every_months)
    month = start.month + _months(every_months) - 1
    return date(start.year, month, min(report_day, _calendar.monthrange(start.year, month)[1]))


def lateness(
    made_on: date, every_months: int | None, report_day: int, earlier_in_cycle: bool
) -> Lateness:
    """The deadline and lateness of an update made on `made_on`; `earlier_in_cycle` says the
    item already had an update in this cycle."""
    due_on = reporting_deadline(made_on, every_months, report_day)
    return Lateness(due_on, late=made_on > due_on and not earlier_in_cycle)


def _months(every_months: int | None) -> int:
    """A cycle length that tiles the year (1, 2, 3, 4, 6 or 12 months); monthly otherwise."""
    months = every_months or DEFAULT_EVERY_MONTHS
    return months if 1 <= months <= 12 and 12 % months == 0 else DEFAULT_EVERY_MONTHS
