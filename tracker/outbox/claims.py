"""Claiming due digests for one delivery run: marked "sending" under the run's token in a short
transaction of their own (FOR UPDATE SKIP LOCKED on PostgreSQL), so two runs never take the same
digest; given back at once when the run fails before trying them, or when a later run finds
that the run holding them is gone (`owners`)."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import NamedTuple

from flask import current_app
from sqlalchemy import and_, or_, select, update

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import Digest, Notification
from tracker.outbox import owners
from tracker.reminders.digest_pruning import prune_left_out
from tracker.reminders.digests import Heading, headings_of
from tracker.reminders.policy import load_policy

log = logging.getLogger(__name__)


class Claim(NamedTuple):
    """Digests this run holds, under its token, with what their mails need to know."""

    token: str
    ids: list[int]
    due_within: int  #: the policy's earliest reminder: read once per batch, not once per mail
    #: Each digest's person, day and making, read for the batch in one query.
    headings: dict[int, Heading]
    #: The digests that carry notifications: only their mails look for them.
    with_events: frozenset[int]


def release_orphans() -> int:
    """Give back at once what runs now gone left "sending"; how many digests.

    The one such a run had in flight may have reached the server: it goes again, the only
    duplicate a crash can cause. Claims whose owner cannot be checked wait for their timeout.
    """
    sending = select(Digest.claim_token).where(
        Digest.status == "sending", Digest.claim_token.is_not(None)
    )
    dead = owners.gone(db.session.scalars(sending.distinct()).all())
    released = 0
    if dead:
        released = db.session.execute(
            update(Digest)
            .where(Digest.status == "sending", Digest.claim_token.in_(dead))
            .values(status="pending", claimed_at=None, claim_token=None)
            .execution_options(synchronize_session=False)
        ).rowcount
        log.warning("Released %d digests left by delivery runs now gone", released)
    db.session.commit()
    return released


def claim_due(batch_size: int, token: str) -> Claim | None:
    """Mark up to `batch_size` due digests as ours (the run's `token`); also those whose claim
    timed out, left by a run that hung or whose end could not be checked."""
    now = now_utc()
    stale = now - timedelta(seconds=current_app.config["MAIL_CLAIM_TIMEOUT"])
    due = or_(
        and_(Digest.status == "pending", Digest.next_attempt_at <= now),
        and_(Digest.status == "sending", Digest.claimed_at < stale),
    )
    chosen = (
        select(Digest.id)
        .where(due)
        .order_by(Digest.id)
        .limit(batch_size)
        .with_for_update(skip_locked=True)
    )
    ids = db.session.scalars(
        update(Digest)
        .where(Digest.id.in_(chosen))
        .values(status="sending", claimed_at=now, claim_token=token)
        .returning(Digest.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    if not ids:
        return None
    _prune(ids, token)
    ids = sorted(ids)
    return Claim(token, ids, load_policy().before[0], headings_of(ids), _carrying_events(ids))


def _carrying_events(ids: list[int]) -> frozenset[int]:
    """The claimed digests that carry notifications, in one query for the batch: most carry
    none, and a look per mail cost a tenth of its time.

    Read after the claim's commit, this is final: a notification is folded only into a pending
    digest, read under the row's lock (`notifications.mailing`), so none joins a claimed one.
    """
    carrying = select(Notification.digest_id).where(Notification.digest_id.in_(ids)).distinct()
    return frozenset(db.session.scalars(carrying))


def _prune(ids: list[int], token: str) -> None:
    """What no longer applies leaves the claimed digests now: each mail then says exactly what
    its digest holds, and a sent digest's notices are the items' record of who was told.

    After the claim's commit, not inside it: the claimed digests are ours (no sweep adds to a
    digest that is not pending), and checking a batch's thousands of notices must not hold the
    write lock that other delivery workers need to record each mail they send.
    """
    try:
        prune_left_out(ids)
        db.session.commit()
    except Exception:
        release(ids, token)
        raise


def release(ids: list[int], token: str) -> None:
    """Give back digests never attempted (after an error elsewhere): pending again at once."""
    if not ids:
        return
    try:
        db.session.rollback()
        db.session.execute(
            update(Digest)
            .where(Digest.id.in_(ids), Digest.claim_token == token)
            .values(status="pending", claimed_at=None, claim_token=None)
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    except Exception:  # the database itself may be what failed; the claims then time out
        log.exception("Could not release claimed digests %s", ids)
