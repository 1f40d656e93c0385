"""A delivery process killed mid-batch: the next run gives its claims back at once.

A real `flask reminders deliver` process sends into a real SMTP server that holds one message
unanswered; the test kills the process (SIGKILL) while that message is in flight and runs
delivery again, with the test's clock, which stays ten days before the killed run's claims:
only the check of their owner, never MAIL_CLAIM_TIMEOUT, can release them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from tracker.database import db
from tracker.models import Digest
from tracker.outbox.delivery import deliver
from tracker.reminders.sweep import sweep

from .conftest import count, digest_statuses

ROOT = Path(__file__).resolve().parents[2]
SENT_BEFORE_THE_KILL = 3
BATCH = 5  #: claimed at once: three sent, one in flight, one not yet tried
GENEROUS = 120  # seconds: only so that a broken run fails instead of hanging


def delivery_process(database_url: str, smtp_port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_MAIL_SERVER": "127.0.0.1",
        "TRACKER_MAIL_PORT": str(smtp_port),
        "TRACKER_BASE_URL": "http://tracker.test",
    }
    command = [sys.executable, "-m", "flask", "--app", "tracker", "reminders", "deliver"]
    with log.open("w") as output:
        return subprocess.Popen(
            [*command, "--batch-size", str(BATCH)],
            env=env,
            cwd=ROOT,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def test_a_killed_delivery_process_leaves_nothing_sending(
    app, today, smtp, smtp_port, database_url, tmp_path
):
    smtp.mailbox.stall_after = SENT_BEFORE_THE_KILL
    smtp.start()
    sweep(today)
    digests = count(Digest)
    assert digests > 2 * BATCH
    db.session.commit()

    process = delivery_process(database_url, smtp_port, tmp_path / "deliver.log")
    try:
        in_flight = smtp.mailbox.stalled.wait(timeout=GENEROUS)
        assert in_flight, (tmp_path / "deliver.log").read_text()
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=GENEROUS)
    assert process.returncode == -signal.SIGKILL
    db.session.expire_all()
    left = digest_statuses()
    held = BATCH - SENT_BEFORE_THE_KILL
    assert left == {"sent": SENT_BEFORE_THE_KILL, "sending": held, "pending": digests - BATCH}

    smtp.mailbox.go_on.set()
    outcomes = deliver()

    db.session.expire_all()
    assert digest_statuses() == {"sent": digests}
    assert outcomes == {"sent": digests - SENT_BEFORE_THE_KILL}
    received = smtp.mailbox.per_recipient()
    recipients = db.session.scalars(select(Digest.to_address)).all()
    assert set(received) == set(recipients)
    # Every digest once, but the one the server had taken when the process died: twice, as
    # the same message (one Message-ID), which a mail client shows once.
    assert sorted(received.values()) == [1] * (digests - 1) + [2]
    message_ids = Counter(message["Message-ID"] for message in smtp.mailbox.messages())
    assert sorted(message_ids.values()) == [1] * (digests - 1) + [2]


def test_a_claim_whose_owner_cannot_be_checked_waits_for_its_timeout(app, today, smtp, clock):
    smtp.start()
    sweep(today)
    digests = count(Digest)
    held = db.session.scalar(select(Digest).order_by(Digest.id).limit(1))
    # A token of an older release (or another host's /proc): nothing says its run is over.
    held.status, held.claim_token, held.claimed_at = "sending", "0123456789abcdef", clock.now
    db.session.commit()
    assert deliver() == {"sent": digests - 1}
    assert digest_statuses() == {"sent": digests - 1, "sending": 1}
    clock.advance(seconds=app.config["MAIL_CLAIM_TIMEOUT"] + 1)
    assert deliver() == {"sent": 1}
