"""Forgot password, one-time links, the password rules, changing one's own password, and the
sessions that end with a new password."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import AuditEvent, PasswordToken

from ..conftest import TEST_NOW
from .conftest import ADMIN, HEAD, OFFICER, YES, link_token

NEW = "Trống đồng Ngọc Lũ 1945"


def _forgot(client, email):
    return client.post("/password/forgot", data={"email": email})


def _reset(client, token, password=NEW, confirm=None):
    return client.post(
        f"/password/reset/{token}", data={"password": password, "confirm": confirm or password}
    )


def test_the_login_page_links_to_forgot_password(client):
    assert 'href="/password/forgot"' in client.get("/login").text


def test_the_answer_is_the_same_whether_or_not_the_email_exists(app, outbox):
    client = app.test_client()
    known = _forgot(client, HEAD)
    unknown = _forgot(client, "nobody@tracker.demo")
    assert known.status_code == unknown.status_code == 302
    assert known.location == unknown.location
    flashed_known = client.get(known.location).text
    assert [m.recipients for m in outbox] == [[HEAD]]
    _forgot(client, "nobody@tracker.demo")
    assert "liên kết" in flashed_known and len(outbox) == 1


def test_a_reset_link_sets_the_password_once_and_ends_every_session(app, login, outbox):
    signed_in = login(HEAD)
    assert signed_in.get("/agency/").status_code == 200
    anonymous = app.test_client()
    _forgot(anonymous, HEAD)
    token = link_token(outbox[0])
    assert anonymous.get(f"/password/reset/{token}").status_code == 200
    assert _reset(anonymous, token).status_code == 302
    assert signed_in.get("/agency/").status_code == 302  # the old session ended
    assert anonymous.post("/login", data={"email": HEAD, "password": "demo1234"}).status_code == 401
    assert anonymous.post("/login", data={"email": HEAD, "password": NEW}).status_code == 302
    # Single use.
    again = app.test_client().get(f"/password/reset/{token}")
    assert again.status_code == 404 and "đã được dùng" in again.text
    stored = db.session.scalar(select(PasswordToken))
    assert token not in stored.token_hash and len(stored.token_hash) == 64
    verbs = db.session.scalars(select(AuditEvent.verb)).all()
    assert "password_reset_requested" in verbs and "password_reset" in verbs


def test_a_remembered_browser_is_signed_out_by_a_reset_too(app, outbox):
    remembered = app.test_client()
    remembered.post("/login", data={"email": HEAD, "password": "demo1234", "remember": "y"})
    cookie = remembered.get_cookie("remember_token")
    assert cookie is not None
    _forgot(app.test_client(), HEAD)
    _reset(app.test_client(), link_token(outbox[0]))
    fresh = app.test_client()  # no session, only the remember-me cookie
    fresh.set_cookie("remember_token", cookie.value)
    assert fresh.get("/agency/").status_code == 302


def test_a_link_expires_after_an_hour(app, outbox):
    _forgot(app.test_client(), HEAD)
    token = link_token(outbox[0])
    app.config["CLOCK"] = lambda: TEST_NOW + timedelta(minutes=61)
    response = app.test_client().get(f"/password/reset/{token}")
    assert response.status_code == 404 and "hết hạn" in response.text
    assert _reset(app.test_client(), token).status_code == 404


def test_no_link_for_a_deactivated_person_and_an_old_link_stops_working(
    app, outbox, login, user_by_email
):
    _forgot(app.test_client(), OFFICER)
    token = link_token(outbox[0])
    officer = user_by_email(OFFICER)
    login(ADMIN).post(f"/admin/users/{officer.id}/deactivate", data=YES)
    assert _reset(app.test_client(), token).status_code == 404
    _forgot(app.test_client(), OFFICER)
    assert len(outbox) == 1  # nothing sent to a deactivated account


@pytest.mark.parametrize(
    "password",
    ["short1", "password1234", "qwertyuiop", "HEAD.SYT@tracker.demo", "head.syt@tracker.demo"],
)
def test_weak_passwords_are_refused_and_the_link_still_works(app, outbox, password):
    _forgot(app.test_client(), HEAD)
    token = link_token(outbox[0])
    response = _reset(app.test_client(), token, password)
    assert response.status_code == 400 and "invalid-feedback" in response.text
    assert app.test_client().get(f"/password/reset/{token}").status_code == 200


def test_the_two_passwords_must_match(app, outbox):
    _forgot(app.test_client(), HEAD)
    response = _reset(app.test_client(), link_token(outbox[0]), NEW, NEW + "x")
    assert response.status_code == 400


def test_bad_links_are_404(client):
    assert client.get("/password/reset/nothing").status_code == 404
    assert client.get("/password/reset/" + "x" * 500).status_code == 404
    assert client.post("/password/reset/nothing", data={"password": NEW}).status_code == 404


@pytest.mark.parametrize("email", ["", "not-an-email", "a" * 300 + "@x.vn"])
def test_a_bad_email_is_a_400(client, outbox, email):
    assert _forgot(client, email).status_code == 400 and outbox == []


def test_changing_ones_password_needs_the_current_one_and_ends_other_sessions(login):
    here, elsewhere = login(HEAD), login(HEAD)
    wrong = here.post("/me/password", data={"current": "nope", "password": NEW, "confirm": NEW})
    assert wrong.status_code == 400
    right = here.post("/me/password", data={"current": "demo1234", "password": NEW, "confirm": NEW})
    assert right.status_code == 302
    assert here.get("/me").status_code == 200
    assert elsewhere.get("/me").status_code == 302
