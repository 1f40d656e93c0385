"""/me: a person's details, leave, sessions and API token."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import User, UserSession

from .conftest import ADMIN, HEAD, LEADER, OFFICER, ROLES, YES, user


def _details(**changes) -> dict:
    return {"name": "Nguyễn Văn Hải", "phone": "0901 234 567", "title": "Giám đốc Sở",
            "language": "vi", "leave_from": "", "leave_until": "", **changes}  # fmt: skip


@pytest.mark.parametrize("email", ROLES)
def test_everyone_has_their_own_page(login, viewer, email):
    page = login(email).get("/me")
    assert page.status_code == 200
    assert email in page.text and 'href="/calendar/"' in page.text


def test_signing_in_is_required(client):
    for url in ("/me",):
        assert client.get(url).status_code == 302
    for url in ("/me/password", "/me/token", "/me/token/revoke", "/me/sessions/end-others",
                "/me/sessions/1/end"):  # fmt: skip
        assert client.post(url).status_code == 302


def test_details_and_leave_are_saved(login):
    client = login(HEAD)
    response = client.post(
        "/me", data=_details(leave_from="2026-12-01", leave_until="2026-12-10", language="en")
    )
    assert response.status_code == 302
    head = user(HEAD)
    assert head.name == "Nguyễn Văn Hải" and head.phone == "0901 234 567"
    assert str(head.leave_from) == "2026-12-01" and str(head.leave_until) == "2026-12-10"
    assert head.language == "en"
    assert "My account" in client.get("/me").text
    listed = login(ADMIN).get("/admin/users?q=head.syt").text
    assert "Nghỉ phép 01/12/2026–10/12/2026" in listed


@pytest.mark.parametrize(
    "changes",
    [
        {"leave_from": "2026-12-10", "leave_until": "2026-12-01"},
        {"leave_from": "2026-12-10"},
        {"leave_until": "9999-12-10", "leave_from": "2026-12-01"},
        {"name": ""},
        {"language": "fr"},
        {"phone": "9" * 41},
    ],
)
def test_bad_details_are_refused(login, changes):
    before = user(HEAD).name
    assert login(HEAD).post("/me", data=_details(**changes)).status_code == 400
    head = user(HEAD)
    assert head.name == before and head.leave_from is None


def test_a_person_sees_and_ends_their_other_sessions(login):
    here, phone = login(HEAD), login(HEAD)
    page = here.get("/me").text
    assert page.count('/end"') == 1  # the other session can be ended, this one is marked
    other = db.session.scalars(
        select(UserSession).where(UserSession.user_id == user(HEAD).id)
    ).all()
    assert len(other) == 2
    ended = max(other, key=lambda s: s.id)  # the phone's, opened last
    assert here.post(f"/me/sessions/{ended.id}/end", data=YES).status_code == 302
    assert phone.get("/me").status_code == 302 and here.get("/me").status_code == 200


def test_nobody_ends_anothers_session(login):
    login(HEAD)
    theirs = db.session.scalar(select(UserSession.id).where(UserSession.user_id == user(HEAD).id))
    assert (
        login("officer.syt@tracker.demo").post(f"/me/sessions/{theirs}/end", data=YES).status_code
        == 404
    )


def test_sign_out_everywhere_else(login):
    here, a, b = login(HEAD), login(HEAD), login(HEAD)
    assert here.post("/me/sessions/end-others", data=YES).status_code == 302
    assert a.get("/me").status_code == 302 and b.get("/me").status_code == 302
    assert here.get("/me").status_code == 200


def test_an_api_token_is_shown_once_and_can_be_revoked(app, login):
    client = login(HEAD)
    page = client.post("/me/token", data=YES).text
    token = page.split('<code id="new-token">')[1].split("</code>")[0]
    api = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    assert api.get("/api/v1/items", headers=headers).status_code == 200
    assert token not in client.get("/me").text
    assert client.post("/me/token/revoke", data=YES).status_code == 302
    assert api.get("/api/v1/items", headers=headers).status_code == 401


def test_signing_out_ends_the_session_for_good(app, login):
    client = login(HEAD)
    cookie = client.get_cookie("session")
    client.post("/logout")
    replay = app.test_client()
    replay.set_cookie("session", cookie.value)
    assert replay.get("/me").status_code == 302


def test_the_page_says_who_receives_my_reminders_while_i_am_on_leave(login, today):
    """The agency's head for an officer; for the head, the agency's other heads present on the
    leave's first day; nobody: the head keeps theirs."""
    head = db.session.scalar(select(User).where(User.email == HEAD))
    page = login(OFFICER).get("/me").text
    note = page.split('id="leave-stand-ins">')[1].split("</p>")[0]
    assert head.name in note and "nhận thay" not in note
    assert "Không có ai" in login(HEAD).get("/me").text.split('id="leave-stand-ins">')[1]
    deputy = User(email="deputy.syt@tracker.demo", name="Phó Giám đốc Sở Y tế", role="head",
                  agency_id=head.agency_id, leave_from=today + timedelta(days=10),
                  leave_until=today + timedelta(days=20))  # fmt: skip
    deputy.set_password("phó giám đốc sở")
    db.session.add(deputy)
    head.leave_from, head.leave_until = today + timedelta(days=3), today + timedelta(days=5)
    db.session.commit()
    client = login(HEAD)
    note = client.get("/me").text.split('id="leave-stand-ins">')[1].split("</p>")[0]
    assert deputy.name in note  # present on the leave's first day
    head.leave_from, head.leave_until = today + timedelta(days=12), today + timedelta(days=14)
    db.session.commit()
    assert deputy.name not in client.get("/me").text.split('id="leave-stand-ins">')[1]
    assert user(LEADER).agency_id is None
    assert 'id="leave-stand-ins"' not in login(LEADER).get("/me").text  # no agency, no stand-in
