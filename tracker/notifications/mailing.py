"""The mail of a notification, queued in the outbox in the event's own transaction: at once (a
mail of its own) or folded into the person's next morning digest, as they prefer.

The outbox delivers either exactly once (tracker.outbox.delivery): a notification is attached
to one outbox row only, so an event is mailed to a person at most once.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import Date, literal, select, true

from tracker.clock import digest_due_at, local_now, now_utc, sweep_time
from tracker.database import db
from tracker.domain.reminders import next_sweep_day
from tracker.models import Digest, Notification, User
from tracker.models.types import UTCDateTime
from tracker.reminders.recipients_sql import insert_ignoring_duplicates
from tracker.workdays.store import working_calendar


def queue_mail(notification: Notification) -> None:
    """Attach the notification to the outbox row that will mail it (none if mail is off, or
    the person chose not to be mailed this kind of event)."""
    preference = notification.recipient.notify_mail
    if notification.event in notification.recipient.mail_muted_events:
        return  # the person does not want this kind of event by mail
    if preference == "immediate":
        now = now_utc()
        notification.digest = Digest(
            recipient_id=notification.recipient.id,
            day=local_now().date(),
            kind="event",
            status="pending",
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
    elif preference == "digest":
        notification.digest_id = _morning_digest(notification.recipient.id)


def _morning_digest(recipient_id: int) -> int:
    """The person's pending digest of the next sweep day, made if need be; it becomes due at
    the sweep's time, so the sweep adds that morning's reminders to it before it goes.

    Made with INSERT … ON CONFLICT DO NOTHING: two events at once for the same person share it.
    """
    sweep_at = sweep_time(current_app.config)
    day = next_sweep_day(local_now().replace(tzinfo=None), sweep_at, working_calendar())
    hour = db.session.scalar(select(User.digest_hour).where(User.id == recipient_id))
    due = digest_due_at(current_app.config, day, hour)
    now = now_utc()
    db.session.execute(
        insert_ignoring_duplicates(Digest).from_select(
            ["recipient_id", "day", "kind", "status", "attempts", "next_attempt_at", "created_at"],
            select(
                literal(recipient_id),
                literal(day, Date),
                literal("daily"),
                literal("pending"),
                literal(0),
                literal(due, UTCDateTime()),
                literal(now, UTCDateTime()),
            ).where(true()),
        )
    )
    # Read under the row's lock: a delivery run claiming the digest meanwhile either waits for
    # this event's commit or, having claimed it first, is seen here as "sending". Delivery
    # reads once per batch which claimed digests carry events (`outbox.claims`).
    found = db.session.execute(
        select(Digest.id, Digest.status)
        .where(Digest.recipient_id == recipient_id, Digest.day == day, Digest.kind == "daily")
        .with_for_update()
    ).one()
    if found.status == "pending":
        return found.id
    # That morning's digest went already (a sweep ran early): this one waits for no one.
    return _immediate_row(recipient_id, day).id


def _immediate_row(recipient_id: int, day) -> Digest:
    now = now_utc()
    row = Digest(
        recipient_id=recipient_id,
        day=day,
        kind="event",
        status="pending",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    db.session.add(row)
    db.session.flush()
    return row
