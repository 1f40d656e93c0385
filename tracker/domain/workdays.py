"""Working days in Vietnam: weekends and public holidays off, with the government's yearly swaps."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

#: Saturday and Sunday (date.weekday() numbers): the civil service works Monday to Friday.
WEEKEND: frozenset[int] = frozenset({5, 6})

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class _Year:
    """The days python-holidays sets apart in one year."""

    holidays: frozenset[date]
    makeup_days: frozenset[date]  # weekend days the government declared working days


# Building the lunar calendar costs milliseconds per year and a sweep asks thousands of times,
# hence one cached build per year (bounded: a year's tables are small, the years are few).
@lru_cache(maxsize=256)
def _year(year: int) -> _Year:
    """Holidays and make-up working days of `year`."""
    # Imported on first use: loading python-holidays costs every process ~15 ms at start-up,
    # and some never ask for a working day (the reminder delivery, most CLI commands).
    import holidays

    table = holidays.country_holidays("VN", years=year)
    makeup = frozenset(day for day in table.weekend_workdays if day.year == year)
    return _Year(holidays=frozenset(table), makeup_days=makeup)


@lru_cache(maxsize=256)
def _holiday_names(year: int, language: str) -> Mapping[date, str]:
    """Holiday names of `year`, read-only because the cache shares the mapping between callers."""
    import holidays  # imported here: see _year

    table = holidays.country_holidays("VN", years=year, language=language)
    return MappingProxyType(dict(table))


def vietnam_holidays(year: int, language: str = "vi") -> dict[date, str]:
    """Public holidays of `year` (lunar Tết included) with their names, as a fresh dict."""
    return dict(_holiday_names(year, language))


@dataclass(frozen=True)
class WorkCalendar:
    """Working days: Mon–Fri, minus Vietnamese public holidays (python-holidays VN, incl. lunar
    Tết), adjusted per year by the government's swaps.

    The office's own entries win over the library: the swaps are announced each year, often after
    the installed python-holidays was released.
    """

    extra_days_off: frozenset[date] = frozenset()  # e.g. a bridge day given off
    extra_working_days: frozenset[date] = frozenset()  # e.g. a make-up Saturday

    def __post_init__(self) -> None:
        """Refuse a day listed both ways: which entry should win would be a guess."""
        both = self.extra_days_off & self.extra_working_days
        if both:
            listed = ", ".join(sorted(day.isoformat() for day in both))
            raise ValueError(f"days listed both as day off and as working day: {listed}")

    def is_working_day(self, day: date) -> bool:
        """Whether offices work on `day`."""
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        known = _year(day.year)
        if day in known.holidays:
            return False
        return day.weekday() not in WEEKEND or day in known.makeup_days

    def is_day_off(self, day: date) -> bool:
        """Whether `day` is a weekend day, a public holiday or a declared day off."""
        return not self.is_working_day(day)

    def add_working_days(self, day: date, n: int) -> date:
        """The n-th working day after `day` (before it when n < 0); `day` itself when n == 0."""
        step = _ONE_DAY if n > 0 else -_ONE_DAY
        remaining = abs(n)
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days d with start < d <= end; when end < start, minus the count the other way."""
        if end < start:
            return -self.working_days_between(end, start)
        span = (end - start).days
        return sum(self.is_working_day(start + timedelta(days=i)) for i in range(1, span + 1))

    def on_or_before(self, day: date) -> date:
        """The working day on or before `day`.

        A reminder that would fall on a day off is sent the working day before, never after:
        after could be past the deadline it warns about.
        """
        while not self.is_working_day(day):
            day -= _ONE_DAY
        return day

    def on_or_after(self, day: date) -> date:
        """The working day on or after `day`."""
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day
