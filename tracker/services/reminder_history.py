"""Each notice sent goes on its item's history: reminding is an accountability record."""

from __future__ import annotations

from sqlalchemy import case, func, insert, literal_column, null, select, update

from tracker.clock import now_utc
from tracker.domain.reminders import ESCALATION_PREFIX
from tracker.extensions import db
from tracker.models import Activity, Digest, Notice, Sector, User, WorkItem
from tracker.services import reminder_sql as sql

#: Digests recorded per transaction.
CHUNK = 500


def record_sent_notices() -> int:
    """One "reminded" or "escalated" entry, dated when the mail left and naming whom, per
    notice each sent digest carried, for the digests not recorded yet; how many were recorded.

    Delivery calls it after each batch (and first thing, to finish what a crashed run left):
    written in bulk and in item order, a thousand-item digest costs little, while each mail's
    own result is still committed the moment it is sent.
    """
    recorded = 0
    while ids := db.session.scalars(
        select(Digest.id).where(Digest.status == "sent", Digest.recorded_at.is_(None)).limit(CHUNK)
    ).all():
        whole, part = _split_by_completeness(ids)
        for digest_ids, recheck in ((whole, False), (part, True)):
            if digest_ids:
                db.session.execute(_history_insert(digest_ids, recheck))
        db.session.execute(
            update(Digest)
            .where(Digest.id.in_(ids))
            .values(recorded_at=now_utc())
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
        recorded += len(ids)
    return recorded


def _split_by_completeness(ids: list[int]) -> tuple[list[int], list[int]]:
    """Digests whose mail carried every notice they hold, and those that left some out (items
    closed or reassigned meanwhile): only the latter need each notice checked again."""
    totals = dict(
        db.session.execute(
            select(Notice.digest_id, func.count())
            .where(Notice.digest_id.in_(ids))
            .group_by(Notice.digest_id)
        ).all()
    )
    carried = dict(
        db.session.execute(select(Digest.id, Digest.carried).where(Digest.id.in_(ids))).all()
    )
    whole = [digest_id for digest_id in ids if carried.get(digest_id) == totals.get(digest_id)]
    return whole, [digest_id for digest_id in ids if digest_id not in set(whole)]


def _history_insert(digest_ids: list[int], recheck: bool):
    verb = case((Notice.rule.startswith(ESCALATION_PREFIX), "escalated"), else_="reminded")
    rows = (
        select(
            Notice.item_id,
            null(),
            verb,
            literal_column("'{}'"),  # no field changed
            User.name + " <" + User.email + ">",
            Digest.sent_at,
        )
        .select_from(Notice)
        .join(Digest, Digest.id == Notice.digest_id)
        .join(User, User.id == Notice.recipient_id)
        .where(Notice.digest_id.in_(digest_ids))
        .order_by(Notice.item_id)
    )
    if recheck:
        rows = (
            rows.join(WorkItem, WorkItem.id == Notice.item_id)
            .outerjoin(Sector, Sector.id == WorkItem.sector_id)
            .where(sql.still_applies())
        )
    return insert(Activity).from_select(
        ["item_id", "actor_id", "verb", "changes", "note", "created_at"], rows
    )
