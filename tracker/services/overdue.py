"""The office's overdue list as of a date, and the items without deadline that went idle.

An item is overdue on D when the history says so (tracker.services.history_sql). Most items
have no recorded date after D, and for them the current columns already say it: those are read
through the partial index on open items by (agency, deadline). Only the few items changed after
D (none for a list as of today) are looked at with the full history rule. Counting and paging
therefore cost a range scan on one index, whatever the size of the table.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from sqlalchemy import Date, and_, bindparam, func, literal, or_, select, true, union_all
from sqlalchemy.sql.elements import ColumnElement

from tracker.domain.calendar import WorkCalendar
from tracker.domain.escalation import escalation_level, level_thresholds
from tracker.domain.standing import IDLE_THRESHOLD_DAYS, AgeBucket, days_overdue
from tracker.extensions import db
from tracker.models import Agency, CalendarDay, Group, Sector, User, WorkItem
from tracker.services import history_sql
from tracker.services.report_cache import cached

W = WorkItem.__table__.c


class Sort(StrEnum):
    AGENCY = "agency"  #: grouped by lead agency, the most overdue first within each
    MOST = "most"  #: most days overdue first, all agencies together
    LEAST = "least"  #: fewest days overdue first


@dataclass(frozen=True)
class OverdueFilters:
    pillar: str | None = None
    sector: str | None = None
    agency: str | None = None  #: the lead agency's code
    kind: str | None = None
    age: AgeBucket | None = None
    level: int | None = None  #: escalation level 1–3, exactly


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


def work_calendar() -> WorkCalendar:
    """The working calendar with the office's yearly changes (one small query)."""
    days = db.session.execute(select(CalendarDay.day, CalendarDay.working)).all()
    return WorkCalendar(
        extra_days_off=frozenset(day for day, working in days if not working),
        extra_working_days=frozenset(day for day, working in days if working),
    )


# The statements are built once per shape of filters and order, with the date and the filter
# values as bound parameters: building them costs more than running them on a warm index.
AS_OF = bindparam("as_of", type_=Date)
_AGE_BOUNDS = {  # days before the list's date: (newest deadline, oldest deadline)
    AgeBucket.D1_30: (1, 30),
    AgeBucket.D31_90: (31, 90),
    AgeBucket.OVER_90: (91, None),
}


@dataclass(frozen=True)
class _Shape:
    """Which filters are set (not their values): one cached statement per shape."""

    pillar: bool
    sector: bool
    agency: bool
    kind: bool
    age: bool
    level: int | None  #: the level changes which bounds apply
    age_oldest: bool  #: whether the age bucket has an oldest deadline

    @classmethod
    def of(cls, filters: OverdueFilters) -> _Shape:
        oldest = filters.age is not None and _AGE_BOUNDS[filters.age][1] is not None
        return cls(
            bool(filters.pillar), bool(filters.sector), bool(filters.agency), bool(filters.kind),
            filters.age is not None, filters.level, oldest,
        )  # fmt: skip


def _params(filters: OverdueFilters, as_of: date, calendar: WorkCalendar) -> dict:
    """The values of the bound parameters for these filters on `as_of`."""
    params = {"as_of": as_of, "pillar": filters.pillar, "sector": filters.sector,
              "agency": filters.agency, "kind": filters.kind}  # fmt: skip
    if filters.age:
        newest, oldest = _AGE_BOUNDS[filters.age]
        params["age_newest"] = as_of - timedelta(days=newest)
        params["age_oldest"] = as_of - timedelta(days=oldest) if oldest else None
    if filters.level:
        thresholds = level_thresholds(as_of, calendar)
        params["level_newest"] = thresholds[filters.level]
        params["level_oldest"] = thresholds.get(filters.level + 1)
    return params


def _filter_clause(deadline, shape: _Shape) -> ColumnElement[bool]:
    """The filters; age bucket and level are ranges of the deadline, so indexes still serve."""
    clause = true()
    if shape.pillar:
        clause &= W.group_id.in_(select(Group.id).where(Group.code == bindparam("pillar")))
    if shape.sector:
        clause &= W.sector_id.in_(select(Sector.id).where(Sector.code == bindparam("sector")))
    if shape.agency:
        agency = select(Agency.id).where(Agency.code == bindparam("agency"))
        clause &= W.lead_agency_id.in_(agency)
    if shape.kind:
        clause &= W.kind == bindparam("kind")
    if shape.age:
        clause &= deadline <= bindparam("age_newest", type_=Date)
        if shape.age_oldest:
            clause &= deadline >= bindparam("age_oldest", type_=Date)
    if shape.level:
        clause &= deadline <= bindparam("level_newest", type_=Date)
        if shape.level < 3:
            clause &= deadline > bindparam("level_oldest", type_=Date)
    return clause


def _arms(shape: _Shape):
    """(where, deadline) of the unchanged items and of the items changed after the date."""
    changed = history_sql.changed_after(AS_OF)
    base = and_(history_sql.open_now(), W.deadline < AS_OF, _filter_clause(W.deadline, shape))
    deadline = history_sql.deadline_on(AS_OF)
    exceptional = and_(
        W.id.in_(changed), history_sql.overdue_on(AS_OF), _filter_clause(deadline, shape)
    )
    return (base, W.deadline), (exceptional, deadline), changed


