"""What a sector's page shows, as of a date: each piece of work once (tracker.counting)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select

from tracker.counting import piece_of_work
from tracker.database import db
from tracker.domain.standing import Standing
from tracker.history import as_of_sql as history_sql
from tracker.items.standing_sql import standing_case
from tracker.models import Agency, Sector, WorkItem
from tracker.overdue.queries import OverdueFilters, Sort, overdue_rows
from tracker.targets.queries import TargetFilters, TargetRow, matching, series, target_rows

#: The overdue items a sector's page lists; the overdue list (linked) has the rest.
OVERDUE_SHOWN = 100
#: The items a sector's page lists of each standing, and the targets it lists; the item list
#: and the targets page (linked, filtered by the sector) have the rest. A province's sector
#: has tens; a ministry's, at a million items, a hundred thousand (a page of 36 MB). With 100
#: of each, the page and its stylesheets and scripts weighed 106 KB compressed (the budget is
#: 100 KB, bench/items.py's "first visit").
ITEMS_SHOWN = 50
TARGETS_SHOWN = 50


@dataclass(frozen=True)
class SectorItem:
    id: int
    code: str
    title: str
    kind: str
    agency_id: int
    deadline: date | None
    standing: Standing


@dataclass(frozen=True)
class Department:
    """An agency leading some of the sector's items on the page's date."""

    id: int
    code: str
    name: str
    items: int  #: the sector's open items it leads


@dataclass(frozen=True)
class OverdueItem:
    id: int
    code: str
    title: str
    agency_id: int
    deadline: date
    days: int

    @property
    def since(self) -> date:
        """The first day it was overdue: the day after its deadline in force."""
        return self.deadline + timedelta(days=1)


@dataclass(frozen=True)
class SectorPage:
    sector: Sector
    as_of: date
    counts: Counter[str]  #: standing value -> pieces of work
    items: dict[Standing, list[SectorItem]]  #: the first ITEMS_SHOWN of each standing
    targets: list[TargetRow]  #: the first TARGETS_SHOWN, in plan order
    targets_total: int
    trends: dict[int, list[tuple[date, object]]]  #: target id -> its measured values
    departments: list[Department]
    overdue: list[OverdueItem]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def find_sector(code: str) -> Sector | None:
    return db.session.scalar(select(Sector).where(Sector.code == code))


def _items(sector: Sector, as_of: date) -> tuple[dict[Standing, list[SectorItem]], Counter[str]]:
    """The sector's first pieces of work of each standing on `as_of`, nearest deadline first,
    and how many there are of each (cancelled ones left out).

    Two statements: the first ranks the sector's items and keeps the first of each standing,
    the second reads those few with their lead agency on the day. As one, PostgreSQL planned
    for the whole sector coming back (a hash over every item, and 1.2 s of JIT compilation at
    a million items) rather than a few hundred rows.
    """
    standing = standing_case(as_of)
    order = (WorkItem.deadline.is_(None), WorkItem.deadline, WorkItem.code)
    ranked = (
        select(
            WorkItem.id,
            standing.label("standing"),
            func.row_number().over(partition_by=standing, order_by=order).label("place"),
            func.count().over(partition_by=standing).label("of_standing"),
        )
        .where(WorkItem.sector_id == sector.id, WorkItem.assigned_on <= as_of, piece_of_work())
        .subquery()
    )
    first = db.session.execute(
        select(ranked.c.id, ranked.c.standing, ranked.c.of_standing).where(
            ranked.c.place <= ITEMS_SHOWN, ranked.c.standing.is_not(None)
        )
    ).all()
    standings = {item_id: Standing(found) for item_id, found, _ in first}
    counts = Counter({found: number for _, found, number in first})
    grouped: dict[Standing, list[SectorItem]] = {s: [] for s in Standing}
    rows = db.session.execute(
        select(
            WorkItem.id,
            WorkItem.code,
            WorkItem.title,
            WorkItem.kind,
            history_sql.lead_on(as_of).label("lead"),
            WorkItem.deadline,
        )  # fmt: skip
        .where(WorkItem.id.in_(standings))
        .order_by(*order)
    )
    for row in rows:
        standing_now = standings[row.id]
        grouped[standing_now].append(SectorItem(*row, standing=standing_now))
    return grouped, counts


def _targets(sector: Sector, as_of: date) -> tuple[list[TargetRow], int]:
    """The sector's first targets in plan order, judged on `as_of`, and how many it has."""
    where = matching(TargetFilters()) & (WorkItem.sector_id == sector.id)
    first = db.session.execute(
        select(WorkItem.id, func.count().over())  # counted before the limit
        .where(where)
        .order_by(WorkItem.target_year, WorkItem.code)
        .limit(TARGETS_SHOWN)
    ).all()
    total = first[0][1] if first else 0
    return target_rows(TargetFilters(), as_of, [item_id for item_id, _ in first]), total


def departments(sector_id: int, as_of: date) -> list[Department]:
    """The agencies that lead the sector's open work on `as_of`, most items first (those that
    led its finished work when nothing is open).

    Computed, never listed by hand: after a reorganisation the successor leads the open work,
    so the sector's departments are the agencies of that day.
    """
    lead = history_sql.lead_on(as_of).label("lead")
    done = history_sql.done_on(as_of).label("done")
    leads = (
        select(lead, done)
        .where(WorkItem.sector_id == sector_id, history_sql.counted_on(as_of), piece_of_work())
        .subquery()
    )
    open_items = func.sum(case((leads.c.done, 0), else_=1))
    query = (
        select(Agency.id, Agency.code, Agency.name, open_items)
        .join(leads, leads.c.lead == Agency.id)
        .group_by(Agency.id, Agency.code, Agency.name)
        .order_by(open_items.desc(), Agency.name)
    )
    rows = [Department(*row) for row in db.session.execute(query)]
    return [row for row in rows if row.items] or rows


def sector_page(sector: Sector, as_of: date) -> SectorPage:
    items, counts = _items(sector, as_of)
    targets, targets_total = _targets(sector, as_of)
    late = overdue_rows(OverdueFilters(sector=sector.code), as_of, Sort.MOST, OVERDUE_SHOWN)
    return SectorPage(
        sector=sector,
        as_of=as_of,
        counts=counts,
        items=items,
        targets=targets,
        targets_total=targets_total,
        trends=series([row.id for row in targets], as_of),
        departments=departments(sector.id, as_of),
        overdue=[
            OverdueItem(row.id, row.code, row.title, row.agency_id, row.deadline, row.days)
            for row in late
        ],
    )
