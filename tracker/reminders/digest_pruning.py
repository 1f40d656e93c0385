"""Pruning a digest before it is sent: the notices that stopped applying since the sweep
(items closed or reassigned, people deactivated) leave it, so that a sent digest holds exactly
what its mail said."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Select, delete, func, or_, select

from tracker.database import db
from tracker.models import Digest, Notice, Sector, User, WorkItem
from tracker.reminders import still_applying as sql

#: A change stamped this long before a digest was made still counts as made after it: the
#: change may have been committed only while the sweep ran, or stamped by a server whose clock
#: is a little behind.
SETTLING = timedelta(hours=1)


def prune_left_out(digest_ids: list[int]) -> int:
    """Delete the notices of these digests that no longer apply (items closed or reassigned,
    people deactivated since the sweep); how many. They were never sent, so a later sweep may
    queue them again if they come to apply again.

    A notice stops applying only through a change to its item, its person or a sector. When
    only items changed since the digests were made, only those items' notices are checked: a
    first digest holds a thousand notices, of which a day's edits touch a handful.
    """
    if not digest_ids:
        return 0
    applying = (
        select(WorkItem.id)
        .select_from(WorkItem)
        .join(User, User.id == sql.concerned_person())
        .outerjoin(Sector, Sector.id == WorkItem.sector_id)
        .where(WorkItem.id == Notice.item_id, sql.still_applies())
    )
    left_out = [Notice.digest_id.in_(digest_ids), ~applying.exists()]
    if (changed := _items_changed_alone(digest_ids)) is not None:
        left_out.append(Notice.item_id.in_(changed))
    # Usually nothing changed since the sweep: a read finds that out without taking the write
    # lock (on SQLite, one lock for the whole database) for as long as the check takes.
    if db.session.execute(select(Notice.digest_id).where(*left_out).limit(1)).first() is None:
        return 0
    result = db.session.execute(
        delete(Notice).where(*left_out).execution_options(synchronize_session=False)
    )
    return result.rowcount


def _items_changed_alone(digest_ids: list[int]) -> Select | None:
    """The items changed since these digests were made (less SETTLING), if neither their
    people nor any sector changed since; otherwise None: every notice must be checked."""
    made = db.session.scalar(select(func.min(Digest.created_at)).where(Digest.id.in_(digest_ids)))
    since = made - SETTLING

    def changed(column):
        return or_(column.is_(None), column > since)

    changes = [select(Sector.id).where(changed(Sector.updated_at)).exists()]
    # Whose digests these are, and the colleagues on leave some notices were received for, are
    # looked for only if anyone changed: finding the latter reads every notice of the digests
    # (55 ms for the first fifty digests of a first sweep at 100,000 items).
    if db.session.scalar(select(select(User.id).where(changed(User.updated_at)).exists())):
        people = (
            select(Digest.id)
            .join(User, User.id == Digest.recipient_id)
            .where(Digest.id.in_(digest_ids), changed(User.updated_at))
        )
        absent = (
            select(Notice.digest_id)
            .join(User, User.id == Notice.on_behalf_of_id)
            .where(Notice.digest_id.in_(digest_ids), changed(User.updated_at))
        )
        changes += [people.exists(), absent.exists()]
    if db.session.scalar(select(or_(*changes))):
        return None
    return select(WorkItem.id).where(WorkItem.updated_at > since)
