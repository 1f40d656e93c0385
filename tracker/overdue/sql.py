"""The SQL of the overdue list: statements built once per shape of filters, run with bound values.

Building these statements costs more than running them on a warm index, so they are cached by
which filters are set and in which order, and the date and the filter values are parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from sqlalchemy import (
    Date,
    Integer,
    and_,
    bindparam,
    func,
    literal,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from tracker.counting import piece_of_work
from tracker.domain.escalation import level_thresholds
from tracker.domain.reminders import ReminderPolicy
from tracker.domain.standing import AgeBucket
from tracker.domain.workdays import WorkCalendar
from tracker.history import as_of_sql as history_sql
from tracker.models import Agency, Group, Plan, Sector, User, WorkItem
from tracker.portfolios.actions import in_portfolio

W = WorkItem.__table__.c
U = User.__table__.c


class Sort(StrEnum):
    AGENCY = "agency"  #: grouped by lead agency, the most overdue first within each
    MOST = "most"  #: most days overdue first, all agencies together
    LEAST = "least"  #: fewest days overdue first


@dataclass(frozen=True)
class OverdueFilters:
    document: str | None = None  #: the assigning document's number and symbol
    pillar: str | None = None
    sector: str | None = None
    agency: str | None = None  #: the lead agency's code
    kind: str | None = None
    age: AgeBucket | None = None
    level: int | None = None  #: escalation level 1–3, exactly
    #: A person whose portfolio bounds the list: items led by the agencies they follow or in
    #: the sectors they oversee.
    portfolio: int | None = None


AS_OF = bindparam("as_of", type_=Date)
WANTED = bindparam("wanted", type_=Integer)  #: rows to read from each arm of the list
_AGE_BOUNDS = {  # days before the list's date: (newest deadline, oldest deadline)
    AgeBucket.D1_30: (1, 30),
    AgeBucket.D31_90: (31, 90),
    AgeBucket.OVER_90: (91, None),
}


@dataclass(frozen=True)
class Shape:
    """Which filters are set (not their values): one cached statement per shape."""

    document: bool
    pillar: bool
    sector: bool
    agency: bool
    kind: bool
    age: bool
    level: int | None  #: the level changes which bounds apply
    age_oldest: bool  #: whether the age bucket has an oldest deadline
    portfolio: bool = False

    @classmethod
    def of(cls, filters: OverdueFilters) -> Shape:
        oldest = filters.age is not None and _AGE_BOUNDS[filters.age][1] is not None
        return cls(
            bool(filters.document), bool(filters.pillar), bool(filters.sector),
            bool(filters.agency), bool(filters.kind), filters.age is not None, filters.level,
            oldest, filters.portfolio is not None,
        )  # fmt: skip


def params(
    filters: OverdueFilters, as_of: date, calendar: WorkCalendar, policy: ReminderPolicy
) -> dict:
    """The values of the bound parameters for these filters on `as_of`, under the office's
    reminder policy (which sets where each escalation level starts)."""
    params = {"as_of": as_of, "document": filters.document, "pillar": filters.pillar,
              "sector": filters.sector, "agency": filters.agency, "kind": filters.kind,
              "portfolio": filters.portfolio}  # fmt: skip
    if filters.age:
        newest, oldest = _AGE_BOUNDS[filters.age]
        params["age_newest"] = as_of - timedelta(days=newest)
        params["age_oldest"] = as_of - timedelta(days=oldest) if oldest else None
    if filters.level:
        thresholds = level_thresholds(as_of, calendar, policy)
        params["level_newest"] = thresholds[filters.level]
        params["level_oldest"] = thresholds.get(filters.level + 1)
    return params


def filter_clause(deadline, shape: Shape, lead=W.lead_agency_id) -> ColumnElement[bool]:
    """The filters; age bucket and level are ranges of the deadline, so indexes still serve.
    `deadline` and `lead` are the item's on the list's date. Each piece of work once, as
    every count (tracker.counting)."""
    clause = piece_of_work(W)
    if shape.document:
        clause &= W.plan_id.in_(select(Plan.id).where(Plan.number == bindparam("document")))
    if shape.pillar:
        clause &= W.group_id.in_(select(Group.id).where(Group.code == bindparam("pillar")))
    if shape.sector:
        clause &= W.sector_id.in_(select(Sector.id).where(Sector.code == bindparam("sector")))
    if shape.agency:
        agency = select(Agency.id).where(Agency.code == bindparam("agency"))
        clause &= lead.in_(agency)
    if shape.kind:
        clause &= W.kind == bindparam("kind")
    if shape.portfolio:
        clause &= _in_portfolio(bindparam("portfolio"), lead)
    if shape.age:
        clause &= deadline <= bindparam("age_newest", type_=Date)
        if shape.age_oldest:
            clause &= deadline >= bindparam("age_oldest", type_=Date)
    if shape.level:
        clause &= deadline <= bindparam("level_newest", type_=Date)
        if shape.level < 3:
            clause &= deadline > bindparam("level_oldest", type_=Date)
    return clause


def _arms(shape: Shape, as_of=AS_OF):
    """(where, deadline, lead) of the unchanged items and of the items changed after the date
    (those as they stood on it: the deadline and the lead agency then)."""
    changed = history_sql.changed_after(as_of)
    base = and_(history_sql.open_now(), W.deadline < as_of, filter_clause(W.deadline, shape))
    deadline, lead = history_sql.deadline_on(as_of), history_sql.lead_on(as_of)
    exceptional = and_(
        W.id.in_(changed), history_sql.overdue_on(as_of), filter_clause(deadline, shape, lead)
    )
    return (base, W.deadline, W.lead_agency_id), (exceptional, deadline, lead), changed


@lru_cache(maxsize=256)
def count_statement(shape: Shape):
    """All unchanged overdue items, less the changed ones the current columns would count,
    plus the changed ones the history counts: per lead agency, with a sign."""
    (base, _, _), (exceptional, _, lead), changed = _arms(shape)
    arms = [
        select(W.lead_agency_id, literal(1).label("sign"), func.count()).where(base),
        select(W.lead_agency_id, literal(-1), func.count()).where(base, W.id.in_(changed)),
        select(lead, literal(1), func.count()).where(exceptional),
    ]
    # Grouped by position: PostgreSQL would not see a CASE with parameters as the same twice.
    return union_all(*(arm.group_by(literal_column("1")) for arm in arms))


@lru_cache(maxsize=64)
def totals_statement(shape: Shape, days: int):
    """The overdue items on each of `days` dates (parameters day_0, day_1…) in one statement,
    counted as `count_statement` counts them: rows of (date's position, sign, items)."""
    arms = []
    for n in range(days):
        day = bindparam(f"day_{n}", type_=Date)
        (base, _, _), (exceptional, _, _), changed = _arms(shape, day)
        position = literal(n, Integer).label("position")
        arms += [
            select(position, literal(1).label("sign"), func.count()).where(base),
            select(position, literal(-1), func.count()).where(base, W.id.in_(changed)),
            select(position, literal(1), func.count()).where(exceptional),
        ]
    return union_all(*arms)


def _ordered(query, deadline, sort: Sort, lead=W.lead_agency_id):
    # Urgent items first, whatever the order: they are what the office chases first.
    order = {
        Sort.AGENCY: (W.is_urgent.desc(), lead, deadline, W.id),
        Sort.MOST: (W.is_urgent.desc(), deadline, W.id),
        Sort.LEAST: (W.is_urgent.desc(), deadline.desc(), W.id.desc()),
    }[sort]
    return query.order_by(*order)


#: How the two arms of the list merge: the key of a row and whether it is descending.
ROW_ORDER = {
    Sort.AGENCY: (lambda row: (not row.is_urgent, row.lead_agency_id, row.dl, row.id), False),
    Sort.MOST: (lambda row: (not row.is_urgent, row.dl, row.id), False),
    Sort.LEAST: (lambda row: (row.is_urgent, row.dl, row.id), True),
}


@lru_cache(maxsize=256)
def rows_statements(shape: Shape, sort: Sort):
    """The unchanged overdue items and the changed ones, each in the list's order, at most
    `wanted` of each.

    The limit is a parameter too, so the cached statement runs as it is: SQLAlchemy then
    reuses its cache key instead of walking the whole statement again on every request.
    """
    (base, base_deadline, _), (exceptional, deadline, lead), changed = _arms(shape)
    # The responsible person's name by a correlated subquery rather than a join: one primary
    # key lookup per row read, and each arm's plan (its index range, in order) stays as it is.
    responsible = select(U.name).where(U.id == W.responsible_id).scalar_subquery()

    def arm(where, dl, agency):
        columns = select(
            W.id, W.code, W.title, W.kind, agency.label("lead_agency_id"), dl.label("dl"),
            W.original_deadline, W.status, W.progress, responsible.label("responsible"),
            W.is_urgent,
        ).where(where)  # fmt: skip
        return _ordered(columns, dl, sort, agency).limit(WANTED)

    unchanged = arm(and_(base, W.id.notin_(changed)), base_deadline, W.lead_agency_id)
    return unchanged, arm(exceptional, deadline, lead)


def _in_portfolio(person, lead) -> ColumnElement[bool]:
    return in_portfolio(person, lead, W.sector_id)
