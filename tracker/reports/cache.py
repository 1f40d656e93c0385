"""Reuse computed statistics while the data they come from has not changed.

A statistics table reads every item, and the office opens the same tables many times a day
between edits. The version of the data is read in one query: the counter in `data_versions`,
which every transaction that writes what figures are computed from raises as it commits (the
listeners below), and, for writes that bypass the ORM's session, the latest item change, the
latest item and extension request, the latest approval. A cached value is used only while that
version is unchanged and for at most REPORT_CACHE_SECONDS.

The counter is raised at commit, under its row's lock, so its values follow the order of
commits in every process: a figure computed after reading version v includes every change
committed before v, and any later commit makes the version greater. Each process keeps its own
copies here (tracker.reports.shared_figures keeps the dashboard for every process), all judged
by the same version.

The same commit raises two narrower counters when it writes what they watch: `history`, when
a write reaches back to a day whose figures were kept (tracker.history.backdating,
tracker.reports.past_figures), and `targets`, when it writes what a target's verdict reads
(tracker.reports.target_writes).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import cache
from typing import TypeVar

from flask import Flask, current_app, render_template
from flask_babel import get_locale
from markupsafe import Markup
from sqlalchemy import case, event, func, insert, inspect, select, update
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction

from tracker.database import db
from tracker.history import backdating
from tracker.models import DataVersion, ExtensionRequest, HistoryRaise, WorkItem
from tracker.reports import target_writes

T = TypeVar("T")
MAX_ENTRIES = 512
_EXTENSION_KEY = "tracker_report_cache"
_CHANGED = "tracker_figures_changed"
_VERSION = "tracker_data_version"  #: session.info: the version read in this transaction
#: Tables no figure is computed from: writing them (a sign-in, a notice, the audit trail, the
#: cache itself) leaves the version alone. Any other table counts, new ones included (the
#: reminder policy does: the overdue list's levels and the cards' "due soon" follow it).
UNCOUNTED = frozenset({
    "activities", "attachments", "audit_events", "cached_figures", "calendar_feeds", "comments",
    "data_versions", "digests", "evaluation_weights", "failed_sign_ins", "history_raises",
    "notices", "notifications", "password_tokens", "report_periods", "report_snapshots",
    "saved_filters", "urging_letter_items", "urging_letters", "user_sessions", "users",
})  # fmt: skip
#: Columns of uncounted tables that lists show beside the figures (the overdue list names the
#: responsible person): changing one of them counts.
SHOWN = {"users": ("name",)}


def init_app(app: Flask) -> None:
    for name, listener in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _after_statement),
        ("before_commit", _before_commit),
        ("after_soft_rollback", _after_rollback),
        ("after_transaction_end", _after_transaction),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def _counts(table) -> bool:
    return getattr(table, "name", None) not in UNCOUNTED


def _touches_figures(objects) -> bool:
    return any(_counts(getattr(obj, "__table__", None)) for obj in objects)


def _shows_changes(objects) -> bool:
    """Whether a changed object of an uncounted table changed a column a list shows."""
    for obj in objects:
        shown = SHOWN.get(getattr(getattr(obj, "__table__", None), "name", None), ())
        if shown and any(inspect(obj).attrs[column].history.has_changes() for column in shown):
            return True
    return False


def _after_flush(session: Session, _context) -> None:
    session.info.pop(_VERSION, None)
    new_or_gone = (*session.new, *session.deleted)
    if _touches_figures((*new_or_gone, *session.dirty)) or _shows_changes(session.dirty):
        session.info[_CHANGED] = True
    backdating.note_flush(session)
    target_writes.note_flush(session)


def _after_statement(state: ORMExecuteState) -> None:
    """A bulk write through the session (an INSERT, UPDATE or DELETE statement, or SQL text,
    counted as a write to be safe)."""
    if state.is_select:
        return
    state.session.info.pop(_VERSION, None)
    backdating.note_statement(state)
    if not state.execution_options.get(backdating.LEAVES_HISTORY):
        target_writes.note_statement(state)
    if _counts(getattr(state.statement, "table", None)):
        state.session.info[_CHANGED] = True


def _before_commit(session: Session) -> None:
    # The commit would flush after this event: flush now, so that what it writes is judged.
    session.flush()
    changed = session.info.pop(_CHANGED, False)
    earliest = backdating.earliest_day(session)
    backdating.forget(session)
    targets = target_writes.written(session)
    if not changed and earliest is None and not targets:
        return
    table = DataVersion.__table__
    values = {"version": table.c.version + 1}
    if targets:
        values["targets"] = table.c.targets + 1
    if earliest is None:
        session.connection().execute(update(table).values(**values))
        return
    # Only a write reaching a day whose figures were kept (tracker.reports.past_figures)
    # makes them stale, from its earliest day on; the horizon is read under the row's lock
    # this update takes, and the raise is recorded with that day in the same transaction.
    reaches_kept = table.c.horizon >= earliest
    values["history"] = table.c.history + case((reaches_kept, 1), else_=0)
    raised = update(table).values(**values).returning(table.c.history, reaches_kept)
    history, reached = session.connection().execute(raised).one()
    if reached:
        raise_ = {"history": history, "earliest": earliest}
        session.connection().execute(insert(HistoryRaise.__table__).values(raise_))


def _after_rollback(session: Session, _previous) -> None:
    session.info.pop(_CHANGED, None)
    backdating.forget(session)
    target_writes.forget(session)


def _after_transaction(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:
        session.info.pop(_VERSION, None)


class _Store:
    def __init__(self) -> None:
        self.entries: OrderedDict[Hashable, tuple[tuple, float, object]] = OrderedDict()
        self.lock = threading.Lock()


def data_version() -> tuple:
    """The counter and what changes whenever an item or an extension decision changes (one
    query, once per transaction until it writes: a page asks before each of its figures)."""
    info = db.session.info
    if _VERSION not in info:
        info[_VERSION] = tuple(db.session.execute(_version_statement()).one())
    return info[_VERSION]


# Built once per process, and on the tables rather than the ORM classes (it loads no
# objects): it runs before every cached report, where building it and the ORM's handling
# cost more than the query itself.
@cache
def _version_statement():
    w, e = WorkItem.__table__.c, ExtensionRequest.__table__.c
    return select(
        select(DataVersion.__table__.c.version).scalar_subquery(),
        select(func.max(w.updated_at)).scalar_subquery(),
        select(func.max(w.id)).scalar_subquery(),
        select(func.max(e.id)).scalar_subquery(),
        select(func.max(e.decided_on)).where(e.status == "approved").scalar_subquery(),
    )


def targets_version() -> tuple:
    """The counter of writes that may change a target's verdict (tracker.reports.target_writes)."""
    return (db.session.scalar(select(DataVersion.__table__.c.targets)),)


