"""Claiming due digests for one delivery run: marked "sending" under the run's token in a short
transaction of their own (FOR UPDATE SKIP LOCKED on PostgreSQL), so two runs never take the same
digest; given back at once when the run fails before trying them."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from typing import NamedTuple

from flask import current_app
from sqlalchemy import and_, or_, select, update

from tracker.clock import now_utc
from tracker.database import db
from tracker.models import Digest
from tracker.reminders.digest_pruning import prune_left_out
from tracker.reminders.policy import load_policy

log = logging.getLogger(__name__)


class Claim(NamedTuple):
    """Digests this run holds, under its token, with what their mails need to know."""

    token: str
    ids: list[int]
    due_within: int  #: the policy's earliest reminder: read once per batch, not once per mail


def claim_due(batch_size: int) -> Claim | None:
    """Mark up to `batch_size` due digests as ours; also those a dead run left behind."""
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
    token = secrets.token_hex(8)
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
    return Claim(token, sorted(ids), load_policy().before[0])


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
