"""What the document pages list: documents with their items by standing (the reconciliation
an office sends its leader), counted in SQL."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.database import db
from tracker.domain.tally import Tally
from tracker.items.queries import counts_by_each
from tracker.models import Plan, User, WorkItem
from tracker.reports.cache import cached
from tracker.reports.shared_figures import shared
from tracker.visibility import SEES_EVERYTHING


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
    """Per document, the items the user may see by standing on `as_of` (one grouped pass,
    tracker.items.queries.counts_by_each); everyone who sees every item shares one count per
    day while the data is unchanged (tracker.reports.shared_figures)."""

    def count() -> dict[int, Counter[str]]:
        return counts_by_each(user, [WorkItem.plan_id], as_of)[0]

    if user.role in SEES_EVERYTHING:
        counts = shared("reconciliation", "all", as_of, count, _encode, _decode)
    else:
        counts = count()
    return [DocumentRow(plan, Tally.of(counts.get(plan.id, {}))) for plan in documents()]


def _encode(counts: dict[int, Counter[str]]) -> list:
    return [[plan_id, dict(by_standing)] for plan_id, by_standing in counts.items()]


def _decode(plain: list) -> dict[int, Counter[str]]:
    return {plan_id: Counter(by_standing) for plan_id, by_standing in plain}


def item_count(document_id: int) -> int:
    return db.session.scalar(select(func.count(WorkItem.id)).where(WorkItem.plan_id == document_id))
