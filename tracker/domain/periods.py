"""Reporting periods (month, quarter, half-year, year) and their cut-off dates.

By default a period's figures are taken as of its last day. Nghị định 09/2019/NĐ-CP instead has
data windows that end on a fixed day of the period's last month (the 14th): the quarter report
covers 15 December to 14 March, and so on. `cutoff_day` selects that convention.
"""

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"  #: half-year (6 months)
    YEAR = "year"


#: Months in one period of each kind.
MONTHS: dict[PeriodKind, int] = {
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.HALF: 6,
    PeriodKind.YEAR: 12,
}

#: The largest cut-off day every month has: a later one would not exist in February.
MAX_CUTOFF_DAY = 28


@dataclass(frozen=True, order=True)
class PeriodRef:
    """One period: e.g. (2026, QUARTER, 3) is the third quarter of 2026."""

    year: int
    kind: PeriodKind
    number: int

    def __post_init__(self) -> None:
        if not 1 <= self.number <= count_in_year(self.kind):
            raise ValueError(f"there is no {self.kind} number {self.number} in a year")

    @property
    def last_month(self) -> int:
        return self.number * MONTHS[self.kind]

    def following(self) -> "PeriodRef":
        if self.number < count_in_year(self.kind):
            return PeriodRef(self.year, self.kind, self.number + 1)
        return PeriodRef(self.year + 1, self.kind, 1)

    def previous(self) -> "PeriodRef":
        if self.number > 1:
            return PeriodRef(self.year, self.kind, self.number - 1)
        return PeriodRef(self.year - 1, self.kind, count_in_year(self.kind))


def count_in_year(kind: PeriodKind) -> int:
    return 12 // MONTHS[kind]


def _month_end(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def cutoff_date(period: PeriodRef, cutoff_day: int | None = None) -> date:
    """The as-of date of the period's report: its last day, or `cutoff_day` of its last month."""
    if cutoff_day is None:
        return _month_end(period.year, period.last_month)
    if not 1 <= cutoff_day <= MAX_CUTOFF_DAY:
        raise ValueError(f"the cut-off day must be between 1 and {MAX_CUTOFF_DAY}")
    return date(period.year, period.last_month, cutoff_day)


def window(period: PeriodRef, cutoff_day: int | None = None) -> tuple[date, date]:
    """(first day, cut-off date) of the data the period's report covers."""
    start = cutoff_date(period.previous(), cutoff_day) + timedelta(days=1)
    return start, cutoff_date(period, cutoff_day)


def period_containing(kind: PeriodKind, day: date) -> PeriodRef:
    """The calendar period of `kind` that `day` falls in (ignoring any cut-off day)."""
    return PeriodRef(day.year, kind, (day.month - 1) // MONTHS[kind] + 1)


def last_finished(kind: PeriodKind, today: date, cutoff_day: int | None = None) -> PeriodRef:
    """The latest period of `kind` whose cut-off date is before `today`."""
    period = period_containing(kind, today)
    while cutoff_date(period, cutoff_day) >= today:
        period = period.previous()
    return period


def month_ends(today: date, count: int) -> list[date]:
    """The last `count` month ends before `today`, oldest first."""
    ends, day = [], today.replace(day=1) - timedelta(days=1)
    while len(ends) < count:
        ends.append(day)
        day = day.replace(day=1) - timedelta(days=1)
    return ends[::-1]


def window_containing(kind: PeriodKind, day: date, cutoff_day: int | None = None) -> PeriodRef:
    """The period of `kind` whose data window holds `day`: with a cut-off day, the days after
    it in a period's last month belong to the next period."""
    period = period_containing(kind, day)
    return period if day <= cutoff_date(period, cutoff_day) else period.following()
