"""What every web process shares to reuse computed figures: the data's version and the figures."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DDL, BigInteger, Date, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from tracker.database import db
from tracker.models.types import UTCDateTime


class DataVersion(db.Model):
    """One row, id 1: a counter that every transaction changing what figures are computed from
    raises as it commits (tracker.reports.cache). Raising it takes the row's lock, so versions
    follow the order of commits, across processes and servers."""

    __tablename__ = "data_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, default=0)
    #: Raised by a transaction that may change a figure of a day on or before `horizon`
    #: (tracker.history.backdating): the figures kept of past days hold while it holds.
    history: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")
    #: The latest day whose figures were ever kept (tracker.reports.past_figures).
    horizon: Mapped[date | None] = mapped_column(Date)
    #: Raised by a transaction that may change a target's verdict (tracker.reports.target_writes).
    targets: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


# db.create_all makes the row as the migration does: raising a missing row would change nothing.
_FIRST_ROW = DDL("INSERT INTO data_versions (id, version, history, targets) VALUES (1, 0, 0, 0)")
event.listen(DataVersion.__table__, "after_create", _FIRST_ROW)


class CachedFigures(db.Model):
    """Figures computed by one process for every process (the dashboard), as JSON of plain
    values, valid only at the data version they were computed at."""

    __tablename__ = "cached_figures"

    #: What was computed ("dashboard", "overview"), for whom ("all", a portfolio), as of when.
    what: Mapped[str] = mapped_column(String(40), primary_key=True)
    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    #: The data version (tracker.reports.cache.data_version) the figures were computed at.
    version: Mapped[str] = mapped_column(String(200))
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    value: Mapped[str] = mapped_column(Text)


class HistoryRaise(db.Model):
    """A raise of `data_versions.history` and the first day the write that made it could change
    (tracker.history.backdating): a figure kept for an earlier day still holds after it."""

    __tablename__ = "history_raises"

    history: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    earliest: Mapped[date] = mapped_column(Date)


class PastFigure(db.Model):
    """A figure of a day already past (an overdue count at a month end), kept while no write
    reached back to that day: valid from the history counter it was computed at until a raise
    of it reaches back to its day (HistoryRaise)."""

    __tablename__ = "past_figures"

    #: What was counted ("overdue"), for whom ("all", a portfolio), on which day.
    what: Mapped[str] = mapped_column(String(40), primary_key=True)
    scope: Mapped[str] = mapped_column(String(200), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    history: Mapped[int] = mapped_column(BigInteger)
    value: Mapped[str] = mapped_column(Text)  #: JSON
