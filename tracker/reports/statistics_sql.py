"""The SQL of the statistics table: items by key and standing as of a date, in two statements.

Judging every item by the full history rule (tracker.history.as_of_sql.standing_on) costs a
correlated lookup per row and a sort of every row by key and standing. But an item that nothing
happened to after the date (not in `changed_after`) stands then as its current columns say. So:

1. `current_statement` sums the current columns of every item per key and status, walking an
   index in the key's order (no sort, two comparisons per row);
2. `correction_statement` takes the changed items (none for a table as of today) and gives, per
   key, how the current columns count them and how their history does.

The table is the first, less the changed items as counted there, plus them as they stood then.
Both statements are built once per dimension and scope, with the date and agency as parameters.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import (
    Date,
    Integer,
    bindparam,
    case,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy.sql.elements import ColumnElement

from tracker.counting import piece_of_work
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
#: is_public) that the current counts walk in order.
KEY_COLUMNS = {"agency": W.lead_agency_id, "sector": W.sector_id, "pillar": W.group_id}


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


def standing_then(original: bool = False) -> ColumnElement:
    """The standing on AS_OF by the item's history: against the deadline in force that day,
    or against the original deadline (which never moves)."""
    return history_sql.standing_on(AS_OF, W.original_deadline if original else None)


@lru_cache(maxsize=32)
def current_statement(
    dimension: str,
    agency: bool,
    public_only: bool,
    document: bool = False,
    original: bool = False,
    portfolio: bool = False,
):
    """Per key and status: items, items with a deadline, past it on AS_OF, finished after it."""
    key, deadline = KEY_COLUMNS[dimension], measured_deadline(original)
    return (
        select(
            key,
            W.status,
            func.count(),
            func.count(deadline),
            func.count(case((deadline < AS_OF, 1))),
            func.count(case((W.completed_on > deadline, 1))),
        )
        .where(scope_clause(agency, public_only, document, portfolio))
        .group_by(key, W.status)
    )


def key_on(dimension: str) -> ColumnElement:
    """A row's key on AS_OF: the lead agency then (an item reassigned after the date counts
    under the agency that led it on the date); sectors and pillars do not move."""
    if dimension == "agency":
        return history_sql.lead_on(AS_OF)
    return KEY_COLUMNS[dimension]


@lru_cache(maxsize=32)
def correction_statement(
    dimension: str,
    agency: bool,
    public_only: bool,
    document: bool = False,
    original: bool = False,
    portfolio: bool = False,
):
    """The changed items: their key and standing now, their key and standing on AS_OF, and
    (for an agency's own table, or a portfolio's) whether they are its now and were then."""
    key_now, key_then = KEY_COLUMNS[dimension], key_on(dimension)
    then, now = standing_then(original), current_standing(original)
    changed = W.id.in_(history_sql.changed_after(AS_OF))
    where = changed & scope_clause(False, public_only, document)
    if agency:
        lead_then = history_sql.lead_on(AS_OF)
        mine_now, mine_then = W.lead_agency_id == AGENCY, lead_then == AGENCY
        where &= mine_now | mine_then
    elif portfolio:
        # A portfolio follows agencies: an item reassigned since counts where it was then.
        mine_now, mine_then = in_the_portfolio(), in_the_portfolio(history_sql.lead_on(AS_OF))
        where &= mine_now | mine_then
    else:
        mine_now = mine_then = literal(True)
    # Grouped by position: PostgreSQL would not see a CASE with parameters as the same twice.
    columns = (key_now, now, key_then, then, mine_now, mine_then)
    by_position = (literal_column(str(n)) for n in range(1, len(columns) + 1))
    return select(*columns, func.count()).where(where).group_by(*by_position)


def tally_of_current(status: str, items: int, dated: int, past: int, late: int) -> Tally:
    """What one row of `current_statement` adds to its key's tally."""
    if status == Status.CANCELLED.value:
        return Tally()
    if status == Status.COMPLETED.value:
        return Tally(done_on_time=items - late, done_late=late)
    return Tally(in_progress=dated - past, overdue=past, no_deadline=items - dated)


def corrected(current: Iterable[tuple], corrections: Iterable[tuple]) -> dict[int | None, Tally]:
    """Tallies per key from the rows of the two statements."""
    tallies: dict[int | None, Tally] = {}
    for key_value, status, items, dated, past, late in current:
        tally = tally_of_current(status, items, dated, past, late)
        tallies[key_value] = tallies.get(key_value, Tally()) + tally
    for key_now, now, key_then, then, mine_now, mine_then, number in corrections:
        if mine_now:
            tallies[key_now] = tallies.get(key_now, Tally()) - Tally.of({now: number})
        if mine_then:
            tallies[key_then] = tallies.get(key_then, Tally()) + Tally.of({then: number})
    return tallies
