"""Calendar feeds: a secret address, parsed back with icalendar, revocable."""

import re
from datetime import date

from icalendar import Calendar
from sqlalchemy import select

from tracker.database import db
from tracker.models import CalendarFeed, WorkItem

OFFICE = "office@tracker.demo"
OFFICER = "officer.syt@tracker.demo"


def _new_feed(client, scope: str, label: str = "Lịch của tôi") -> str:
    response = client.post("/calendar/", data={"label": label, "scope": scope})
    assert response.status_code == 201
    url = re.search(r'id="new-feed-url" value="([^"]+)"', response.text).group(1)
    return url.removeprefix("http://tracker.test")


def _events(client, path: str):
    response = client.get(path)
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    return Calendar.from_ical(response.data).walk("VEVENT")


def test_agency_feed_lists_its_open_deadlines(login, client):
    path = _new_feed(login(OFFICE), "syt")
    events = _events(client, path)  # no session: the address is the secret
    open_items = db.session.scalars(
        select(WorkItem).where(
            WorkItem.lead_agency.has(code="syt"),
            WorkItem.status.notin_(("completed", "cancelled")),
            WorkItem.deadline.is_not(None),
        )
    ).all()
    assert len(events) == len(open_items) > 0
    first = events[0]
    assert first.decoded("dtstart") == min(item.deadline for item in open_items)
    assert isinstance(first.decoded("dtstart"), date)
    assert str(first["summary"]).startswith("Hạn: ")
    assert "/items/" in str(first["url"])


def test_personal_feed_lists_the_items_i_am_responsible_for(login, client):
    path = _new_feed(login(OFFICER), "mine")
    summaries = [str(event["summary"]) for event in _events(client, path)]
    assert any("NV-LV-01" in summary for summary in summaries)


def test_only_the_hash_is_stored(login):
    path = _new_feed(login(OFFICE), "syt")
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    feed = db.session.scalar(select(CalendarFeed))
    assert feed.token_hash != token and len(feed.token_hash) == 64


def test_revoked_feed_is_gone_with_a_message(login, client):
    office = login(OFFICE)
    path = _new_feed(office, "syt")
    feed = db.session.scalar(select(CalendarFeed))
    assert office.post(f"/calendar/{feed.id}/revoke").status_code == 302
    response = client.get(path)
    assert response.status_code == 410
    assert "Địa chỉ lịch này đã bị thu hồi." in response.text


def test_unknown_token_is_404(client):
    response = client.get("/calendar/khong-phai-ma.ics")
    assert response.status_code == 404
    assert "Không có lịch nào tại địa chỉ này." in response.text


def test_agency_user_cannot_follow_another_agency(login):
    response = login(OFFICER).post("/calendar/", data={"label": "x", "scope": "stttt"})
    assert response.status_code == 400
    assert db.session.scalar(select(CalendarFeed)) is None


def test_someone_else_cannot_revoke_my_feed(login):
    _new_feed(login(OFFICE), "syt")
    feed = db.session.scalar(select(CalendarFeed))
    response = login(OFFICER).post(f"/calendar/{feed.id}/revoke")
    assert response.status_code == 404
    assert db.session.get(CalendarFeed, feed.id).revoked_at is None


def test_a_name_is_required(login):
    response = login(OFFICE).post("/calendar/", data={"label": " ", "scope": "syt"})
    assert response.status_code == 400
    assert "Hãy đặt tên cho lịch." in response.text
