"""The "waiting for me" list: what the office (or the leader) has to decide.

A work queue, oldest first: each section lists its oldest SHOWN and counts them all. Deciding
them brings the next ones up. (At a million items the office had 4,852 extension requests
waiting, a page of 169 KB compressed that took a second.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from tracker.clock import local_today
from tracker.database import db
from tracker.models import Activity, ExtensionRequest, User, WorkItem
from tracker.paging import rows_in
from tracker.permissions import inbox_sections
from tracker.workdays.store import working_calendar

#: How many of each section the page lists, oldest first.
SHOWN = 100
#: Working days an agency has to acknowledge a new assignment before the office's list flags it.
ACKNOWLEDGE_WITHIN = 2


@dataclass(frozen=True)
class Inbox:
    sections: frozenset[str]
    submissions: list[WorkItem] = field(default_factory=list)  # oldest submission first
    extensions: list[ExtensionRequest] = field(default_factory=list)  # oldest request first
    refused: list[WorkItem] = field(default_factory=list)
    #: item id → the reason its lead agency gave when refusing it
    refusal_reasons: dict[int, str | None] = field(default_factory=dict)
    #: Assigned 2 working days ago or more, and neither acknowledged nor started by the agency.
    unacknowledged: list[WorkItem] = field(default_factory=list)
    #: How many wait in each section (its list holds the oldest SHOWN).
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """The decisions to take (an unacknowledged item is the agency's to acknowledge)."""
        return sum(self.counts.get(name, 0) for name in ("submissions", "extensions", "refused"))


def inbox(user: User) -> Inbox:
    """What waits for the user's decision; empty sections for what is not theirs to decide."""
    sections = inbox_sections(user)
    found: dict[str, list] = {}
    counts: dict[str, int] = {}
    for name, query in _queries().items():
        section = "submissions" if name == "unacknowledged" else name
        if section in sections:
            found[name], counts[name] = _oldest(query)
    refused = found.get("refused", [])
    return Inbox(
        sections,
        submissions=found.get("submissions", []),
        extensions=found.get("extensions", []),
        refused=refused,
        refusal_reasons=_refusal_reasons(refused),
        unacknowledged=found.get("unacknowledged", []),
        counts=counts,
    )


def _queries() -> dict[str, Select]:
    """Each section's rows, oldest first, with what its lines show."""
    cutoff = working_calendar().add_working_days(local_today(), -ACKNOWLEDGE_WITHIN)
    extensions = (
        select(ExtensionRequest)
        .where(ExtensionRequest.status == "pending")
        .options(
            selectinload(ExtensionRequest.item).selectinload(WorkItem.lead_agency),
            selectinload(ExtensionRequest.requested_by),
        )
        .order_by(ExtensionRequest.requested_on, ExtensionRequest.id)
    )
    unacknowledged = _items(
        WorkItem.assigned_on, WorkItem.status == "assigned", WorkItem.acknowledged_on.is_(None),
        WorkItem.assigned_on <= cutoff,
    )  # fmt: skip
    return {
        "submissions": _items(WorkItem.completed_on, WorkItem.status == "submitted"),
        "extensions": extensions,
        "refused": _items(WorkItem.updated_at, WorkItem.status == "refused"),
        "unacknowledged": unacknowledged,
    }


def _items(order, *where) -> Select:
    query = select(WorkItem).where(*where).options(selectinload(WorkItem.lead_agency))
    return query.order_by(order, WorkItem.code)


def _oldest(query: Select) -> tuple[list, int]:
    """The first SHOWN rows of `query`, and how many rows it has."""
    rows = list(db.session.scalars(query.limit(SHOWN)))
    if len(rows) < SHOWN:
        return rows, len(rows)
    return rows, rows_in(query)


def _refusal_reasons(items: list[WorkItem]) -> dict[int, str | None]:
    """The latest refusal note of each item, in one query."""
    rows = db.session.execute(
        select(Activity.item_id, Activity.note)
        .where(Activity.item_id.in_([i.id for i in items]), Activity.verb == "refused")
        .order_by(Activity.created_at, Activity.id)
    )
    return {item_id: note for item_id, note in rows}
