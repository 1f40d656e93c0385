"""Reminding is an accountability record: each notice a sent mail carried is on its item's history.

The notices themselves are that record (whom, which rule, in which digest, sent when):
delivery prunes from a digest what no longer applies before writing its mail, so a sent digest
holds exactly what its mail said. The history reads them beside the item's activities rather
than copying a first sweep's hundreds of thousands of rows into another table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from tracker.database import db
from tracker.domain.reminders import is_escalation
from tracker.models import Activity, Digest, Notice, User, WorkItem


@dataclass(frozen=True)
class ReminderEntry:
    """A sent notice, shaped like an activity for the history: done by the system."""

    created_at: datetime
    verb: str  #: "reminded" or "escalated"
    note: str  #: whom, "Name <address>"
    actor = None
    actor_id = None
    changes: dict = field(default_factory=dict, hash=False, compare=False)


def sent_notices(item_id: int) -> list[ReminderEntry]:
    """The item's notices that went out in a sent mail, oldest first."""
    rows = db.session.execute(
        select(Digest.sent_at, Notice.rule, User.name, User.email)
        .join(Digest, Digest.id == Notice.digest_id)
        .join(User, User.id == Notice.recipient_id)
        .where(Notice.item_id == item_id, Digest.status == "sent")
        .order_by(Digest.sent_at, User.name, Notice.rule)
    )
    return [
        ReminderEntry(sent_at, _verb(rule), f"{name} <{email}>")
        for sent_at, rule, name, email in rows
    ]


def _verb(rule: str) -> str:
    return "escalated" if is_escalation(rule) else "reminded"


def item_history(item: WorkItem) -> list[Activity | ReminderEntry]:
    """Everything that happened to the item, oldest first: its activities and the notices sent."""
    entries = [*item.activities, *sent_notices(item.id)]
    return sorted(entries, key=lambda entry: entry.created_at)
