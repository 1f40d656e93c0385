"""The working calendar as the office keeps it: weekends and public holidays, plus its swaps."""

from sqlalchemy import select

from tracker.domain.calendar import WorkCalendar
from tracker.extensions import db
from tracker.models import CalendarDay


def working_calendar() -> WorkCalendar:
    """The WorkCalendar with the government's per-year swaps read from calendar_days."""
    rows = db.session.execute(select(CalendarDay.day, CalendarDay.working)).all()
    return WorkCalendar(
        extra_days_off=frozenset(day for day, working in rows if not working),
        extra_working_days=frozenset(day for day, working in rows if working),
    )
