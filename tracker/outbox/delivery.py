"""Delivery of the outbox: claim pending digests, send them over one SMTP connection per batch,
record each result at once.

Exactly once, short of a crash: a digest is claimed (status "sending") in its own short
transaction, with FOR UPDATE SKIP LOCKED on PostgreSQL, so two delivery runs never take the same
row; each result is committed right after its message is handed to the server. A run that dies
between the two leaves its one message "sending"; the next run, finding that run gone, sends
it again (after MAIL_CLAIM_TIMEOUT when it cannot tell) — the only case where a person can get
a digest twice.
"""

from __future__ import annotations

import logging
import smtplib
from collections import Counter
from threading import Event

from flask import current_app

from tracker.domain.outbox import is_permanent_reply
from tracker.notifications.queries import carried_by
from tracker.outbox.claims import Claim, claim_due, release, release_orphans
from tracker.outbox.event_mail import render_with_events
from tracker.outbox.mail import RenderedMail, build_message, digest_message_id, render_digest
from tracker.outbox.outcomes import Failure, record_failure, record_outcome
from tracker.outbox.owners import run_owner
from tracker.outbox.smtp_link import SmtpLink, describe_error
from tracker.reminders.digests import claimed_content

log = logging.getLogger(__name__)


def deliver(batch_size: int = 100, stop: Event | None = None) -> Counter[str]:
    """Send every digest that is due, batch by batch, or until `stop` is set (checked between
    batches); count the outcomes by status."""
    outcomes: Counter[str] = Counter()
    with run_owner() as token, SmtpLink() as link:
        release_orphans()
        while not (stop and stop.is_set()) and (claim := claim_due(batch_size, token)):
            if current_app.config.get("MAIL_SERVER"):
                _send_batch(claim, link, outcomes)
            else:
                _log_batch(claim, outcomes)
    return outcomes


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


def _send_batch(claim: Claim, link: SmtpLink, outcomes: Counter[str]) -> None:
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
        failure = Failure(describe_error(error))
        for digest_id in [in_flight, *waiting] if in_flight else waiting:
            record_failure(digest_id, token, failure, outcomes)
        waiting = []
    finally:
        # After any other error (a crash), the digests not yet tried are given back at once;
        # the one in flight may have been sent: it stays "sending" until this run is over,
        # then the next run sends it again.
        release(waiting, token)


def _send_one(connection, digest_id: int, claim: Claim, outcomes: Counter[str]) -> None:
    """Send one digest and record the result; a refusal of the connection itself propagates."""
    token = claim.token
    rendered, address, carried = _render(digest_id, claim)
    if rendered is None:
        record_outcome(digest_id, token, outcomes, status="skipped")
        return
    try:
        heading = claim.headings[digest_id]
        message_id = digest_message_id(digest_id, heading.created_at)
        connection.send(build_message(rendered, address, message_id))
    except smtplib.SMTPRecipientsRefused as error:
        codes = [code for code, _reply in error.recipients.values()]
        failure = Failure(describe_error(error), all(is_permanent_reply(code) for code in codes))
        record_failure(digest_id, token, failure, outcomes)
        return
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
        failure = Failure(describe_error(error), is_permanent_reply(error.smtp_code))
        record_failure(digest_id, token, failure, outcomes)
        return
    record_outcome(
        digest_id, token, outcomes, status="sent", rendered=rendered, to=address, carried=carried
    )


def _render(digest_id: int, claim: Claim) -> tuple[RenderedMail | None, str, int]:
    """The mail, its address and how many notices it carries (None: nothing still applies)."""
    items_shown = current_app.config["MAIL_ITEMS_PER_SECTION"]
    heading = claim.headings.get(digest_id)  # read after the claim: none if deleted before
    content = heading and claimed_content(heading, items_shown, claim.due_within)
    events = carried_by(digest_id) if digest_id in claim.with_events else []
    if events:
        return render_with_events(content, events)
    if content is None:
        return None, "", 0
    return render_digest(content), content.email, content.carried
