"""The office's overdue list as of a date, and the items without deadline that went idle.

An item is overdue on D when the history says so (tracker.history.as_of_sql). Most items
have no recorded date after D, and for them the current columns already say it: those are read
through the partial index on open items by (agency, deadline). Only the few items changed after
D (none for a list as of today) are looked at with the full history rule. Counting and paging
therefore cost a range scan on one index, whatever the size of the table.

Escalation levels follow the reminder policy the caller passes: the views load the office's
policy once per request (the filter form needs it too), so the list itself adds no query.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import islice

from sqlalchemy import and_, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from tracker.database import db
from tracker.domain.escalation import DEFAULT_POLICY, escalation_level
from tracker.domain.reminders import ReminderPolicy
from tracker.domain.standing import IDLE_THRESHOLD_DAYS, days_overdue
from tracker.domain.workdays import WorkCalendar
from tracker.history import as_of_sql as history_sql
from tracker.models import WorkItem
from tracker.overdue.sql import (
    ROW_ORDER,
    OverdueFilters,
    Shape,
    Sort,
    count_statement,
    filter_clause,
    params,
    rows_statements,
    totals_statement,
)
from tracker.paging import Page
from tracker.reports.cache import cached
from tracker.workdays.store import working_calendar

__all__ = [
    "OverdueFilters", "Sort", "counted_page", "overdue_page", "overdue_rows", "idle_page",
]  # fmt: skip

W = WorkItem.__table__.c


@dataclass(frozen=True)
class OverdueRow:
    id: int
    code: str
    title: str
    kind: str
    agency_id: int
    deadline: date  #: in force on the list's date
    original_deadline: date | None
    status: str
    progress: int
    responsible: str | None
    days: int  #: calendar days overdue
    level: int  #: escalation level
    is_urgent: bool = False


@dataclass(frozen=True)
class OverduePage:
    rows: list[OverdueRow]
    by_agency: dict[int, int]  #: agency id -> overdue items matching the filters
    page: int
    per_page: int

    @property
    def total(self) -> int:
        return sum(self.by_agency.values())

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def count_by_agency(
    filters: OverdueFilters, as_of: date, calendar: WorkCalendar,
    policy: ReminderPolicy = DEFAULT_POLICY,
) -> dict[int, int]:  # fmt: skip
    """Overdue items per lead agency on `as_of` (one query, reused while no item changes)."""

    def compute() -> dict[int, int]:
        query = count_statement(Shape.of(filters))
        counts: dict[int, int] = {}
        for agency_id, sign, number in db.session.execute(query, values):
            counts[agency_id] = counts.get(agency_id, 0) + sign * number
        return {agency_id: n for agency_id, n in counts.items() if n}

    values = params(filters, as_of, calendar, policy)
    return cached(("overdue_counts", tuple(sorted(values.items()))), compute)


def overdue_rows(
    filters: OverdueFilters, as_of: date, sort: Sort, limit: int, offset: int = 0,
    calendar: WorkCalendar | None = None, policy: ReminderPolicy = DEFAULT_POLICY,
) -> list[OverdueRow]:  # fmt: skip
    """The overdue items in the list's order (two queries: one per arm, with the names).

    Each arm is read in the list's order along its own index and the two are merged here: a
    UNION ALL would make PostgreSQL sort every overdue item to return the first hundred.
    """
    calendar = calendar or working_calendar()
    wanted = offset + limit
    values = {**params(filters, as_of, calendar, policy), "wanted": wanted}
    arms = [
        db.session.execute(query, values).all()
        for query in rows_statements(Shape.of(filters), sort)
    ]
    key, reverse = ROW_ORDER[sort]
    found = islice(heapq.merge(*arms, key=key, reverse=reverse), offset, wanted)
    return [_row(row, as_of, calendar, policy) for row in found]


def _row(row, as_of: date, calendar: WorkCalendar, policy: ReminderPolicy) -> OverdueRow:
    return OverdueRow(
        id=row.id, code=row.code, title=row.title, kind=row.kind, agency_id=row.lead_agency_id,
        deadline=row.dl, original_deadline=row.original_deadline, status=row.status,
        progress=row.progress, responsible=row.responsible,
        days=days_overdue(row.dl, as_of),
        level=escalation_level(row.dl, as_of, calendar, policy), is_urgent=row.is_urgent,
    )  # fmt: skip


def overdue_page(
    filters: OverdueFilters, as_of: date, sort: Sort, page: int, per_page: int,
    policy: ReminderPolicy = DEFAULT_POLICY,
) -> OverduePage:  # fmt: skip
    """One page of the list and the counts per agency: a constant number of queries."""
    # One calendar query per page: the counts and the rows both take this one.
    calendar = working_calendar()
    counted = counted_page(filters, as_of, page, per_page, calendar, policy)
    rows = overdue_rows(filters, as_of, sort, per_page, counted.offset, calendar, policy)
    return replace(counted, rows=rows)


def counted_page(
    filters: OverdueFilters, as_of: date, page: int, per_page: int, calendar: WorkCalendar,
    policy: ReminderPolicy = DEFAULT_POLICY,
) -> OverduePage:  # fmt: skip
    """A page of the list with its counts but without its rows, which the caller reads
    (`overdue_rows`) only if it has not kept them rendered."""
    by_agency = count_by_agency(filters, as_of, calendar, policy)
    return OverduePage(rows=[], by_agency=by_agency, page=page, per_page=per_page)


def overdue_totals(days: list[date], filters: OverdueFilters) -> list[int]:
    """How many items were overdue on each of `days`, in one statement (not cached: the
    dashboard caches its trend). Filters by what an item is, not by its age or level."""
    values = {
        **params(filters, days[-1], WorkCalendar(), DEFAULT_POLICY),
        **{f"day_{n}": day for n, day in enumerate(days)},
    }
    totals = [0] * len(days)
    for position, sign, number in db.session.execute(
        totals_statement(Shape.of(filters), len(days)), values
    ):
        totals[position] += sign * number
    return totals


def overdue_total(
    as_of: date, filters: OverdueFilters | None = None, policy: ReminderPolicy = DEFAULT_POLICY
) -> int:
    """How many items were overdue on `as_of` (matching the filters)."""
    counts = count_by_agency(filters or OverdueFilters(), as_of, working_calendar(), policy)
    return sum(counts.values())


def idle_clause(today: date) -> ColumnElement[bool]:
    """Open, without deadline, nothing recorded for more than IDLE_THRESHOLD_DAYS days; a
    paused item has no deadline because the office stopped its clock: it waits, not idles."""
    cutoff = today - timedelta(days=IDLE_THRESHOLD_DAYS)
    quiet = or_(
        W.last_activity_on < cutoff,
        and_(W.last_activity_on.is_(None), W.assigned_on < cutoff),
    )
    return and_(history_sql.open_now(), W.deadline.is_(None), quiet, W.paused_on.is_(None))


def idle_page(filters: OverdueFilters, today: date, page: int, per_page: int) -> Page:
    """Items without deadline idle for more than 90 days, the longest idle first."""
    # Age and level are about deadlines: they do not apply to items without one.
    filters = replace(filters, age=None, level=None)
    where = and_(idle_clause(today), filter_clause(W.deadline, Shape.of(filters)))
    # Without the age and level filters, neither the calendar nor the policy matters.
    values = params(filters, today, WorkCalendar(), DEFAULT_POLICY)
    count = select(func.count()).select_from(WorkItem.__table__).where(where)
    total = db.session.scalar(count, values) or 0
    last = func.coalesce(W.last_activity_on, W.assigned_on)
    rows = db.session.execute(
        select(
            W.id,
            W.code,
            W.title,
            W.kind,
            W.lead_agency_id,
            W.status,
            W.progress,
            last.label("last_activity_on"),
            W.responsible_id,
        )  # fmt: skip
        .where(where)
        .order_by(last, W.id)
        .limit(per_page)
        .offset((page - 1) * per_page),
        values,
    ).all()
    return Page(rows=rows, total=total, page=page, per_page=per_page)
