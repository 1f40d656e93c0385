"""The SQL of the statistics table: items by key and standing as of a date, in two statements.

Judging every item by the full history rule (tracker.history.as_of_sql.standing_on) costs a
correlated lookup per row and a sort of every row by key and standing. But an item that nothing
happened to after the date (not in `changed_after`) stands then as its current columns say. So:

1. `current_statement` sums the current columns of every item per key and status, walking an
   index in the key's order (no sort, two comparisons per row), or per every dimension's key
   in one pass that tables computed together share;
2. `correction_statement` takes the changed items (none for a table as of today) in one pass,
   reading the period in force on the date by a join (tracker.history.as_of_sql.period_in_force),
   and gives, per key, how the current columns count them and how their history does.

The table is the first, less the changed items as counted there, plus them as they stood then.
Both statements are built once per dimension and scope, with the date and agency as parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from sqlalchemy import (
    Date,
    Integer,
    bindparam,
    case,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from tracker.counting import piece_of_work
from tracker.database import db
from tracker.domain.standing import group_standings
from tracker.domain.tally import Tally
from tracker.domain.workflow import Status
from tracker.history import as_of_sql as history_sql
from tracker.models import WorkItem
from tracker.portfolios.actions import in_portfolio

W = WorkItem.__table__.c
AS_OF = bindparam("as_of", type_=Date)
AGENCY = bindparam("agency_id", type_=Integer)
DOCUMENT = bindparam("document_id", type_=Integer)
PORTFOLIO = bindparam("portfolio_id", type_=Integer)  #: whose portfolio bounds the table

#: The key of each dimension's rows; each leads an index (key, status, deadline, completed_on,
#: is_public) that the current counts of one dimension walk in order.
KEY_COLUMNS = {"agency": W.lead_agency_id, "sector": W.sector_id, "pillar": W.group_id}
DIMENSIONS = tuple(KEY_COLUMNS)  #: in the order the current pass groups by their keys


def leaves() -> ColumnElement[bool]:
    """Each piece of work once (tracker.counting): an item broken into sub-items through them,
    a recurring duty through its occurrences."""
    return piece_of_work(W)


def in_the_portfolio(lead=W.lead_agency_id) -> ColumnElement[bool]:
    """The item, led by `lead`, is in the portfolio of PORTFOLIO's person."""
    return in_portfolio(PORTFOLIO, lead, W.sector_id)


def scope_clause(
    agency: bool, public_only: bool, document: bool = False, portfolio: bool = False
) -> ColumnElement[bool]:
    clause = leaves()
    if agency:
        clause &= W.lead_agency_id == AGENCY
    if portfolio:
        clause &= in_the_portfolio()
    if public_only:
        clause &= W.is_public.is_(True)
    if document:
        clause &= W.plan_id == DOCUMENT
    return clause


def measured_deadline(original: bool) -> ColumnElement:
    """The deadline a table measures against now: the one in force, or the original."""
    return W.original_deadline if original else W.deadline


def current_standing(original: bool = False) -> ColumnElement:
    """The standing on AS_OF the current columns say, as `current_statement` counts it.

    A completed item is done (late when it finished after its deadline), whatever its completion
    date: an item completed after the date is a changed item and corrected.
    """
    deadline = measured_deadline(original)
    return case(
        (W.status == Status.CANCELLED.value, literal(None)),
        (W.status == Status.COMPLETED.value, history_sql.finished_standing(deadline)),
        else_=history_sql.unfinished_standing(deadline, AS_OF),
    )


@lru_cache(maxsize=64)
def current_statement(
    keys: tuple[str, ...],
    agency: bool,
    public_only: bool,
    document: bool = False,
    original: bool = False,
    portfolio: bool = False,
):
    """Per key (of each of `keys`' dimensions) and status: items, items with a deadline, past
    it on AS_OF, finished after it. By one dimension's key the database walks an index in that
    order (no sort); by every dimension's keys it groups one pass that all their tables fold
    (`CurrentPass`), which costs about what one grouped by a single key does."""
    keys, deadline = [KEY_COLUMNS[name] for name in keys], measured_deadline(original)
    return (
        select(
            *keys,
            W.status,
            func.count(),
            func.count(deadline),
            func.count(case((deadline < AS_OF, 1))),
            func.count(case((W.completed_on > deadline, 1))),
        )
        .where(scope_clause(agency, public_only, document, portfolio))
        .group_by(*keys, W.status)
    )


