"""What the document pages list: documents with their items by standing (the reconciliation
an office sends its leader), counted in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.counting import piece_of_work
from tracker.database import db
from tracker.domain.tally import Tally
from tracker.items.standing_sql import standing_case
from tracker.models import Plan, User, WorkItem
from tracker.reports.cache import cached
from tracker.visibility import visible_items_clause


@dataclass(frozen=True)
class DocumentRow:
    document: Plan
    tally: Tally  #: its pieces of work (leaves) by standing on the date


def documents() -> list[Plan]:
    """Every document, the latest issued first (documents still without a date last)."""
    return list(
        db.session.scalars(select(Plan).order_by(Plan.issued_on.desc().nulls_last(), Plan.id))
    )


def document_choices() -> list[tuple[str, str]]:
    """(number, "number — title") of every document, for the filters: read while the data
    version holds (tracker.reports.cache), since every filter form offers them."""
    return list(cached(("document_choices",), _document_choices))


def _document_choices() -> tuple[tuple[str, str], ...]:
    return tuple((plan.number, f"{plan.number} — {plan.title}"[:120]) for plan in documents())


def reconciliation(user: User, as_of: date) -> list[DocumentRow]:
    """Per document, the items the user may see by standing on `as_of`."""
    standing = standing_case(as_of).label("standing")
    rows = db.session.execute(
        select(WorkItem.plan_id, standing, func.count())
        .where(visible_items_clause(user), piece_of_work())
        .group_by(WorkItem.plan_id, standing)
    )
    counts: dict[int, dict[str, int]] = {}
    for plan_id, standing_value, number in rows:
        if standing_value is not None:
            counts.setdefault(plan_id, {})[standing_value] = number
    return [DocumentRow(plan, Tally.of(counts.get(plan.id, {}))) for plan in documents()]


def item_count(document_id: int) -> int:
    return db.session.scalar(select(func.count(WorkItem.id)).where(WorkItem.plan_id == document_id))
