"""The statistics table as of a date: one row per agency (or sector, or pillar) and a total.

Counted by the database from the items' history (tracker.reports.statistics_sql), so a report
as of a past date counts what was true then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from functools import partial
from itertools import chain

from flask import current_app
from sqlalchemy import func, select

from tracker.clock import local_today
from tracker.database import db, planned_without_jit
from tracker.domain.periods import PeriodKind, window, window_containing
from tracker.domain.tally import Tally
from tracker.history import as_of_sql as history_sql
from tracker.models import User, WorkItem
from tracker.paging import Page
from tracker.permissions import report_agency
from tracker.reports import past_tables, statistics_sql, update_figures
from tracker.reports.cache import cached
from tracker.reports.row_labels import row_labels
from tracker.reports.update_figures import UpdateFigures
from tracker.snapshot_reads import read_together


class Dimension(StrEnum):
    AGENCY = "agency"  #: by lead agency (cơ quan chủ trì)
    SECTOR = "sector"
    PILLAR = "pillar"  #: by pillar or task group of the plan


class Basis(StrEnum):
    """Which deadline a table measures against; reports say which, and offer both."""

    ADJUSTED = "adjusted"  #: theo hạn đã điều chỉnh: the deadline in force (the default)
    ORIGINAL = "original"  #: theo hạn ban đầu: the deadline first assigned


#: The path naming each breakdown in URLs (/reports/agencies, /api/v1/reports/sectors…).
BY_PATH = {"agencies": Dimension.AGENCY, "sectors": Dimension.SECTOR, "pillars": Dimension.PILLAR}


@dataclass(frozen=True)
class Scope:
    """Which items a table counts."""

    agency_id: int | None = None  #: only the items this agency leads
    public_only: bool = False  #: leave out the items marked not public
    document_id: int | None = None  #: only the items of this assigning document
    #: Measured against the deadline in force (adjusted) or the original one.
    basis: Basis = Basis.ADJUSTED
    #: Only the items in this person's portfolio (tracker.portfolios); with `portfolio_key`,
    #: what that portfolio holds, so that a cached table follows a new assignment.
    portfolio_id: int | None = None
    portfolio_key: tuple = ()


EVERYTHING = Scope()
Pass = statistics_sql.CurrentPass
#: Parts of a past date's correction read side by side with the pass over every item.
CORRECTION_PARTS = 2


@dataclass(frozen=True)
class Row:
    code: str | None  #: None for the items without a sector or group
    name: str
    tally: Tally
    #: By agency: updates over the table's update window; None when not counted (by sector
    #: or pillar, or a period frozen before updates were counted).
    updates: UpdateFigures | None = None


@dataclass(frozen=True)
class Table:
    dimension: Dimension
    as_of: date
    rows: list[Row]
    #: The first day of the window the rows' updates cover (to `as_of`); None without them.
    updates_from: date | None = None

    @property
    def total(self) -> Tally:
        return sum((row.tally for row in self.rows), start=Tally())

    @property
    def updates_total(self) -> UpdateFigures | None:
        if self.updates_from is None:
            return None
        return sum((row.updates or UpdateFigures() for row in self.rows), start=UpdateFigures())

    def row(self, code: str) -> Row | None:
        return next((row for row in self.rows if row.code == code), None)

    def only(self, code: str | None) -> Table:
        """The table cut down to one row (an agency user's own agency)."""
        rows = [row for row in self.rows if row.code == code]
        return Table(self.dimension, self.as_of, rows, self.updates_from)


def current_pass(as_of: date, scope: Scope, shared: bool = False) -> Pass:
    """The pass over the items' current columns; `shared`: one for tables of every dimension."""
    values = {"as_of": as_of, "agency_id": scope.agency_id, "document_id": scope.document_id,
              "portfolio_id": scope.portfolio_id}  # fmt: skip
    return statistics_sql.CurrentPass(_scope_shape(scope), values, shared)


def counts(
    dimension: Dimension, as_of: date, scope: Scope, current: Pass | None = None,
    together: bool = False,
) -> dict[int | None, Tally]:  # fmt: skip
    """Items by key and standing on `as_of`, straight from the database (no cache). With
    `together`, outside a write: a past date's statements side by side on one snapshot
    (tracker.snapshot_reads), where the database can."""
    current = current or current_pass(as_of, scope)
    statement = statistics_sql.correction_statement(dimension.value, *current.shape)
    if together and not current.shared and as_of < local_today():
        in_turn = [current.read(dimension.value), (statement, current.values)]
        rows, *corrections = read_together(_side_by_side(dimension, current), in_turn)
        return statistics_sql.corrected(rows, chain.from_iterable(corrections))
    corrections = db.session.execute(statement, current.values)
    return statistics_sql.corrected(current.rows(dimension.value), corrections)


def _side_by_side(dimension: Dimension, current: Pass) -> list[tuple]:
    """The pass over every item, and the correction in parts, to read side by side: 200 days
    back at a million items, looking up each changed item is three quarters of the time, all
    of it in one process when read as one statement (docs/reports.md)."""
    part = statistics_sql.correction_statement(dimension.value, *current.shape, in_parts=True)
    parts = [
        (part, {**current.values, "part": number, "parts": CORRECTION_PARTS})
        for number in range(CORRECTION_PARTS)
    ]
    return [current.read(dimension.value), *parts]


def _scope_shape(scope: Scope) -> tuple[bool, bool, bool, bool, bool]:
    """Which parts of the scope apply (its agency, document and portfolio are parameters)."""
    original = scope.basis is Basis.ORIGINAL
    return (
        scope.agency_id is not None, scope.public_only, scope.document_id is not None, original,
        scope.portfolio_id is not None,
    )  # fmt: skip


def build_table(
    dimension: Dimension,
    as_of: date,
    tallies: dict[int | None, Tally],
    updates: dict[int, UpdateFigures] | None = None,
    updates_from: date | None = None,
) -> Table:
    """Rows in the usual order; rows without any item are kept (a zero is information too), but
    by agency only for the agencies existing on `as_of` (one that had ended, or did not exist
    yet, has a row only where it held items then)."""

    def figures(key):
        return None if updates is None else updates.get(key, UpdateFigures())

    rows = [
        Row(code, name, tallies.get(key, Tally()), figures(key))
        for key, code, name, exists in row_labels(dimension, as_of)
        if exists or tallies.get(key, Tally()).total
    ]
    if tallies.get(None):
        rows.append(Row(None, "—", tallies[None]))
    return Table(dimension, as_of, rows, updates_from if updates is not None else None)


def update_window_start(as_of: date) -> date:
    """Updates are counted over the reporting month that `as_of` falls in, up to `as_of`."""
    cutoff_day = current_app.config["REPORT_CUTOFF_DAY"]
    return window(window_containing(PeriodKind.MONTH, as_of, cutoff_day), cutoff_day)[0]


def computed(
    dimension: Dimension, as_of: date, scope: Scope, updates_from: date | None,
    current: Pass | None = None, kept: bool = False,
) -> Table:  # fmt: skip
    """The table straight from the database, or with `kept` a past day's counts as kept
    (tracker.reports.past_tables: not inside a write, which their own writes would wait for);
    by agency with the updates since `updates_from`."""
    count = partial(counts, dimension, as_of, scope, current, together=kept)
    tallies = past_tables.kept_counts(dimension.value, as_of, scope, count) if kept else count()
    # A portfolio's table (the dashboard) counts items only: no update columns.
    if dimension is not Dimension.AGENCY or updates_from is None or scope.portfolio_id:
        return build_table(dimension, as_of, tallies)
    open_items = {key: tally.total - tally.done for key, tally in tallies.items() if key}
    updates = update_figures.by_agency(
        updates_from, as_of, open_items, scope.public_only, scope.document_id, scope.agency_id
    )
    return build_table(dimension, as_of, tallies, updates, updates_from)


def table(
    dimension: Dimension, as_of: date, scope: Scope = EVERYTHING, updates_from: date | None = None,
    current: Pass | None = None,
) -> Table:  # fmt: skip
    """The statistics table as of a date, reused while no item changed; by agency with the
    updates since `updates_from` (by default the start of the reporting month). `current`: a
    pass (`current_pass`) that tables of other dimensions computed with this one share."""
    start = updates_from or update_window_start(as_of)
    return cached(
        ("statistics", dimension, as_of, scope, start),
        lambda: computed(dimension, as_of, scope, start, current, kept=True),
    )  # fmt: skip


def _key_clause(dimension: Dimension, key_id: int | None, as_of: date):
    """The items under this row's key on `as_of` (their lead agency then)."""
    column = history_sql.lead_on(as_of) if dimension is Dimension.AGENCY else None
    column = statistics_sql.KEY_COLUMNS[dimension] if column is None else column
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
    has_agency, public_only, has_document, original, portfolio = _scope_shape(scope)
    deadline_then = WorkItem.original_deadline if original else history_sql.deadline_on(as_of)
    standing_then = history_sql.standing_on(as_of, deadline_then)
    counted = standing_then == standing if standing else standing_then.is_not(None)
    scoped = statistics_sql.scope_clause(False, public_only, has_document)
    if has_agency:
        scoped &= history_sql.lead_on(as_of) == statistics_sql.AGENCY
    if portfolio:
        scoped &= statistics_sql.in_the_portfolio(history_sql.lead_on(as_of))
    where = scoped & _key_clause(dimension, key_id, as_of) & counted
    values = {
        "agency_id": scope.agency_id,
        "document_id": scope.document_id,
        "portfolio_id": scope.portfolio_id,
    }
    count = select(func.count()).select_from(WorkItem).where(where)
    with planned_without_jit():
        total = db.session.scalar(count, values) or 0
        rows = db.session.execute(
            _cell_columns(as_of, standing_then, deadline_then)
            .where(where)
            .order_by(WorkItem.code)
            .limit(per_page)
            .offset((page - 1) * per_page),
            values,
        ).all()
    return Page(rows=rows, total=total, page=page, per_page=per_page)


def _cell_columns(as_of: date, standing_then, deadline_then):
    W = WorkItem
    return select(
        W.id, W.code, W.title, W.kind, history_sql.lead_on(as_of).label("lead_agency_id"),
        W.status, W.completed_on, W.target_outcome,
        W.original_deadline, deadline_then.label("deadline"),
        standing_then.label("standing"),
    )  # fmt: skip


def visible_table(
    user: User,
    dimension: Dimension,
    as_of: date,
    document_id: int | None = None,
    basis: Basis = Basis.ADJUSTED,
) -> Table:
    """The table as the user may see it: agency users, their own agency's items only."""
    agency_id = report_agency(user)
    everything = Scope(document_id=document_id, basis=basis)
    if agency_id is None:
        return table(dimension, as_of, everything)
    if dimension is Dimension.AGENCY:
        return table(dimension, as_of, everything).only(user.agency.code)
    return table(dimension, as_of, replace(everything, agency_id=agency_id))
