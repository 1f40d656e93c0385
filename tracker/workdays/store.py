"""The working calendar as the office keeps it: weekends and public holidays, plus its swaps."""

from __future__ import annotations

from datetime import date

from sqlalchemy import extract, select

from tracker.database import db
from tracker.domain.workdays import WorkCalendar
from tracker.models import CalendarDay


class CalendarError(ValueError):
    """A swap that cannot be recorded; `code` says why (the view translates it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def working_calendar() -> WorkCalendar:
    """The WorkCalendar with the government's per-year swaps read from calendar_days.

    One small query, not cached here: a swap the office records applies from the next call.
    A caller that needs the calendar several times (the overdue list's counts and rows) loads
    it once; the pages opened all day keep it per data version, which a swap raises.
    """
    rows = db.session.execute(select(CalendarDay.day, CalendarDay.working)).all()
    return WorkCalendar(
        extra_days_off=frozenset(day for day, working in rows if not working),
        extra_working_days=frozenset(day for day, working in rows if working),
    )


def days_of_year(year: int) -> list[CalendarDay]:
    return list(
        db.session.scalars(
            select(CalendarDay)
            .where(extract("year", CalendarDay.day) == year)
            .order_by(CalendarDay.day)
        )
    )


def add_day(day: date, working: bool, note: str | None) -> CalendarDay:
    """Record a make-up working day or an extra day off; refuse one that changes nothing."""
    if db.session.get(CalendarDay, day) is not None:
        raise CalendarError("exists")
    if WorkCalendar().is_working_day(day) is working:
        raise CalendarError("already_working" if working else "already_off")
    entry = CalendarDay(day=day, working=working, note=note or None)
    db.session.add(entry)
    db.session.commit()
    return entry


def remove_day(day: date) -> None:
    entry = db.session.get(CalendarDay, day)
    if entry is None:
        raise CalendarError("missing")
    db.session.delete(entry)
    db.session.commit()