class CurrentPass:
    """The rows of `current_statement` for one date and scope: by one dimension's key, or
    (`shared`) by every dimension's, read once for the tables computed together (the
    dashboard's three)."""

    def __init__(self, shape: tuple, values: dict, shared: bool = False) -> None:
        self.shape, self.values, self.shared = shape, values, shared
        self._rows: list | None = None

    def read(self, dimension: str) -> tuple:
        """The statement of `rows` by one dimension's key, and its parameters."""
        return current_statement((dimension,), *self.shape), self.values

    def rows(self, dimension: str) -> Iterator[tuple]:
        """(key, status, items, dated, past, late) rows under `dimension`'s key (a key's
        status may come in several rows: `corrected` sums them)."""
        if not self.shared:
            return iter(db.session.execute(*self.read(dimension)))
        if self._rows is None:
            statement = current_statement(DIMENSIONS, *self.shape)
            self._rows = db.session.execute(statement, self.values).all()
        at = DIMENSIONS.index(dimension)
        return ((row[at], *row[len(DIMENSIONS) :]) for row in self._rows)


@lru_cache(maxsize=32)
def correction_statement(
    dimension: str,
    agency: bool,
    public_only: bool,
    document: bool = False,
    original: bool = False,
    portfolio: bool = False,
    in_parts: bool = False,
):
    """The changed items, as (key, standing, number) rows: each counted negatively under its key
    and standing now (for an agency's or a portfolio's table, if it is theirs now), positively
    under its key and standing on AS_OF (if it was theirs then). With `in_parts`, those of one
    part (as_of_sql.changes_after), for parts read side by side.

    One pass over the changed items, each joined to its row and, when its assignment changed
    since, to the period in force on AS_OF (not a lookup per item and per expression); then
    two small groupings of that pass, by key and standing now and then.
    """
    changed = history_sql.changes_after(AS_OF, in_parts).cte("changed")
    period, in_force = history_sql.period_in_force(changed.c.id, changed.c.moved, AS_OF)
    # An item reassigned after the date counts under the agency that led it on the date;
    # sectors and pillars do not move.
    lead_then = history_sql.lead_in(period)
    key_now = KEY_COLUMNS[dimension]
    key_then = lead_then if dimension == "agency" else key_now
    deadline_then = (
        W.original_deadline if original else history_sql.deadline_in(period, changed.c.moved)
    )
    columns = [
        key_now.label("key_now"),
        current_standing(original).label("now"),
        key_then.label("key_then"),
        history_sql.standing_on(AS_OF, deadline_then).label("then"),
    ]
    where = scope_clause(False, public_only, document)
    if agency or portfolio:
        if agency:
            mine_now, mine_then = W.lead_agency_id == AGENCY, lead_then == AGENCY
        else:  # a portfolio follows agencies: an item reassigned since counts where it was then
            mine_now, mine_then = in_the_portfolio(), in_the_portfolio(lead_then)
        columns += [mine_now.label("mine_now"), mine_then.label("mine_then")]
        where &= mine_now | mine_then
    joined = changed.join(WorkItem.__table__, W.id == changed.c.id)
    if dimension == "agency" or agency or portfolio or not original:  # else no period is read
        joined = joined.outerjoin(period, in_force)
    rows = select(*columns).select_from(joined).where(where).cte("changed_rows")
    r = rows.c
    minus = select(r.key_now, r.now, -func.count()).group_by(r.key_now, r.now)
    plus = select(r.key_then, r.then, func.count()).group_by(r.key_then, r.then)
    if agency or portfolio:
        minus, plus = minus.where(r.mine_now), plus.where(r.mine_then)
    return union_all(minus, plus)


def _add(counts: dict, key, standing: str | None, number: int) -> None:
    row = counts.setdefault(key, {})
    row[standing] = row.get(standing, 0) + number


def _add_current(counts: dict, key, status: str, items: int, dated: int, past: int, late: int):
    """What one row of `current_statement` adds to its key's counts by standing."""
    if status == Status.CANCELLED.value:
        _add(counts, key, None, 0)
        return
    done = status == Status.COMPLETED.value
    for standing, number in group_standings(done, items, dated, past, late):
        _add(counts, key, standing.value, number)


def corrected(current: Iterable[tuple], corrections: Iterable[tuple]) -> dict[int | None, Tally]:
    """Tallies per key from the rows of the two statements (summed as plain numbers, made
    Tallies once per key: a table as of a past date has thousands of correction rows)."""
    counts: dict[int | None, dict[str | None, int]] = {}
    for key_value, *figures in current:
        _add_current(counts, key_value, *figures)
    for key_value, standing, number in corrections:
        _add(counts, key_value, standing, number)
    return {key: Tally.of(row) for key, row in counts.items()}
