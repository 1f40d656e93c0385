"""Recording what became of each attempt, committed at once: sent, logged or skipped for good;
a temporary refusal retried later with backoff, a permanent one (or too many) failed."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from flask import current_app
from sqlalchemy import bindparam, update

from tracker.clock import now_utc
from tracker.database import db
from tracker.domain.outbox import retry_delay, should_give_up
from tracker.models import Digest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Failure:
    message: str
    permanent: bool = False


def record_outcome(
    digest_id, token, outcomes, *, status, rendered=None, to=None, carried=None
) -> None:
    """Record a final outcome at once: committed right after the server took the mail."""
    now = now_utc()
    values = {"status": status, "last_error": None}
    if rendered is not None:
        values |= {
            "subject": rendered.subject,
            "body_text": rendered.text,
            "body_html": rendered.html,
            "to_address": to,
            "carried": carried,
        }
    if status == "sent":
        values["sent_at"] = now
    _update_claimed(digest_id, token, values)
    db.session.commit()
    outcomes[status] += 1


def record_failure(digest_id: int, token: str, failure: Failure, outcomes: Counter[str]) -> None:
    """A permanent refusal fails the digest; a temporary one retries with backoff."""
    config = current_app.config
    digest = db.session.get(Digest, digest_id)
    attempts = digest.attempts + 1  # this one included (_update_claimed counts it in the row)
    final = failure.permanent or should_give_up(attempts, config["MAIL_MAX_ATTEMPTS"])
    values = {"last_error": failure.message[:2000]}
    if final:
        values["status"] = "failed"
    else:
        delay = retry_delay(attempts, config["MAIL_RETRY_BASE"], config["MAIL_RETRY_MAX"])
        values |= {"status": "pending", "next_attempt_at": now_utc() + delay}
    _update_claimed(digest_id, token, values)
    db.session.commit()
    outcomes["failed" if final else "retrying"] += 1


def _update_claimed(digest_id: int, token: str, values: dict) -> bool:
    """Count an attempt and update the digest, if this run still holds it (a claim can expire
    under a hung run)."""
    statement = _attempt_statement(tuple(sorted(values)))
    # On the session's connection, as Core: the ORM's bulk-update machinery, which has no
    # object to synchronise here, cost more than the UPDATE itself.
    parameters = {"claimed_id": digest_id, "claim": token, **values}
    result = db.session.connection().execute(statement, parameters)
    if result.rowcount != 1:
        log.warning("Digest %s was claimed by another delivery run meanwhile", digest_id)
    return result.rowcount == 1


@lru_cache(maxsize=16)
def _attempt_statement(columns: tuple[str, ...]):
    """The UPDATE recording an attempt that sets these columns, built once per process: each
    mail is recorded by one, and composing it took longer than running it."""
    digests = Digest.__table__
    return (
        update(digests)
        .where(digests.c.id == bindparam("claimed_id"), digests.c.claim_token == bindparam("claim"))
        .values(
            claimed_at=None,
            claim_token=None,
            attempts=digests.c.attempts + 1,
            **{column: bindparam(column) for column in columns},
        )
    )
