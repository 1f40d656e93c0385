"""Each notice sent goes on its item's history: reminding is an accountability record."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, insert, literal, literal_column, null, select

from tracker.domain.reminders import ESCALATION_PREFIX
from tracker.extensions import db
from tracker.models import Activity, Notice, Sector, User, WorkItem
from tracker.models.types import UTCDateTime
from tracker.services import reminder_sql as sql


def record_sent_notices(digest_id: int, sent_at: datetime) -> None:
    """One "reminded" or "escalated" entry per notice the sent digest carried, naming whom.

    In SQL, not through the ORM: a focal officer's first digest can carry a thousand items.
    """
    verb = case((Notice.rule.startswith(ESCALATION_PREFIX), "escalated"), else_="reminded")
    rows = (
        select(
            Notice.item_id,
            null(),
            verb,
            literal_column("'{}'"),  # no field changed
            User.name + " <" + User.email + ">",
            literal(sent_at, UTCDateTime()),
        )
        .select_from(Notice)
        .join(WorkItem, WorkItem.id == Notice.item_id)
        .join(User, User.id == Notice.recipient_id)
        .outerjoin(Sector, Sector.id == WorkItem.sector_id)
        .where(Notice.digest_id == digest_id, sql.still_applies())
    )
    db.session.execute(
        insert(Activity).from_select(
            ["item_id", "actor_id", "verb", "changes", "note", "created_at"], rows
        )
    )
