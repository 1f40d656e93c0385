"""Which writes of a transaction can change what was true on a day already past.

Figures of past days (the dashboard's month ends) are kept until a write could change them
(tracker.reports.past_figures). Most writes record the present: an item completed or cancelled
today, a deadline extended from today, a new item assigned today, a progress report. Some reach
back: a completion dated earlier without a confirmation, an item reopened, a new sub-item (its
parent stops counting on every day), a reorganisation taking effect on an earlier date, an
import of items assigned last year.

A transaction's writes are noted as it flushes; at commit `earliest_day` gives the first day
whose figures they may change (None: no day). Anything not understood here counts as changing
every day: an unknown write costs a recomputation, never a wrong figure.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, select
from sqlalchemy.orm import ORMExecuteState, Session

from tracker.domain.backdating import AsOfState, first_day_changed
from tracker.models import AssignmentPeriod, WorkItem

#: An execution option a writer sets on a bulk statement that leaves every past day as it was.
LEAVES_HISTORY = "leaves_history"
#: The tables the as-of rules read.
READ_TABLES = frozenset({"work_items", "assignment_periods"})
#: An item's columns the as-of rules read to tell whether it counted and was done.
STATE = ("status", "assigned_on", "completed_on", "confirmed_on", "cancelled_on")
#: Columns a change of assignment moves; the period opened with it keeps the earlier values.
MOVES = ("deadline", "lead_agency_id")
#: An item's columns no as-of figure reads. Any column not named here or above (a new one
#: included) counts as changing every day.
UNREAD = frozenset({
    "title", "plan_text", "description", "search_text", "code", "responsible_id",
    "default_assignment", "is_key", "is_urgent", "is_public", "report_every_months",
    "recur_day", "recur_month", "recur_rule", "recur_until", "progress", "confirmed_by_id",
    "result", "last_activity_on", "acknowledged_on", "acknowledged_by_id", "paused_on",
    "target_value", "target_value_max", "target_unit", "target_level", "target_year",
    "target_comparison", "target_outcome", "version", "created_at", "updated_at",
})  # fmt: skip
#: A period's columns no as-of figure reads (closing a period sets its end).
PERIOD_UNREAD = frozenset({"valid_until", "reason", "approval_document", "approved_by_id"})

_EARLIEST = "tracker_history_earliest"  #: session.info: the first day a write reached so far
_MOVED = "tracker_history_moved"  #: item id: (deadline, lead) before the transaction moved them
_PERIODS = "tracker_history_periods"  #: item id: [(id, valid_from)] of the periods it opened
EVERY_DAY = date.min


def note_flush(session: Session) -> None:
    """Note what this flush writes (called after it, while the objects keep their history)."""
    for obj in session.new:
        if isinstance(obj, WorkItem):
            _note(session, _new_item(session, obj))
        elif isinstance(obj, AssignmentPeriod):
            periods = session.info.setdefault(_PERIODS, {})
            periods.setdefault(obj.item_id, []).append((obj.id, obj.valid_from))
        elif _table(obj) in READ_TABLES:
            _note(session, EVERY_DAY)
    for obj in session.dirty:
        if isinstance(obj, WorkItem):
            _note(session, _changed_item(session, obj))
        elif isinstance(obj, AssignmentPeriod):
            if _changed_columns(obj) - PERIOD_UNREAD:
                _note(session, EVERY_DAY)
        elif _table(obj) in READ_TABLES:
            _note(session, EVERY_DAY)
    if any(_table(obj) in READ_TABLES for obj in session.deleted):
        _note(session, EVERY_DAY)


def note_statement(state: ORMExecuteState) -> None:
    """A bulk write through the session: every day, unless its writer says otherwise (SQL
    text, whose tables are unknown, counts too)."""
    if state.is_select or state.execution_options.get(LEAVES_HISTORY):
        return
    table = getattr(state.statement, "table", None)
    if table is None or getattr(table, "name", None) in READ_TABLES:
        _note(state.session, EVERY_DAY)


def note_every_day(session: Session) -> None:
    """For writers that bypass the session's statements (the seed's bulk rows)."""
    _note(session, EVERY_DAY)


def earliest_day(session: Session) -> date | None:
    """The first day whose figures the transaction's writes may change (None: no day).

    An item's deadline or lead agency may change only with a period opened that day (the
    period in force on earlier days then answers for them); the earlier values must be the
    ones the item's previous period holds, or earlier days would read different ones.
    """
    earliest = session.info.get(_EARLIEST)
    moved = session.info.get(_MOVED, {})
    periods = session.info.get(_PERIODS, {})
    if moved.keys() - periods.keys():
        earliest = EVERY_DAY
    for item_id, added in periods.items():
        begun = min(valid_from for _, valid_from in added)
        ids = {period_id for period_id, _ in added}
        if not _follows(session, item_id, ids, moved.get(item_id)):
            begun = EVERY_DAY
        earliest = begun if earliest is None else min(earliest, begun)
    return earliest


def forget(session: Session) -> None:
    for key in (_EARLIEST, _MOVED, _PERIODS):
        session.info.pop(key, None)


def _note(session: Session, day: date | None) -> None:
    if day is None:
        return
    earliest = session.info.get(_EARLIEST)
    session.info[_EARLIEST] = day if earliest is None else min(earliest, day)


def _table(obj) -> str | None:
    return getattr(getattr(obj, "__table__", None), "name", None)


def _new_item(session: Session, item: WorkItem) -> date | None:
    if item.parent_id is not None:
        # A first sub-item makes its parent stop counting, on every day; a recurring duty's
        # new occurrence leaves its parent as it was (a duty never counts).
        parent = session.get(WorkItem, item.parent_id)
        if parent is None or parent.recurrence is None:
            return EVERY_DAY
    return first_day_changed(None, AsOfState(**{key: getattr(item, key) for key in STATE}))


def _changed_item(session: Session, item: WorkItem) -> date | None:
    changed = _changed_columns(item)
    if changed - UNREAD - set(STATE) - set(MOVES):
        return EVERY_DAY
    if changed & set(MOVES):
        earlier = _earlier_values(item, MOVES)
        if earlier is None:
            return EVERY_DAY
        session.info.setdefault(_MOVED, {}).setdefault(item.id, earlier)
    if not changed & set(STATE):
        return None
    before = _earlier_values(item, STATE)
    if before is None:
        return EVERY_DAY
    after = AsOfState(**{key: getattr(item, key) for key in STATE})
    return first_day_changed(AsOfState(*before), after)


def _changed_columns(obj) -> set[str]:
    attributes = inspect(obj).attrs
    return {
        column.key
        for column in inspect(type(obj)).column_attrs
        if attributes[column.key].history.has_changes()
    }


def _earlier_values(obj, keys) -> tuple | None:
    """The values of `keys` before the flush; None when one was changed unread (unknown)."""
    attributes, values = inspect(obj).attrs, []
    for key in keys:
        history = attributes[key].history
        if history.deleted:
            values.append(history.deleted[0])
        elif history.added:
            return None
        else:
            values.append(getattr(obj, key))
    return tuple(values)


def _follows(session: Session, item_id: int, added: set[int], moved: tuple | None) -> bool:
    """Whether the item's latest period before this transaction holds the deadline and lead
    agency the item had before it."""
    p = AssignmentPeriod.__table__.c
    previous = (
        session.connection()
        .execute(
            select(p.deadline, p.lead_agency_id)
            .where(p.item_id == item_id, p.id.notin_(added))
            .order_by(p.valid_from.desc(), p.id.desc())
            .limit(1)
        )
        .first()
    )
    if previous is None:
        return False
    if moved is None:
        w = WorkItem.__table__.c
        moved = (
            session.connection()
            .execute(select(w.deadline, w.lead_agency_id).where(w.id == item_id))
            .first()
        )
    return moved is not None and tuple(previous) == tuple(moved)
