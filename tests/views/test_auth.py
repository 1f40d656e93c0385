"""Signing in and out, the language switch, CSRF and the login rate limit."""

import re

import pytest

from tracker import create_app
from tracker.database import db


def test_login_page_is_vietnamese(client):
    page = client.get("/login").text
    assert "Đăng nhập" in page
    assert 'lang="vi"' in page


def test_wrong_password_is_a_401_with_a_message(client):
    response = client.post("/login", data={"email": "office@tracker.demo", "password": "x"})
    assert response.status_code == 401
    assert "Sai địa chỉ thư điện tử hoặc mật khẩu." in response.text


def test_unknown_email_looks_the_same(client):
    response = client.post("/login", data={"email": "nobody@tracker.demo", "password": "x"})
    assert response.status_code == 401


def test_empty_form_is_a_400(client):
    response = client.post("/login", data={})
    assert response.status_code == 400
    assert "Vui lòng nhập địa chỉ thư điện tử." in response.text


def test_inactive_user_cannot_sign_in(client, user_by_email):
    user_by_email("head.syt@tracker.demo").active = False
    db.session.commit()
    response = client.post(
        "/login", data={"email": "head.syt@tracker.demo", "password": "demo1234"}
    )
    assert response.status_code == 401


def test_login_follows_only_local_next(client):
    data = {"email": "office@tracker.demo", "password": "demo1234"}
    response = client.post("/login?next=https://evil.example/", data=data)
    assert response.location == "/"
    client.post("/logout")
    response = client.post("/login?next=/items/%3Fkind%3Dtask", data=data)
    assert response.location == "/items/?kind=task"


def test_logout_needs_a_post(login):
    client = login("office@tracker.demo")
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 302
    assert client.get("/").status_code == 302


def test_language_switch_is_remembered_on_the_account(login, user_by_email):
    client = login("office@tracker.demo")
    client.post("/language/en", data={"next": "/items/"})
    assert user_by_email("office@tracker.demo").language == "en"
    assert "Work items" in client.get("/items/").text
    client.post("/language/vi", data={"next": "/items/"})
    assert "Nhiệm vụ, chỉ tiêu" in client.get("/items/").text


def test_the_language_switch_of_a_form_shown_again_returns_to_the_form(login, item_by_code):
    """A comment without text comes back at /items/N/comments, which only takes POSTs: the
    switch returns to the item the comment was written on, not to a 405."""
    item = item_by_code("NV-LV-01")
    client = login("office@tracker.demo")
    page = client.post(
        f"/items/{item.id}/comments",
        data={"body": ""},
        headers={"Referer": f"http://localhost/items/{item.id}?tab=history"},
    )
    assert page.status_code == 400
    back = re.search(r'name="next" value="([^"]*)"', page.text).group(1)
    assert back == f"/items/{item.id}?tab=history"
    forged = client.post(
        f"/items/{item.id}/comments",
        data={"body": ""},
        headers={"Referer": "https://evil.example/items/1"},
    )
    assert 'name="next" value="/items/1"' in forged.text  # only ever a path on this site
    switched = client.post("/language/en", data={"next": back})
    assert switched.status_code == 302 and switched.location == back


def test_unknown_language_is_a_400(client):
    response = client.post("/language/fr")
    assert response.status_code == 400
    assert "Ngôn ngữ này chưa được hỗ trợ." in response.text


@pytest.fixture
def csrf_client(app):
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


def test_a_form_without_csrf_token_is_refused(csrf_client, user_by_email):
    data = {"email": "office@tracker.demo", "password": "demo1234"}
    response = csrf_client.post("/login", data=data)
    assert response.status_code == 400
    assert "tải lại trang" in response.text
    response = csrf_client.post("/language/en")
    assert response.status_code == 400
    assert user_by_email("office@tracker.demo").language == "vi"


@pytest.fixture
def config_overrides():
    return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute"}


def test_login_attempts_are_rate_limited(client):
    data = {"email": "office@tracker.demo", "password": "wrong"}
    statuses = [client.post("/login", data=data).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    refused = client.post("/login", data=data).text
    assert "Quá nhiều lần thử" in refused
    assert "Đăng nhập sai quá nhiều lần từ địa chỉ này." in refused
    assert "per 1 minute" not in refused
    assert client.get("/login").status_code == 200  # reading the page is not limited


class TestEverySignInCountsToo:
    @pytest.fixture
    def config_overrides(self):
        return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute",
                "LOGIN_ATTEMPTS_LIMIT": "5 per minute"}  # fmt: skip

    def test_a_looser_limit_on_every_sign_in(self, app):
        """Failures count once answered; a burst sent at once is held by this one."""
        good = {"email": "office@tracker.demo", "password": "demo1234"}
        statuses = [app.test_client().post("/login", data=good).status_code for _ in range(6)]
        assert statuses == [302] * 5 + [429]


def test_only_failed_sign_ins_count(app):
    """An office behind one address: its people signing in one after another are not refused."""
    for _ in range(5):
        client = app.test_client()
        good = {"email": "office@tracker.demo", "password": "demo1234"}
        assert client.post("/login", data=good).status_code == 302
    wrong = {"email": "office@tracker.demo", "password": "wrong"}
    assert app.test_client().post("/login", data=wrong).status_code == 401


def test_create_app_reads_prefixed_environment(monkeypatch, database_url):
    monkeypatch.setenv("TRACKER_BASE_URL", "https://tracker.binhdinh.gov.vn")
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    app = create_app({"TESTING": True})
    assert app.config["BASE_URL"] == "https://tracker.binhdinh.gov.vn"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == database_url


class TestBehindAProxy:
    """Behind the province's reverse proxy every request comes from the proxy's address: with
    PROXY_HOPS the client's own (X-Forwarded-For) counts; without it the header is ignored."""

    @pytest.fixture(params=[1, 0], ids=["one-proxy", "no-proxy"])
    def config_overrides(self, request):
        return {"RATELIMIT_ENABLED": True, "LOGIN_RATE_LIMIT": "3 per minute",
                "PROXY_HOPS": request.param}  # fmt: skip

    def test_each_client_has_its_own_sign_in_limit(self, app, config_overrides):
        wrong = {"email": "office@tracker.demo", "password": "wrong"}

        def attempt(address: str) -> int:
            headers = {"X-Forwarded-For": address}
            return app.test_client().post("/login", data=wrong, headers=headers).status_code

        assert [attempt("10.0.0.1") for _ in range(4)] == [401, 401, 401, 429]
        separate = config_overrides["PROXY_HOPS"] == 1
        assert attempt("10.0.0.2") == (401 if separate else 429)
