"""Delivery through a real SMTP server: exactly once, outages, refusals, crashes, concurrency."""

from sqlalchemy import func, select, update

from tracker.database import db
from tracker.history.timeline import item_history, sent_notices
from tracker.models import Digest, Notice, User, WorkItem
from tracker.outbox import claims
from tracker.outbox import delivery as outbox
from tracker.outbox.delivery import deliver
from tracker.outbox.mail import RenderedMail, build_message, mail
from tracker.outbox.queries import retry_digest
from tracker.outbox.workers import deliver_with_workers
from tracker.reminders.sweep import sweep

from .conftest import count, digest_statuses, run_in_threads


def digest_of(email_address: str) -> Digest:
    return db.session.scalar(
        select(Digest).join(User, User.id == Digest.recipient_id).where(User.email == email_address)
    )


def reminders_on(item) -> list:
    return sent_notices(item.id)


def test_sweeping_and_delivering_twice_sends_each_mail_once(app, today, smtp):
    smtp.start()
    sweep(today)
    sweep(today)
    first = deliver()
    again = deliver()
    digests = count(Digest)
    assert first == {"sent": digests} and not again
    assert len(smtp.mailbox.messages()) == digests
    assert set(smtp.mailbox.per_recipient().values()) == {1}
    assert digest_statuses() == {"sent": digests}


def test_one_connection_carries_every_batch_of_a_run(app, today, smtp):
    smtp.start()
    sweep(today)
    digests = count(Digest)
    assert deliver(batch_size=2) == {"sent": digests} and digests > 4
    assert smtp.mailbox.sessions == 1


def test_worker_processes_share_the_outbox_and_send_each_mail_once(app, today, smtp):
    smtp.start()
    sweep(today)
    digests = count(Digest)
    assert deliver_with_workers(batch_size=2, workers=3) == {"sent": digests}
    assert len(smtp.mailbox.messages()) == digests
    assert set(smtp.mailbox.per_recipient().values()) == {1}
    assert 1 <= smtp.mailbox.sessions <= 3  # one connection per worker at most
    assert digest_statuses() == {"sent": digests}


def test_a_long_vietnamese_subject_arrives_word_for_word(app, smtp):
    smtp.start()
    subject = (
        "2 nhiệm vụ quá hạn, 3 nhiệm vụ đến hạn trong 7 ngày làm việc, "
        "12 nhiệm vụ quá hạn cần đôn đốc"
    )
    with mail.connect() as connection:
        connection.send(
            build_message(RenderedMail(subject, "Kính gửi", "<p>Kính gửi</p>"), "a@b.vn")
        )
    (message,) = smtp.mailbox.messages()
    assert str(message["Subject"]).strip() == subject
    assert message.get_body(("plain",)).get_content().strip() == "Kính gửi"
    assert message.get_body(("html",)).get_content().strip() == "<p>Kính gửi</p>"


def test_a_mail_says_what_it_is(app, today, smtp):
    smtp.start()
    sweep(today)
    deliver()
    (message,) = [m for m in smtp.mailbox.messages() if m["To"] == "officer.skhdt@tracker.demo"]
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["From"] == app.config["MAIL_DEFAULT_SENDER"]
    assert "nhiệm vụ quá hạn" in message["Subject"]
    assert "đến hạn hôm nay" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "KTS-2030-04" in text and "KTS-2030-04" in html
    assert "http://tracker.test/items/" in text
    digest = digest_of("officer.skhdt@tracker.demo")
    assert message["Message-ID"].startswith(f"<digest.{digest.id}.")
    assert message["Message-ID"].endswith("@tracker.test>")
    assert len({m["Message-ID"] for m in smtp.mailbox.messages()}) == count(Digest)


def test_each_notice_sent_goes_on_the_item_history(app, today, smtp, item_by_code):
    smtp.start()
    sweep(today)
    item = item_by_code("NV-LV-01")
    assert not reminders_on(item)  # queued is not sent
    deliver()
    entries = reminders_on(item)
    assert sorted((entry.verb, entry.note.split(" <")[1]) for entry in entries) == [
        ("escalated", "head.syt@tracker.demo>"),
        ("escalated", "leader@tracker.demo>"),
        ("escalated", "office@tracker.demo>"),
        ("reminded", "officer.syt@tracker.demo>"),
    ]
    assert all(entry.actor is None and entry.changes == {} for entry in entries)
    sent_at = digest_of("officer.syt@tracker.demo").sent_at
    assert [e.created_at for e in entries if e.verb == "reminded"] == [sent_at]
    history = item_history(item)
    assert history == sorted(history, key=lambda entry: entry.created_at)
    assert set(history) >= set(entries) and len(history) > len(entries)


def test_an_outage_delays_mail_and_loses_none(app, today, smtp, clock):
    sweep(today)
    digests = count(Digest)
    assert deliver() == {"retrying": digests}  # the server is down
    failed = digest_of("office@tracker.demo")
    assert failed.status == "pending" and failed.attempts == 1
    assert "Connection refused" in failed.last_error or "ConnectionRefused" in failed.last_error
    assert failed.next_attempt_at > clock.now
    smtp.start()
    assert deliver() == {}  # each retry waits for its time
    clock.advance(minutes=2)
    assert deliver() == {"sent": digests}
    assert deliver() == {}
    assert len(smtp.mailbox.messages()) == digests
    assert set(smtp.mailbox.per_recipient().values()) == {1}


