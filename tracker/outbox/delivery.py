"""Delivery of the outbox: claim pending digests, send them over one SMTP connection per batch,
record each result at once.

Exactly once, short of a crash: a digest is claimed (status "sending") in its own short
transaction, with FOR UPDATE SKIP LOCKED on PostgreSQL, so two delivery runs never take the same
row; each result is committed right after its message is handed to the server. A run that dies
between the two leaves its one message "sending"; after MAIL_CLAIM_TIMEOUT it is sent again —
the only case where a person can get a digest twice.
"""

from __future__ import annotations

import logging
import secrets
import smtplib
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from typing import NamedTuple

from flask import current_app
from sqlalchemy import and_, bindparam, or_, select, update

from tracker.clock import now_utc
from tracker.database import db
from tracker.domain.outbox import is_permanent_reply, retry_delay, should_give_up
from tracker.models import Digest
from tracker.outbox.mail import RenderedMail, build_message, mail, render_digest
from tracker.reminders.digests import digest_content, prune_left_out
from tracker.reminders.policy import load_policy

log = logging.getLogger(__name__)


class Claim(NamedTuple):
    """Digests this run holds, under its token, with what their mails need to know."""

    token: str
    ids: list[int]
    due_within: int  #: the policy's earliest reminder: read once per batch, not once per mail


@dataclass(frozen=True)
class Failure:
    message: str
    permanent: bool = False


def deliver(batch_size: int = 100) -> Counter[str]:
    """Send every digest that is due, batch by batch; count the outcomes by status."""
    outcomes: Counter[str] = Counter()
    with _Link() as link:
        while claim := _claim(batch_size):
            if current_app.config.get("MAIL_SERVER"):
                _send_batch(claim, link, outcomes)
            else:
                _log_batch(claim, outcomes)
    return outcomes


class _Link:
    """One SMTP connection for the whole run, opened when first needed and again after a break:
    greeting the server once per mail, or even per batch, would cost more than the mail."""

    def __init__(self) -> None:
        self._connection = None

    def open(self):
        if self._connection is None:
            connection = mail.connect()
            connection.__enter__()  # connects (Flask-Mail's own way, honouring MAIL_SUPPRESS_SEND)
            _limit_waiting(connection)
            self._connection = connection
        return self._connection

    def drop(self) -> None:
        """Forget a broken connection without saying goodbye to a server that has gone."""
        if self._connection is not None and self._connection.host is not None:
            self._connection.host.close()
        self._connection = None

    def __enter__(self) -> _Link:
        return self

    def __exit__(self, *_exc) -> None:
        if self._connection is None:
            return
        try:
            self._connection.__exit__(None, None, None)  # QUIT
        except (smtplib.SMTPException, OSError):
            log.info("The SMTP server hung up before QUIT; every mail was already recorded")
        self._connection = None


def _claim(batch_size: int) -> Claim | None:
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
        _release(ids, token)
        raise


def _log_batch(claim: Claim, outcomes: Counter[str]) -> None:
    """No SMTP server (a laptop): keep each mail in the outbox, readable by the administrator."""
    token = claim.token
    for digest_id in claim.ids:
        rendered, address, carried = _render(digest_id, claim)
        if rendered is None:
            record_outcome(digest_id, token, outcomes, status="skipped")
            continue
        log.info("Mail kept in the outbox (no MAIL_SERVER): %s, %s", address, rendered.subject)
        record_outcome(
            digest_id,
            token,
            outcomes,
            status="logged",
            rendered=rendered,
            to=address,
            carried=carried,
        )


def _send_batch(claim: Claim, link: _Link, outcomes: Counter[str]) -> None:
    """Send the batch over the run's connection; a broken connection ends the batch."""
    token, waiting = claim.token, list(claim.ids)
    in_flight = None
    try:
        connection = link.open()
        while waiting:
            in_flight = waiting.pop(0)
            _send_one(connection, in_flight, claim, outcomes)
            in_flight = None
    except (smtplib.SMTPException, OSError) as error:
        # The server could not be reached or hung up: what was not sent retries later.
        link.drop()
        failure = Failure(_describe(error))
        for digest_id in [in_flight, *waiting] if in_flight else waiting:
            _fail(digest_id, token, failure, outcomes)
        waiting = []
    finally:
        # After any other error (a crash), the digests not yet tried are given back at once;
        # the one in flight may have been sent, so it waits for its claim to time out.
        _release(waiting, token)


def _limit_waiting(connection) -> None:
    """A hung server must not hang the scheduler: time out each reply (Flask-Mail cannot)."""
    if connection.host is not None and connection.host.sock is not None:
        connection.host.sock.settimeout(current_app.config["MAIL_TIMEOUT"])


def _send_one(connection, digest_id: int, claim: Claim, outcomes: Counter[str]) -> None:
    """Send one digest and record the result; a refusal of the connection itself propagates."""
    token = claim.token
    rendered, address, carried = _render(digest_id, claim)
    if rendered is None:
        record_outcome(digest_id, token, outcomes, status="skipped")
        return
    try:
        connection.send(build_message(rendered, address))
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _reply in error.recipients.values()]
        failure = Failure(_describe(error), all(is_permanent_reply(code) for code in codes))
        _fail(digest_id, token, failure, outcomes)
        return
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
        failure = Failure(_describe(error), is_permanent_reply(error.smtp_code))
        _fail(digest_id, token, failure, outcomes)
        return
    record_outcome(
        digest_id, token, outcomes, status="sent", rendered=rendered, to=address, carried=carried
    )


def _render(digest_id: int, claim: Claim) -> tuple[RenderedMail | None, str, int]:
    """The mail, its address and how many notices it carries (None: nothing still applies)."""
    items_shown = current_app.config["MAIL_ITEMS_PER_SECTION"]
    # Pruned when claimed: no need to check each notice again.
    content = digest_content(digest_id, items_shown, recheck=False, due_within=claim.due_within)
    if content is None:
        return None, "", 0
    return render_digest(content), content.email, content.carried


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


def _fail(digest_id: int, token: str, failure: Failure, outcomes: Counter[str]) -> None:
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


def _release(ids: list[int], token: str) -> None:
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


def _describe(error: Exception) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{address}: {code} {reply.decode(errors='replace')}"
            for address, (code, reply) in error.recipients.items()
        )
    if isinstance(error, smtplib.SMTPResponseException):
        reply = error.smtp_error
        text = reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)
        return f"{error.smtp_code} {text}"
    return f"{type(error).__name__}: {error}"
