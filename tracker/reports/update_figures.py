"""Per agency, over a window of days: updates written, how many came late, and the open items
without any update in the window.

Counted with the statistics' rules: each piece of work once (tracker.counting), under its lead
agency on the window's last day (tracker.history), in the table's scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, distinct, func, not_, select

from tracker.database import db
from tracker.domain.tally import percent
from tracker.history import as_of_sql as history_sql
from tracker.models import ProgressReport, WorkItem
from tracker.reports.statistics_sql import W, scope_clause
from tracker.timeliness.stamp import local_midnight

REPORTS, ITEMS = ProgressReport.__table__, WorkItem.__table__
R = REPORTS.c


@dataclass(frozen=True)
class UpdateFigures:
    updates: int = 0  #: progress updates written in the window (submissions included)
    late: int = 0  #: of which came after their cycle's reporting deadline
    never_updated: int = 0  #: items open at the window's end with no update in it

    def __add__(self, other: UpdateFigures) -> UpdateFigures:
        return UpdateFigures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def late_share(self) -> Decimal | None:
        """Late updates over all updates, in percent; None without any update."""
        return percent(self.late, self.updates)

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def by_agency(
    start: date,
    end: date,
    open_items: Mapping[int, int],
    public_only: bool = False,
    document_id: int | None = None,
    agency_id: int | None = None,
) -> dict[int, UpdateFigures]:
    """The figures of each lead agency (on `end`) over `start`..`end`, both included.

    `open_items` are the items each agency had open on `end`, as the statistics table counted
    them in the same scope (in progress, overdue, no deadline): those without an update are
    those open items less the open items updated in the window, so only the window's updates
    are read, never every item.
    """
    lead = history_sql.lead_on(end)
    scoped = scope_clause(False, public_only, document_id is not None)
    if agency_id is not None:
        scoped &= lead == agency_id
    open_then = and_(history_sql.counted_on(end), not_(history_sql.done_on(end)))
    written = (
        select(
            lead.label("key"),
            func.count(R.id),
            func.count(R.id).filter(R.late.is_(True)),
            func.count(distinct(W.id)).filter(open_then),
        )
        .select_from(REPORTS.join(ITEMS, W.id == R.item_id))
        .where(
            scoped,
            R.created_at >= local_midnight(start),
            R.created_at < local_midnight(end + timedelta(days=1)),
        )
        .group_by(lead)
    )
    updated: dict[int, tuple[int, int, int]] = {
        key: (updates, late, open_updated)
        for key, updates, late, open_updated in db.session.execute(
            written, {"document_id": document_id}
        )
    }
    found = {}
    for key in set(updated) | {key for key, count in open_items.items() if count}:
        updates, late, open_updated = updated.get(key, (0, 0, 0))
        silent = open_items.get(key, 0) - open_updated
        found[key] = UpdateFigures(updates=updates, late=late, never_updated=silent)
    return found
