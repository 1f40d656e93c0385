"""The "waiting for me" list: what the office (or the leader) has to decide."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from tracker.clock import local_today
from tracker.database import db
from tracker.models import Activity, ExtensionRequest, User, WorkItem
from tracker.permissions import inbox_sections
from tracker.workdays.store import working_calendar


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

    @property
    def total(self) -> int:
        return len(self.submissions) + len(self.extensions) + len(self.refused)


def _items_in(status: str, order) -> list[WorkItem]:
    return list(
        db.session.scalars(
            select(WorkItem)
            .where(WorkItem.status == status)
            .options(selectinload(WorkItem.lead_agency))
            .order_by(order, WorkItem.code)
        )
    )


def _refusal_reasons(items: list[WorkItem]) -> dict[int, str | None]:
    """The latest refusal note of each item, in one query."""
    rows = db.session.execute(
        select(Activity.item_id, Activity.note)
        .where(Activity.item_id.in_([i.id for i in items]), Activity.verb == "refused")
        .order_by(Activity.created_at, Activity.id)
    )
    return {item_id: note for item_id, note in rows}


def inbox(user: User) -> Inbox:
    """What waits for the user's decision; empty sections for what is not theirs to decide."""
    sections = inbox_sections(user)
    submissions = _items_in("submitted", WorkItem.completed_on) if "submissions" in sections else []
    refused = _items_in("refused", WorkItem.updated_at) if "refused" in sections else []
    extensions = []
    if "extensions" in sections:
        extensions = list(
            db.session.scalars(
                select(ExtensionRequest)
                .where(ExtensionRequest.status == "pending")
                .options(
                    selectinload(ExtensionRequest.item).selectinload(WorkItem.lead_agency),
                    selectinload(ExtensionRequest.requested_by),
                )
                .order_by(ExtensionRequest.requested_on, ExtensionRequest.id)
            )
        )
    unacknowledged = _unacknowledged() if "submissions" in sections else []
    return Inbox(
        sections, submissions, extensions, refused, _refusal_reasons(refused), unacknowledged
    )


#: Working days an agency has to acknowledge a new assignment before the office's list flags it.
ACKNOWLEDGE_WITHIN = 2


def _unacknowledged() -> list[WorkItem]:
    """Items still "assigned" (no progress yet), not acknowledged, assigned on or before the
    day ACKNOWLEDGE_WITHIN working days ago; longest waiting first."""
    cutoff = working_calendar().add_working_days(local_today(), -ACKNOWLEDGE_WITHIN)
    return list(
        db.session.scalars(
            select(WorkItem)
            .where(
                WorkItem.status == "assigned",
                WorkItem.acknowledged_on.is_(None),
                WorkItem.assigned_on <= cutoff,
            )
            .options(selectinload(WorkItem.lead_agency))
            .order_by(WorkItem.assigned_on, WorkItem.code)
            .limit(200)
        )
    )
