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
from tracker.targets.queries import TargetFilters, TargetRow, series, target_rows

#: The overdue items a sector's page lists; the overdue list (linked) has the rest.
OVERDUE_SHOWN = 200


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
    items: dict[Standing, list[SectorItem]]
    targets: list[TargetRow]
    trends: dict[int, list[tuple[date, object]]]  #: target id -> its measured values
    departments: list[Department]
    overdue: list[OverdueItem]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def find_sector(code: str) -> Sector | None:
    return db.session.scalar(select(Sector).where(Sector.code == code))


def _items(sector: Sector, as_of: date) -> dict[Standing, list[SectorItem]]:
    """The sector's pieces of work by their standing on `as_of` (cancelled ones left out)."""
    standing = standing_case(as_of).label("standing")
    lead = history_sql.lead_on(as_of).label("lead")
    query = (
        select(
            WorkItem.id,
            WorkItem.code,
            WorkItem.title,
            WorkItem.kind,
            lead,
            WorkItem.deadline,
            standing,
        )  # fmt: skip
        .where(WorkItem.sector_id == sector.id, WorkItem.assigned_on <= as_of, piece_of_work())
        .order_by(WorkItem.deadline.is_(None), WorkItem.deadline, WorkItem.code)
    )
    grouped: dict[Standing, list[SectorItem]] = {s: [] for s in Standing}
    for row in db.session.execute(query):
        if row.standing is not None:
            grouped[Standing(row.standing)].append(
                SectorItem(
                    row.id,
                    row.code,
                    row.title,
                    row.kind,
                    row.lead,
                    row.deadline,
                    Standing(row.standing),
                )  # fmt: skip
            )
    return grouped


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
    items = _items(sector, as_of)
    targets = target_rows(TargetFilters(sector=sector.code), as_of)
    late = overdue_rows(OverdueFilters(sector=sector.code), as_of, Sort.MOST, OVERDUE_SHOWN)
    return SectorPage(
        sector=sector,
        as_of=as_of,
        counts=Counter({s.value: len(rows) for s, rows in items.items() if rows}),
        items=items,
        targets=targets,
        trends=series([row.id for row in targets], as_of),
        departments=departments(sector.id, as_of),
        overdue=[
            OverdueItem(row.id, row.code, row.title, row.agency_id, row.deadline, row.days)
            for row in late
        ],
    )