@lru_cache(maxsize=256)
def _count_statement(shape: _Shape):
    """All unchanged overdue items, less the changed ones the current columns would count,
    plus the changed ones the history counts: per lead agency, with a sign."""
    (base, _), (exceptional, _), changed = _arms(shape)
    arms = [
        select(W.lead_agency_id, literal(1).label("sign"), func.count()).where(base),
        select(W.lead_agency_id, literal(-1), func.count()).where(base, W.id.in_(changed)),
        select(W.lead_agency_id, literal(1), func.count()).where(exceptional),
    ]
    return union_all(*(arm.group_by(W.lead_agency_id) for arm in arms))


@lru_cache(maxsize=256)
def _rows_statement(shape: _Shape, sort: Sort):
    (base, base_deadline), (exceptional, deadline), changed = _arms(shape)

    def arm(where, dl):
        return select(
            W.id, W.code, W.title, W.kind, W.lead_agency_id, dl.label("dl"),
            W.original_deadline, W.status, W.progress, W.responsible_id,
        ).where(where)  # fmt: skip

    query = union_all(
        arm(and_(base, W.id.notin_(changed)), base_deadline), arm(exceptional, deadline)
    )
    c = query.selected_columns
    order = {
        Sort.AGENCY: (c.lead_agency_id, c.dl, c.id),
        Sort.MOST: (c.dl, c.id),
        Sort.LEAST: (c.dl.desc(), c.id.desc()),
    }[sort]
    return query.order_by(*order)


def count_by_agency(filters: OverdueFilters, as_of: date, calendar: WorkCalendar) -> dict[int, int]:
    """Overdue items per lead agency on `as_of` (one query, reused while no item changes)."""

    def compute() -> dict[int, int]:
        query = _count_statement(_Shape.of(filters))
        counts: dict[int, int] = {}
        for agency_id, sign, number in db.session.execute(query, params):
            counts[agency_id] = counts.get(agency_id, 0) + sign * number
        return {agency_id: n for agency_id, n in counts.items() if n}

    params = _params(filters, as_of, calendar)
    return cached(("overdue_counts", tuple(sorted(params.items()))), compute)


def overdue_rows(
    filters: OverdueFilters, as_of: date, sort: Sort, limit: int, offset: int = 0,
    calendar: WorkCalendar | None = None,
) -> list[OverdueRow]:  # fmt: skip
    """The overdue items in the list's order (two queries: the rows, their people)."""
    calendar = calendar or work_calendar()
    query = _rows_statement(_Shape.of(filters), sort).limit(limit).offset(offset)
    found = db.session.execute(query, _params(filters, as_of, calendar)).all()
    people = _names({row.responsible_id for row in found if row.responsible_id})
    return [
        OverdueRow(
            id=row.id,
            code=row.code,
            title=row.title,
            kind=row.kind,
            agency_id=row.lead_agency_id,
            deadline=row.dl,
            original_deadline=row.original_deadline,
            status=row.status,
            progress=row.progress,
            responsible=people.get(row.responsible_id),
            days=days_overdue(row.dl, as_of),
            level=escalation_level(row.dl, as_of, calendar),
        )  # fmt: skip
        for row in found
    ]


def _names(user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    return dict(db.session.execute(select(User.id, User.name).where(User.id.in_(user_ids))).all())


def overdue_page(
    filters: OverdueFilters, as_of: date, sort: Sort, page: int, per_page: int
) -> OverduePage:
    """One page of the list and the counts per agency: a constant number of queries."""
    calendar = work_calendar()
    by_agency = count_by_agency(filters, as_of, calendar)
    offset = (page - 1) * per_page
    rows = overdue_rows(filters, as_of, sort, per_page, offset, calendar)
    return OverduePage(rows=rows, by_agency=by_agency, page=page, per_page=per_page)


def overdue_total(as_of: date, filters: OverdueFilters | None = None) -> int:
    """How many items were overdue on `as_of` (matching the filters)."""
    return sum(count_by_agency(filters or OverdueFilters(), as_of, work_calendar()).values())


@dataclass(frozen=True)
class IdlePage:
    rows: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def idle_clause(today: date) -> ColumnElement[bool]:
    """Open, without deadline, nothing recorded for more than IDLE_THRESHOLD_DAYS days."""
    cutoff = today - timedelta(days=IDLE_THRESHOLD_DAYS)
    quiet = or_(
        W.last_activity_on < cutoff,
        and_(W.last_activity_on.is_(None), W.assigned_on < cutoff),
    )
    return and_(history_sql.open_now(), W.deadline.is_(None), quiet)


def idle_page(filters: OverdueFilters, today: date, page: int, per_page: int) -> IdlePage:
    """Items without deadline idle for more than 90 days, the longest idle first."""
    # Age and level are about deadlines: they do not apply to items without one.
    filters = replace(filters, age=None, level=None)
    where = and_(idle_clause(today), _filter_clause(W.deadline, _Shape.of(filters)))
    params = _params(filters, today, WorkCalendar())
    count = select(func.count()).select_from(WorkItem.__table__).where(where)
    total = db.session.scalar(count, params) or 0
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
        params,
    ).all()
    return IdlePage(rows=rows, total=total, page=page, per_page=per_page)
