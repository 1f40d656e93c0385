"""What an urging letter lists, and the letters already issued."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.database import db
from tracker.domain.reminders import ReminderPolicy
from tracker.models import Plan, UrgingLetter, UrgingLetterItem, WorkItem
from tracker.names import Label
from tracker.overdue import queries as overdue
from tracker.overdue.queries import OverdueFilters, Sort


@dataclass(frozen=True)
class LetterLine:
    """One overdue item as a letter lists it."""

    item_id: int
    code: str
    title: str
    document: str  #: the assigning document's number and symbol
    original_deadline: date | None
    deadline: date | None  #: in force on the letter's date
    days: int


def count_overdue(filters: OverdueFilters, as_of: date, policy: ReminderPolicy) -> int:
    return overdue.overdue_total(as_of, filters, policy)


def overdue_lines(
    agency: Label,
    as_of: date,
    filters: OverdueFilters,
    policy: ReminderPolicy,
    limit: int | None = None,
) -> list[LetterLine]:
    """The agency's items overdue on `as_of` (with the list's filters), most overdue first:
    all of them, or the first `limit`."""
    filters = replace(filters, agency=agency.code)
    if limit is None:
        limit = overdue.overdue_total(as_of, filters, policy)
    if not limit:
        return []
    rows = overdue.overdue_rows(filters, as_of, Sort.MOST, limit=limit, policy=policy)
    documents = _documents([row.id for row in rows])
    return [
        LetterLine(
            row.id,
            row.code,
            row.title,
            documents.get(row.id, ""),
            row.original_deadline,
            row.deadline,
            row.days,
        )  # fmt: skip
        for row in rows
    ]


def _documents(item_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(item_ids), 500):  # a bounded IN list on every engine
        chunk = item_ids[start : start + 500]
        query = select(WorkItem.id, Plan.number).join(Plan).where(WorkItem.id.in_(chunk))
        found.update(dict(db.session.execute(query).all()))
    return found


def issued_lines(letter: UrgingLetter) -> list[LetterLine]:
    """What an issued letter listed, as it listed it."""
    documents = _documents([entry.item_id for entry in letter.items])
    return [
        LetterLine(
            entry.item_id,
            entry.item.code,
            entry.item.title,
            documents.get(entry.item_id, ""),
            entry.original_deadline,
            entry.deadline,
            entry.days_overdue,
        )  # fmt: skip
        for entry in letter.items
    ]


def get_letter(letter_id: int) -> UrgingLetter | None:
    return db.session.get(
        UrgingLetter,
        letter_id,
        options=[selectinload(UrgingLetter.items).selectinload(UrgingLetterItem.item)],
    )


def recent_letters(limit: int = 200) -> list[UrgingLetter]:
    query = (
        select(UrgingLetter)
        .options(selectinload(UrgingLetter.agency), selectinload(UrgingLetter.items))
        .order_by(UrgingLetter.issued_on.desc(), UrgingLetter.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))
