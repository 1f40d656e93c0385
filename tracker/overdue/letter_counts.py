"""The escalation's record of urging letters, for the overdue list and its export: how many
letters each agency and each item were sent, and the latest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from tracker.database import db
from tracker.models import UrgingLetter, UrgingLetterItem


@dataclass(frozen=True)
class LetterCount:
    count: int
    last_number: str
    last_issued_on: date


def letters_by_agency() -> dict[int, LetterCount]:
    """Per agency: how many letters it was sent and the latest one (the escalation's record)."""
    latest = (
        select(UrgingLetter.agency_id, func.max(UrgingLetter.id).label("last_id"),
               func.count().label("count"))
        .group_by(UrgingLetter.agency_id)
        .subquery()
    )  # fmt: skip
    rows = db.session.execute(
        select(
            latest.c.agency_id, latest.c.count, UrgingLetter.number, UrgingLetter.issued_on
        ).join(UrgingLetter, UrgingLetter.id == latest.c.last_id)
    )
    return {agency: LetterCount(count, number, day) for agency, count, number, day in rows}


def letters_on_items(item_ids: Iterable[int]) -> dict[int, int]:
    """How many urging letters listed each item."""
    ids = list(item_ids)
    found: dict[int, int] = {}
    for start in range(0, len(ids), 500):
        query = (
            select(UrgingLetterItem.item_id, func.count())
            .where(UrgingLetterItem.item_id.in_(ids[start : start + 500]))
            .group_by(UrgingLetterItem.item_id)
        )
        found.update(dict(db.session.execute(query).all()))
    return found
