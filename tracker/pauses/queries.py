"""How many items were paused on a date, for the note under the statistics."""

from __future__ import annotations

from datetime import date

from flask_babel import ngettext
from sqlalchemy import func, or_, select

from tracker.counting import piece_of_work
from tracker.database import db
from tracker.history import as_of_sql as history_sql
from tracker.models import ItemPause, WorkItem


def running_on(as_of: date):
    """The pauses running on `as_of`: begun by then, not yet resumed that day."""
    return (ItemPause.paused_on <= as_of) & or_(
        ItemPause.resumed_on.is_(None), ItemPause.resumed_on > as_of
    )


def paused_count(as_of: date, agency_id: int | None = None, document_id: int | None = None) -> int:
    """Items counted in the statistics of `as_of` that were paused that day (led by the agency
    then, of the assigning document, when given). A later pause or resumption changes nothing."""
    query = (
        select(func.count(func.distinct(WorkItem.id)))
        .select_from(WorkItem)
        .join(ItemPause, ItemPause.item_id == WorkItem.id)
        .where(running_on(as_of), history_sql.counted_on(as_of), piece_of_work(WorkItem))
    )
    if agency_id is not None:
        query = query.where(history_sql.lead_on(as_of) == agency_id)
    if document_id is not None:
        query = query.where(WorkItem.plan_id == document_id)
    return db.session.scalar(query) or 0


def paused_note(count: int) -> str:
    """What the statistics say of the items paused on their date (on the page and in exports)."""
    return ngettext(
        "%(num)d item was paused by the office on that date: its deadline clock stopped, so it "
        "is counted without a deadline, never overdue.",
        "%(num)d items were paused by the office on that date: their deadline clock stopped, so "
        "they are counted without a deadline, never overdue.",
        count,
    )
