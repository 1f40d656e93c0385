"""/me: the events a person does not want by mail are still notified, never mailed; the rest
are mailed as before."""

from __future__ import annotations

import re

from sqlalchemy import select

from tracker.database import db
from tracker.models import Notification, User
from tracker.notifications.events import notify

from .conftest import HEAD, OFFICER


def _details(**changes) -> dict:
    return {"name": "Thủ trưởng", "phone": "", "title": "", "language": "vi", "leave_from": "",
            "leave_until": "", "notify_mail": "digest", **changes}  # fmt: skip


def test_the_events_i_mute_are_notified_but_not_mailed(login, item_by_code):
    client = login(HEAD)
    page = client.get("/me").text
    assert 'id="mail-muted"' in page and 'value="commented"' in page
    saved = client.post("/me", data=_details(mail_muted_events=["commented", "mentioned"]))
    assert saved.status_code == 302
    head = db.session.scalar(select(User).where(User.email == HEAD))
    assert head.mail_muted_events == ["commented", "mentioned"]
    again = client.get("/me").text
    assert re.search(r'<input[^>]*checked[^>]*value="commented"', again)
    assert not re.search(r'<input[^>]*checked[^>]*value="assigned"', again)
    officer = db.session.scalar(select(User).where(User.email == OFFICER))
    item = item_by_code("NV-LV-01")
    (comment,) = notify("commented", item, officer, [head], excerpt="…")
    (assignment,) = notify("assigned", item, officer, [head])
    db.session.commit()
    assert comment.digest_id is None  # in the notifications, not in any mail
    assert assignment.digest_id is not None
    assert db.session.scalar(select(Notification).where(Notification.id == comment.id))


def test_unticking_every_event_mails_them_all_again(login):
    client = login(HEAD)
    client.post("/me", data=_details(mail_muted_events=["commented"]))
    assert client.post("/me", data=_details()).status_code == 302
    head = db.session.scalar(select(User).where(User.email == HEAD))
    assert head.mail_muted is None and head.mail_muted_events == []


def test_an_unknown_event_is_refused_and_nothing_saved(login):
    client = login(HEAD)
    response = client.post("/me", data=_details(mail_muted_events=["no-such-event"]))
    assert response.status_code == 400
    head = db.session.scalar(select(User).where(User.email == HEAD))
    assert head.mail_muted is None


def test_my_digest_waits_for_the_hour_i_chose(app, login, today):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tracker.clock import now_utc
    from tracker.models import Digest
    from tracker.reminders.sweep import sweep

    client = login(HEAD)
    assert client.post("/me", data=_details(digest_hour="10")).status_code == 302
    head = db.session.scalar(select(User).where(User.email == HEAD))
    assert head.digest_hour == 10
    assert re.search(
        r'<option selected value="10">|<option value="10" selected', client.get("/me").text
    )
    sweep(today)
    zone = ZoneInfo(app.config["TIMEZONE"])
    mine = db.session.scalar(
        select(Digest).where(Digest.recipient_id == head.id, Digest.day == today)
    )
    assert mine.next_attempt_at == datetime(today.year, today.month, today.day, 10, tzinfo=zone)
    officer = db.session.scalar(select(User).where(User.email == OFFICER))
    theirs = db.session.scalar(
        select(Digest).where(Digest.recipient_id == officer.id, Digest.day == today)
    )
    assert theirs.next_attempt_at <= now_utc()  # with the sweep, as before
    # An hour before the sweep's is the sweep's: the reminders must be in the digest.
    assert client.post("/me", data=_details(digest_hour="")).status_code == 302
    db.session.refresh(head)
    assert head.digest_hour is None
    assert client.post("/me", data=_details(digest_hour="25")).status_code == 400