def cache_seconds() -> int:
    """How long a computed value may be reused at most; 0: never."""
    return current_app.config["REPORT_CACHE_SECONDS"]


def remembered(key: Hashable, version: tuple) -> tuple[bool, object]:
    """(found, value) of this process's copy for `key` at `version`."""
    store = current_app.extensions.setdefault(_EXTENSION_KEY, _Store())
    with store.lock:
        hit = store.entries.get(key)
        if hit is not None and hit[0] == version and hit[1] > time.monotonic():
            store.entries.move_to_end(key)
            return True, hit[2]
    return False, None


def remember(key: Hashable, version: tuple, value: object) -> None:
    store = current_app.extensions.setdefault(_EXTENSION_KEY, _Store())
    with store.lock:
        store.entries[key] = (version, time.monotonic() + cache_seconds(), value)
        store.entries.move_to_end(key)
        while len(store.entries) > MAX_ENTRIES:
            store.entries.popitem(last=False)


def cached(
    key: Hashable, compute: Callable[[], T], version_of: Callable[[], tuple] = data_version
) -> T:
    """compute(), or its earlier result for `key` while the data version is unchanged (or the
    narrower `version_of`: `targets_version` for what only targets' writes change)."""
    if not cache_seconds():
        return compute()
    version = version_of()
    found, value = remembered(key, version)
    if found:
        return value  # type: ignore[return-value]
    value = compute()
    remember(key, version, value)
    return value


def rendered_once(template: str, key: tuple, context: Callable[[], dict]) -> Markup:
    """A part of a page rendered once per key and language while the data version holds:
    the rows, cards and filters everyone opens all day between edits. `context()` is called,
    and its rows read, only when the part must be rendered again."""
    return cached(
        (template, str(get_locale()), *key),
        lambda: Markup(render_template(template, **context())),
    )
