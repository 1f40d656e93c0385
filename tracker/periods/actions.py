"""Reporting periods: create, close (freeze the figures), publish; read a period's tables."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import select

from tracker.clock import now_utc
from tracker.database import db
from tracker.domain.periods import PeriodKind, PeriodRef, window
from tracker.domain.tally import Tally
from tracker.models import Period, PeriodSnapshot, User
from tracker.reports import statistics
from tracker.reports.statistics import Dimension, Row, Scope, Table
from tracker.reports.update_figures import UpdateFigures

SCOPES = {"all": Scope(), "public": Scope(public_only=True)}


class PeriodRefusal(StrEnum):
    """Why an action on a period was refused; the view turns it into a sentence."""

    EXISTS = "exists"
    NOT_ENDED = "not_ended"  #: its cut-off date has not passed yet
    NOT_OPEN = "not_open"
    NOT_CLOSED = "not_closed"


class PeriodRefused(Exception):
    def __init__(self, reason: PeriodRefusal) -> None:
        super().__init__(reason.value)
        self.reason = reason


def list_periods(published_only: bool = False) -> list[Period]:
    query = select(Period).order_by(Period.cutoff_on.desc(), Period.kind)
    if published_only:
        query = query.where(Period.status == "published")
    return list(db.session.scalars(query))


def get_period(period_id: int) -> Period | None:
    return db.session.get(Period, period_id)


def create_period(kind: PeriodKind, year: int, number: int, cutoff_day: int | None) -> Period:
    """A new open period; one per kind, year and number."""
    ref = PeriodRef(year, kind, number)
    exists = select(Period.id).where(
        Period.kind == kind.value, Period.year == year, Period.number == number
    )
    if db.session.scalar(exists) is not None:
        raise PeriodRefused(PeriodRefusal.EXISTS)
    starts_on, cutoff_on = window(ref, cutoff_day)
    period = Period(
        kind=kind.value,
        year=year,
        number=number,
        cutoff_day=cutoff_day,
        starts_on=starts_on,
        cutoff_on=cutoff_on,
    )
    db.session.add(period)
    db.session.commit()
    return period


def close_period(period: Period, user: User, today: date) -> None:
    """Freeze the period's figures as of its cut-off date; later edits no longer change them."""
    if period.status != "open":
        raise PeriodRefused(PeriodRefusal.NOT_OPEN)
    # Closed on the cut-off day itself, the day's last updates would be missing.
    if today <= period.cutoff_on:
        raise PeriodRefused(PeriodRefusal.NOT_ENDED)
    for dimension in Dimension:
        for scope_name, scope in SCOPES.items():
            table = statistics.computed(dimension, period.cutoff_on, scope, period.starts_on)
            period.snapshots.append(
                PeriodSnapshot(dimension=dimension.value, scope=scope_name, data=_frozen(table))
            )
    period.status, period.closed_at, period.closed_by = "closed", now_utc(), user
    db.session.commit()


def publish_period(period: Period, user: User) -> None:
    """Make a closed period's figures visible to every agency and on the public page."""
    if period.status != "closed":
        raise PeriodRefused(PeriodRefusal.NOT_CLOSED)
    period.status, period.published_at, period.published_by = "published", now_utc(), user
    db.session.commit()


def _frozen(table: Table) -> dict:
    return {"rows": [_frozen_row(row) for row in table.rows]}


def _frozen_row(row: Row) -> dict:
    frozen = {"code": row.code, "name": row.name, "counts": row.tally.as_dict()}
    if row.updates is not None:  # by agency: the updates over the period's window
        frozen["updates"] = row.updates.as_dict()
    return frozen


def _thawed_row(row: dict) -> Row:
    """A frozen row; a period closed before updates were counted has none (never made up)."""
    updates = row.get("updates")
    figures = None if updates is None else UpdateFigures(**updates)
    return Row(row["code"], row["name"], Tally(**row["counts"]), figures)


def period_table(period: Period, dimension: Dimension, scope_name: str = "all") -> Table:
    """The frozen table of a closed period; the live figures as of its cut-off while open."""
    if period.status == "open":
        scope = SCOPES[scope_name]
        return statistics.table(dimension, period.cutoff_on, scope, period.starts_on)
    snapshot = db.session.scalar(
        select(PeriodSnapshot).where(
            PeriodSnapshot.period_id == period.id,
            PeriodSnapshot.dimension == dimension.value,
            PeriodSnapshot.scope == scope_name,
        )
    )
    rows = [_thawed_row(row) for row in snapshot.data["rows"]]
    has_updates = any(row.updates is not None for row in rows)
    return Table(dimension, period.cutoff_on, rows, period.starts_on if has_updates else None)
