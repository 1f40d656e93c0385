"""The statistics table as of a date: one row per agency (or sector, or pillar) and a total.

Computed by the database in one grouped query from the items' history
(tracker.services.history_sql), so a report as of a past date counts what was true then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import func, literal_column, select, true

from tracker.domain.tally import Tally
from tracker.extensions import db
from tracker.models import Agency, Group, Plan, Sector, WorkItem
from tracker.services import history_sql
from tracker.services.paging import Page
from tracker.services.report_cache import cached


class Dimension(StrEnum):
    AGENCY = "agency"  #: by lead agency (cơ quan chủ trì)
    SECTOR = "sector"
    PILLAR = "pillar"  #: by pillar or task group of the plan


_KEY_COLUMNS = {
    Dimension.AGENCY: WorkItem.lead_agency_id,
    Dimension.SECTOR: WorkItem.sector_id,
    Dimension.PILLAR: WorkItem.group_id,
}


@dataclass(frozen=True)
class Scope:
    """Which items a table counts."""

    agency_id: int | None = None  #: only the items this agency leads
    public_only: bool = False  #: leave out the items marked not public


EVERYTHING = Scope()


@dataclass(frozen=True)
class Row:
    code: str | None  #: None for the items without a sector or group
    name: str
    tally: Tally


@dataclass(frozen=True)
class Table:
    dimension: Dimension
    as_of: date
    rows: list[Row]

    @property
    def total(self) -> Tally:
        return sum((row.tally for row in self.rows), start=Tally())

    def row(self, code: str) -> Row | None:
        return next((row for row in self.rows if row.code == code), None)

    def only(self, code: str | None) -> Table:
        """The table cut down to one row (an agency user's own agency)."""
        return Table(self.dimension, self.as_of, [row for row in self.rows if row.code == code])


def scope_clause(scope: Scope):
    clause = true()
    if scope.agency_id is not None:
        clause = clause & (WorkItem.lead_agency_id == scope.agency_id)
    if scope.public_only:
        clause = clause & WorkItem.is_public.is_(True)
    return clause


def counts(dimension: Dimension, as_of: date, scope: Scope) -> dict[int | None, Tally]:
    """Items by key and standing on `as_of`, straight from the database (no cache)."""
    # Grouped by position, so the standing is computed once per row, not again for the
    # grouping; standing first, so no index on the key tempts SQLite away from the covering
    # ix_work_items_statistics (reading every row through another index is three times slower).
    query = (
        select(_KEY_COLUMNS[dimension], history_sql.standing_on(as_of), func.count())
        .where(scope_clause(scope))
        .group_by(literal_column("2"), literal_column("1"))
    )
    found: dict[int | None, dict[str, int]] = {}
    for key_value, standing, number in db.session.execute(query):
        found.setdefault(key_value, {})[standing] = number
    return {key_value: Tally.of(by_standing) for key_value, by_standing in found.items()}


def _labels(dimension: Dimension) -> list[tuple[int, str, str]]:
    """(id, code, name) of every possible row, in the order the table lists them."""
    if dimension is Dimension.AGENCY:
        query = select(Agency.id, Agency.code, Agency.name).order_by(Agency.id)
    elif dimension is Dimension.SECTOR:
        query = select(Sector.id, Sector.code, Sector.name).order_by(Sector.position, Sector.id)
    else:
        query = (
            select(Group.id, Group.code, Group.name)
            .join(Plan, Group.plan_id == Plan.id)
            .order_by(Plan.issued_on.desc(), Group.position)
        )
    return [tuple(row) for row in db.session.execute(query)]


def build_table(dimension: Dimension, as_of: date, tallies: dict[int | None, Tally]) -> Table:
    """Rows in the usual order; rows without any item are kept (a zero is information too)."""
    rows = [Row(code, name, tallies.get(key, Tally())) for key, code, name in _labels(dimension)]
    if tallies.get(None):
        rows.append(Row(None, "—", tallies[None]))
    return Table(dimension, as_of, rows)


def table(dimension: Dimension, as_of: date, scope: Scope = EVERYTHING) -> Table:
    """The statistics table as of a date, reused while no item changed."""

    def compute() -> Table:
        return build_table(dimension, as_of, counts(dimension, as_of, scope))

    return cached(("statistics", dimension, as_of, scope), compute)


def _key_clause(dimension: Dimension, key_id: int | None):
    column = _KEY_COLUMNS[dimension]
    return column.is_(None) if key_id is None else column == key_id


def cell_items(
    dimension: Dimension,
    key_id: int | None,
    standing: str | None,
    as_of: date,
    scope: Scope,
    page: int,
    per_page: int,
) -> Page:
    """The items counted in a cell (or in a whole row when `standing` is None), by code."""
    standing_then = history_sql.standing_on(as_of)
    counted = standing_then == standing if standing else standing_then.is_not(None)
    where = scope_clause(scope) & _key_clause(dimension, key_id) & counted
    total = db.session.scalar(select(func.count()).select_from(WorkItem).where(where)) or 0
    rows = db.session.execute(
        _cell_columns(as_of, standing_then)
        .where(where)
        .order_by(WorkItem.code)
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def _cell_columns(as_of: date, standing_then):
    W = WorkItem
    return select(
        W.id, W.code, W.title, W.kind, W.lead_agency_id, W.status, W.completed_on,
        W.original_deadline, history_sql.deadline_on(as_of).label("deadline"),
        standing_then.label("standing"),
    )  # fmt: skip
