"""What delivery asks the database for each mail: its notices counted and listed, its outcome
recorded, nothing more. Its person, its day and whether it carries events are read once per
batch (tests/reminders/test_delivery_smtp.py checks what the mails say)."""

import re

from sqlalchemy import select

from tests.workers import statements_of
from tracker.database import db
from tracker.domain.reminders import Section, section_of
from tracker.models import Digest, Notice
from tracker.outbox.delivery import deliver
from tracker.reminders.sweep import sweep

from .conftest import count

BATCH = 3


def said(statements: list[str]) -> list[str]:
    """On one line each, every parameter written "?" (psycopg's are named)."""
    return [
        re.sub(r"%\(\w+\)s(::\w+)?", "?", " ".join(statement.split())) for statement in statements
    ]


def escalated_digests() -> int:
    """Digests with a section of escalations: their counts are also grouped by agency (one
    more query)."""
    rules = db.session.execute(select(Notice.digest_id, Notice.rule).distinct()).all()
    return len({digest for digest, rule in rules if section_of(rule) is Section.ESCALATED})


def test_a_mail_costs_its_notices_and_its_outcome_and_a_batch_the_rest(app, today, smtp):
    smtp.start()
    sweep(today)
    digests, escalated = count(Digest), escalated_digests()
    with statements_of(app) as seen:
        assert deliver(batch_size=BATCH) == {"sent": digests}
    statements = said(seen)
    batches = -(-digests // BATCH)
    assert digests > 2 * BATCH and 0 < escalated < digests
    per_mail = [
        statement
        for statement in statements
        if "notices.digest_id = ?" in statement or "attempts=(digests.attempts + ?)" in statement
    ]
    assert len(per_mail) == 3 * digests + escalated
    # Once per batch: the batch's people and days, and which of its digests carry events.
    assert sum("FROM notifications" in statement for statement in statements) == batches
    headings = [s for s in statements if s.startswith("SELECT digests.id, digests.day")]
    assert len(headings) == batches
    # No mail reads its digest, its person or its events on its own.
    assert not [s for s in statements if s.startswith("SELECT") and "digests.id = ?" in s]
    assert not [s for s in statements if "notifications.digest_id = ?" in s]
