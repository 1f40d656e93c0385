"""Items extended more than once: how many times and by how many days in all, from the dated
assignment (each approved extension is a period of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.database import db
from tracker.models import AssignmentPeriod, User, WorkItem
from tracker.visibility import visible_items_clause

P = AssignmentPeriod


@dataclass(frozen=True)
class ExtendedItem:
    id: int
    code: str
    title: str
    lead_agency_id: int
    original_deadline: date | None
    deadline: date | None
    extensions: int  #: approved extensions
    days: int  #: by how many days they moved the deadline, in all


def extended_items(user: User, at_least: int = 2) -> list[ExtendedItem]:
    """The items the user may see that were extended `at_least` times, most extended first."""
    counted = (
        select(P.item_id, func.count().label("n"))
        .where(P.kind == "extension")
        .group_by(P.item_id)
        .having(func.count() >= at_least)
        .subquery()
    )
    items = db.session.execute(
        select(WorkItem.id, WorkItem.code, WorkItem.title, WorkItem.lead_agency_id,
               WorkItem.original_deadline, WorkItem.deadline, counted.c.n)
        .join(counted, counted.c.item_id == WorkItem.id)
        .where(visible_items_clause(user))
    ).all()  # fmt: skip
    days = _days_extended([row.id for row in items])
    found = [ExtendedItem(*row, days=days.get(row.id, 0)) for row in items]
    return sorted(found, key=lambda item: (-item.extensions, -item.days, item.code))


def _days_extended(item_ids: list[int]) -> dict[int, int]:
    """Per item, the days each extension added to the deadline before it, summed."""
    rows = db.session.execute(
        select(P.item_id, P.kind, P.deadline)
        .where(P.item_id.in_(item_ids))
        .order_by(P.item_id, P.valid_from, P.id)
    )
    totals: dict[int, int] = {}
    previous: dict[int, date | None] = {}
    for item_id, kind, deadline in rows:
        before = previous.get(item_id)
        if kind == "extension" and before is not None and deadline is not None:
            totals[item_id] = totals.get(item_id, 0) + (deadline - before).days
        previous[item_id] = deadline
    return totals
