"""An event folded into a morning digest while a delivery run claims it: the event reads the
digest's row under its lock, so it either joins the digest before the claim (and the claim sees
it) or waits and goes in a mail of its own. No event joins a digest already claimed, whose mail
the run may be writing without it (delivery reads once per batch which digests carry events)."""

import threading
import time
from datetime import UTC, datetime

from sqlalchemy import select

from tracker.database import db
from tracker.models import Digest, Notification, WorkItem
from tracker.notifications.events import notify
from tracker.outbox.claims import claim_due

from .conftest import person

HEAD = "head.syt@tracker.demo"


def carried(digest_ids) -> dict[int, set[int]]:
    rows = db.session.execute(
        select(Notification.digest_id, Notification.id).where(
            Notification.digest_id.in_(digest_ids)
        )
    )
    found: dict[int, set[int]] = {digest_id: set() for digest_id in digest_ids}
    for digest_id, notification_id in rows:
        found[digest_id].add(notification_id)
    return found


def test_no_event_joins_a_digest_after_its_claim(app, open_item, clock):
    [first] = notify("paused", open_item, None, [person(HEAD)], reason="Chờ kinh phí")
    db.session.commit()
    morning = db.session.get(Digest, first.digest_id)
    assert morning.kind == "daily" and morning.status == "pending"
    # A second before the sweep's hour on the digest's morning: an event still picks this
    # digest, which a delivery run may claim the next second (here, at once).
    clock.now = datetime(2026, 11, 26, 0, 29, 59, tzinfo=UTC)
    morning.next_attempt_at = clock.now
    folded, trying = threading.Event(), threading.Event()
    seen_by_claim: dict[int, set[int]] = {}
    errors: list[BaseException] = []

    def fold_another_event():
        with app.app_context():
            item = db.session.get(WorkItem, open_item.id)
            # The digest is chosen (its row read) and the notification's link to it is left
            # to the commit, as in any request that goes on after notifying.
            notify("resumed", item, None, [person(HEAD)])
            folded.set()
            trying.wait(10)
            time.sleep(0.5)  # the claim reaches the digest's row meanwhile
            db.session.commit()

    def claim():
        with app.app_context():
            folded.wait(10)
            trying.set()
            taken = claim_due(10, "test-run")
            if taken is not None:
                seen_by_claim.update(carried(taken.ids))
                carrying = {digest_id for digest_id, events in seen_by_claim.items() if events}
                assert taken.with_events == carrying
            db.session.commit()

    def guarded(job):
        try:
            job()
        except BaseException as error:  # handed to the test below
            errors.append(error)

    db.session.commit()
    threads = [threading.Thread(target=guarded, args=(job,)) for job in (fold_another_event, claim)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    db.session.expire_all()
    events = db.session.scalars(
        select(Notification).where(Notification.recipient_id == person(HEAD).id)
    ).all()
    assert len(events) == 2
    # What each claimed digest carries now is what its claim saw: nothing joined it later.
    assert carried(list(seen_by_claim)) == seen_by_claim
    # The second event went somewhere that will be mailed: the morning digest (before its
    # claim, PostgreSQL's lock kept the claim off it; SQLite's made the claim wait) or a mail
    # of its own.
    second = next(event for event in events if event.id != first.id)
    assert second.digest_id is not None