def test_retries_back_off_then_give_up(app, today, smtp, clock):
    app.config["MAIL_MAX_ATTEMPTS"] = 3
    sweep(today)
    waits = []
    for _ in range(3):
        deliver()
        digest = digest_of("office@tracker.demo")
        waits.append(digest.next_attempt_at - clock.now)
        clock.advance(hours=2)
    assert digest.status == "failed" and digest.attempts == 3
    assert waits[1] == 2 * waits[0]


def test_a_rejected_address_fails_for_good_and_the_others_go(app, today, smtp):
    smtp.mailbox.refused.add("officer.syt@tracker.demo")
    smtp.start()
    sweep(today)
    outcomes = deliver()
    refused = digest_of("officer.syt@tracker.demo")
    assert refused.status == "failed" and refused.last_error.startswith(
        "officer.syt@tracker.demo: 550"
    )
    assert outcomes == {"sent": count(Digest) - 1, "failed": 1}
    assert deliver() == {}
    smtp.mailbox.refused.clear()
    assert retry_digest(refused)  # the administrator fixed the address
    assert deliver() == {"sent": 1}


def test_nothing_left_to_say_sends_nothing(app, today, smtp, item_by_code):
    smtp.start()
    sweep(today)
    # Before delivery, the agency's overdue work (the health heading and its overdue
    # sub-items) is confirmed done.
    item = item_by_code("NV-LV-01")
    for work in (item, *item.children):
        if work.status != "completed":
            work.status, work.completed_on = "completed", today
    db.session.commit()
    deliver()
    assert digest_of("officer.syt@tracker.demo").status == "skipped"
    assert "officer.syt@tracker.demo" not in smtp.mailbox.per_recipient()
    office = [m for m in smtp.mailbox.messages() if m["To"] == "office@tracker.demo"][0]
    assert "NV-LV-01" not in office.get_body(("plain",)).get_content()
    # What the mails left out is not on the item's history either; the rest is.
    assert not reminders_on(item)
    assert reminders_on(item_by_code("KTS-2030-04"))


def test_a_crash_between_send_and_record_duplicates_at_most_that_message(
    app, today, smtp, clock, monkeypatch
):
    smtp.start()
    sweep(today)
    digests = count(Digest)
    real, attempts = outbox.record_outcome, []

    def crash_on_the_third(digest_id, token, outcomes, **result):
        attempts.append(digest_id)
        if len(attempts) == 3:  # the server took the mail; the process dies before recording
            raise RuntimeError("the process died here")
        real(digest_id, token, outcomes, **result)

    monkeypatch.setattr(outbox, "record_outcome", crash_on_the_third)
    try:
        deliver()
    except RuntimeError:
        pass
    monkeypatch.undo()
    assert len(smtp.mailbox.messages()) == 3  # the third went out, its record did not
    assert digest_statuses() == {"sent": 2, "sending": 1, "pending": digests - 3}
    # The failed run is over: the next sends the rest and, again, the one in flight, at once.
    assert deliver() == {"sent": digests - 2}
    clock.advance(seconds=app.config["MAIL_CLAIM_TIMEOUT"] + 1)
    assert deliver() == {}
    counts = smtp.mailbox.per_recipient()
    assert len(smtp.mailbox.messages()) == digests + 1
    assert sorted(counts.values()) == [1] * (digests - 1) + [2]


def test_a_failure_while_pruning_gives_the_claimed_digests_back_at_once(
    app, today, smtp, monkeypatch
):
    smtp.start()
    sweep(today)
    digests = count(Digest)

    def database_gone(_ids):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(claims, "prune_left_out", database_gone)
    try:
        deliver(batch_size=2)
    except RuntimeError:
        pass
    monkeypatch.undo()
    assert not smtp.mailbox.messages()
    assert digest_statuses() == {"pending": digests}  # not left "sending" until a timeout
    assert deliver() == {"sent": digests}


def test_concurrent_sweeps_and_deliveries_send_everything_exactly_once(app, today, smtp):
    smtp.start()
    expected = sweep(today, dry_run=True).notices
    reports = run_in_threads(app, lambda: sweep(today), lambda: sweep(today))
    assert sorted(report.notices for report in reports) == [0, expected]
    db.session.execute(update(Digest).values(next_attempt_at=Digest.created_at))
    outcomes = run_in_threads(app, *(lambda: deliver(batch_size=5) for _ in range(3)))
    digests = count(Digest)
    assert sum(o["sent"] for o in outcomes) == digests == len(smtp.mailbox.messages())
    assert set(smtp.mailbox.per_recipient().values()) == {1}


def test_a_sent_digest_holds_exactly_what_its_mail_listed(app, today, smtp):
    smtp.start()
    sweep(today)
    fullest, held = db.session.execute(
        select(Notice.digest_id, func.count())
        .group_by(Notice.digest_id)
        .order_by(func.count().desc(), Notice.digest_id)
        .limit(1)
    ).one()
    item = db.session.get(
        WorkItem, db.session.scalar(select(Notice.item_id).where(Notice.digest_id == fullest))
    )
    item.status, item.completed_on = "submitted", today  # awaiting confirmation: no reminder
    db.session.commit()
    deliver()
    digest = db.session.get(Digest, fullest)
    assert held > 1 and digest.status == "sent"
    assert count(Notice, Notice.digest_id == fullest) == digest.carried == held - 1
    assert item.code not in digest.body_text
    assert not reminders_on(item)
