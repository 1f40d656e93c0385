"""The government's per-year changes to the working calendar."""

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from tracker.database import db


class CalendarDay(db.Model):
    """A day whose working status differs from weekends and python-holidays' public holidays."""

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    #: True for a make-up working Saturday, False for an extra day off (a bridge day).
    working: Mapped[bool]
    note: Mapped[str | None] = mapped_column(String(200))
