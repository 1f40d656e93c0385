"""Recurring items: when each occurrence of a periodic duty is due.

A recurrence says how often (monthly, quarterly, six-monthly, yearly), which month of the
period and which day of that month the report is due ("by the 15th of the last month of each
quarter": quarterly, month 3, day 15), and what happens when that day is a day off: the
working day before (the office's usual rule, as for reminders) or the one after. A day past
the month's end is its last day (the 31st of a quarter's middle month is its 30th or 31st).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.domain.workdays import WorkCalendar


class Every(StrEnum):
    MONTH = "monthly"
    QUARTER = "quarterly"
    HALF_YEAR = "half_yearly"
    YEAR = "yearly"


MONTHS = {Every.MONTH: 1, Every.QUARTER: 3, Every.HALF_YEAR: 6, Every.YEAR: 12}


class DayOffRule(StrEnum):
    BEFORE = "before"  #: the working day before
    AFTER = "after"  #: the working day after


@dataclass(frozen=True)
class Occurrence:
    label: str  #: the period it reports on: "2027-01", "2027-Q1", "2027-H1", "2027"
    due: date


@dataclass(frozen=True)
class Recurrence:
    every: Every
    day: int = 15  #: day of the month, 1–31
    month: int = 1  #: month within the period, 1 to its length (3 = a quarter's last)
    rule: DayOffRule = DayOffRule.BEFORE

    def __post_init__(self) -> None:
        if not 1 <= self.day <= 31:
            raise ValueError("day must be 1–31")
        if not 1 <= self.month <= MONTHS[self.every]:
            raise ValueError("month must fall within the period")

    @property
    def months(self) -> int:
        return MONTHS[self.every]

    def _label(self, year: int, index: int) -> str:
        return {
            Every.MONTH: f"{year}-{index + 1:02d}",
            Every.QUARTER: f"{year}-Q{index + 1}",
            Every.HALF_YEAR: f"{year}-H{index + 1}",
            Every.YEAR: f"{year}",
        }[self.every]

    def _nominal(self, year: int, index: int) -> date:
        month = index * self.months + self.month
        return date(year, month, min(self.day, calendar.monthrange(year, month)[1]))

    def due_on(self, nominal: date, days: WorkCalendar) -> date:
        if days.is_working_day(nominal):
            return nominal
        if self.rule is DayOffRule.AFTER:
            return days.on_or_after(nominal)
        return days.on_or_before(nominal)

    def between(self, start: date, end: date, days: WorkCalendar) -> list[Occurrence]:
        """The occurrences due from `start` to `end` (both included), in order."""
        found = []
        for year in range(start.year, end.year + 1):
            for index in range(12 // self.months):
                due = self.due_on(self._nominal(year, index), days)
                if start <= due <= end:
                    found.append(Occurrence(self._label(year, index), due))
        return found


def horizon_end(today: date, months: int) -> date:
    """The last day `months` months after today: how far ahead occurrences are made."""
    month_index = today.month - 1 + months
    year, month = today.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
