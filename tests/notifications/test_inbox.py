"""The in-app inbox: the unread count in every page's menu, marking read, the API."""

from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Notification
from tracker.workflow import actions as workflow

from .conftest import DONE, person

OFFICE, HEAD, OFFICER = "office@tracker.demo", "head.syt@tracker.demo", "officer.syt@tracker.demo"


def submit_and_return(item) -> None:
    submitted = workflow.submit(person(OFFICER), item.id, item.version, DONE)
    workflow.return_submission(person(OFFICE), item.id, submitted.version, "Thiếu số liệu")


def unread(email: str) -> int:
    mine = Notification.recipient_id == person(email).id
    return db.session.scalar(select(func.count()).where(mine, Notification.read_at.is_(None)))


def test_the_menu_shows_the_unread_count_on_every_page(open_item, login):
    submit_and_return(open_item)
    client = login(HEAD)
    for url in ("/agency", "/items/", "/me", "/notifications/"):
        page = client.get(url, follow_redirects=True)
        assert page.status_code == 200
        assert 'id="unread-count">1<' in page.text, url


def test_the_inbox_lists_newest_first_and_marks_read(open_item, login):
    submit_and_return(open_item)
    client = login(OFFICER)
    page = client.get("/notifications/")
    assert "Thiếu số liệu" in page.text and "Thực hiện theo lý do được nêu" in page.text
    row = db.session.scalar(
        select(Notification).where(Notification.recipient_id == person(OFFICER).id)
    )
    opened = client.post(f"/notifications/{row.id}/read")
    assert opened.status_code == 302 and opened.location.endswith(f"/items/{open_item.id}")
    assert unread(OFFICER) == 0
    assert 'id="unread-count"' not in client.get("/notifications/").text


def test_no_one_marks_another_persons_notification(open_item, login):
    submit_and_return(open_item)
    row = db.session.scalar(
        select(Notification).where(Notification.recipient_id == person(OFFICER).id)
    )
    response = login(HEAD).post(f"/notifications/{row.id}/read")
    assert response.status_code == 404
    assert unread(OFFICER) == 1


def test_mark_all_read_touches_only_ones_own(open_item, login):
    submit_and_return(open_item)
    assert login(HEAD).post("/notifications/read-all").status_code == 302
    assert unread(HEAD) == 0 and unread(OFFICER) == 1


def test_the_api_lists_ones_notifications_newest_first_with_the_unread_count(open_item, login):
    submit_and_return(open_item)
    client = login(OFFICE)
    submitted = client.get("/api/v1/notifications").get_json()
    assert submitted["unread"] == 1 and submitted["total"] == 1
    [entry] = submitted["notifications"]
    assert entry["event"] == "submitted" and entry["item_id"] == open_item.id
    assert entry["read"] is False and entry["created_at"].startswith("2026-11-25")
    head = login(HEAD).get("/api/v1/notifications").get_json()
    assert [n["event"] for n in head["notifications"]] == ["returned"]
    assert "Thiếu số liệu" in head["notifications"][0]["text"]


def test_the_preference_is_chosen_on_the_profile_page(login):
    client = login(HEAD)
    assert 'name="notify_mail"' in client.get("/me").text
    data = {"name": "Nguyễn Văn Hải", "language": "vi", "notify_mail": "immediate"}
    assert client.post("/me", data=data).status_code == 302
    assert person(HEAD).notify_mail == "immediate"
    data["notify_mail"] = "every minute"
    assert client.post("/me", data=data).status_code == 400
    assert person(HEAD).notify_mail == "immediate"


def test_the_api_marks_ones_own_notifications_read(open_item, login, app):
    from tracker.accounts.login import new_api_token

    submit_and_return(open_item)  # the office is told of the submission, the agency of the return
    mine = db.session.scalar(
        select(Notification.id).where(Notification.recipient_id == person(HEAD).id)
    )
    theirs = db.session.scalar(
        select(Notification.id).where(Notification.recipient_id == person(OFFICER).id)
    )
    head = login(HEAD)
    assert head.post(f"/api/v1/notifications/{theirs}/read").status_code == 404
    assert unread(OFFICER) == 1
    answer = head.post(f"/api/v1/notifications/{mine}/read")
    assert answer.status_code == 200
    assert answer.get_json() == {"id": mine, "read": True, "unread": 0}
    assert unread(HEAD) == 0
    token = new_api_token(person(OFFICER))
    db.session.commit()
    office = login(OFFICE)
    app.config["WTF_CSRF_ENABLED"] = True  # a token needs no CSRF token; a session does
    marked = office.post("/api/v1/notifications/read-all")
    assert marked.status_code == 400 and unread(OFFICE) == 1
    by_token = app.test_client().post(
        "/api/v1/notifications/read-all", headers={"Authorization": f"Bearer {token}"}
    )
    assert by_token.get_json() == {"marked": 1, "unread": 0}
    assert unread(OFFICER) == 0 and unread(OFFICE) == 1
