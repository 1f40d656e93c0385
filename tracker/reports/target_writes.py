"""Which writes can change the targets' verdicts, so the dashboard keeps them otherwise.

The dashboard judges every target (some 200,000 of a million items, seconds of work), but most
writes are progress reports on tasks, which no verdict reads. A verdict is judged from the
target's own columns, its measurements and revisions, and the agency it was first assigned to;
a transaction writing any of those raises `data_versions.targets` as it commits
(tracker.reports.cache), and the targets' figures are kept while it holds. Bulk statements on
those tables, and SQL text, count as writing them.
"""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.orm import ORMExecuteState, Session

from tracker.models import WorkItem

#: Tables whose every write may change a verdict.
TABLES = frozenset({"measurements", "target_revisions", "agencies"})
#: Tables a bulk statement on which may change a verdict (an item's rows, its first period).
BULK_TABLES = TABLES | {"work_items", "assignment_periods"}
_WRITTEN = "tracker_targets_written"


def note_flush(session: Session) -> None:
    if any(_changes_targets(obj) for obj in (*session.new, *session.dirty, *session.deleted)):
        session.info[_WRITTEN] = True


def note_statement(state: ORMExecuteState) -> None:
    table = getattr(state.statement, "table", None)
    if table is None or getattr(table, "name", None) in BULK_TABLES:
        state.session.info[_WRITTEN] = True


def note_written(session: Session) -> None:
    """For writers that bypass the session's statements (the seed's bulk rows)."""
    session.info[_WRITTEN] = True


def written(session: Session) -> bool:
    """Whether the transaction wrote what a verdict reads (and forget it)."""
    return session.info.pop(_WRITTEN, False)


def forget(session: Session) -> None:
    session.info.pop(_WRITTEN, None)


def _changes_targets(obj) -> bool:
    if isinstance(obj, WorkItem):
        kinds = inspect(obj).attrs["kind"].history
        return obj.kind == "target" or "target" in (*kinds.deleted, *kinds.added)
    return getattr(getattr(obj, "__table__", None), "name", None) in TABLES
