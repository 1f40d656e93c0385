"""Failed sign-ins are counted in the database: every worker refuses the same guesses, per
account and per client address, and says how long to wait, even to the right password."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from tests.conftest import PASSWORD, TEST_NOW, base_config
from tracker import create_app
from tracker.database import db
from tracker.models import FailedSignIn

OFFICE = "office@tracker.demo"
WRONG = {"email": OFFICE, "password": "wrong"}
RIGHT = {"email": OFFICE, "password": PASSWORD}
ACCOUNT_BLOCKED = "Tài khoản này đã đăng nhập sai quá nhiều lần."
ADDRESS_BLOCKED = "Đăng nhập sai quá nhiều lần từ địa chỉ này."


class Clock:
    """The time both workers read; a test moves it on."""

    def __init__(self) -> None:
        self.now = TEST_NOW

    def __call__(self):
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _limited(clock: Clock) -> dict:
    # The per-process limit on every sign-in is set out of reach: these tests are about failures.
    return {"RATELIMIT_ENABLED": True, "CLOCK": clock, "LOGIN_ATTEMPTS_LIMIT": "1000 per minute"}


@pytest.fixture
def config_overrides(clock: Clock) -> dict:
    return _limited(clock)


@pytest.fixture
def other_worker(database_url: str, clock: Clock) -> Iterator[Flask]:
    """A second application on the same database, as a second gunicorn worker is."""
    app = create_app({**base_config(database_url), **_limited(clock)})
    yield app
    with app.app_context():
        db.engine.dispose()


def _post(app: Flask, data: dict, address: str = "10.0.0.1"):
    client = app.test_client()
    return client.post("/login", data=data, environ_base={"REMOTE_ADDR": address})


def test_two_workers_share_the_count_and_the_block_holds_the_right_password(
    app, other_worker, clock
):
    workers = [app, other_worker]
    statuses = [_post(workers[n % 2], WRONG).status_code for n in range(10)]
    assert statuses == [401] * 10

    refused = _post(app, WRONG)
    assert refused.status_code == 429
    # Both the address (10 a minute) and the account (10 in 15 minutes) are blocked: the
    # longer wait is the one that matters.
    assert f"{ACCOUNT_BLOCKED} Vui lòng thử lại sau 15 phút." in refused.text
    assert int(refused.headers["Retry-After"]) > 14 * 60

    right_too = _post(other_worker, RIGHT)
    assert right_too.status_code == 429
    assert f"{ACCOUNT_BLOCKED} Vui lòng thử lại sau 15 phút." in right_too.text

    clock.advance(minutes=14, seconds=30)
    assert "Vui lòng thử lại sau 30 giây." in _post(app, RIGHT).text
    clock.advance(seconds=31)
    assert _post(other_worker, RIGHT).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(FailedSignIn)) == 0  # pruned


def test_an_address_is_blocked_whatever_the_accounts_it_tries(app, clock):
    for n in range(10):
        assert _post(app, {"email": f"guess{n}@tracker.demo", "password": "x"}).status_code == 401
    refused = _post(app, RIGHT)
    assert refused.status_code == 429
    assert f"{ADDRESS_BLOCKED} Vui lòng thử lại sau 1 phút." in refused.text
    assert _post(app, RIGHT, address="10.0.0.2").status_code == 302  # another client is free
    clock.advance(minutes=1, seconds=1)
    assert _post(app, RIGHT).status_code == 302


def test_an_account_is_blocked_whatever_the_addresses_it_comes_from(app):
    for n in range(10):
        assert _post(app, WRONG, address=f"10.0.1.{n}").status_code == 401
    refused = _post(app, RIGHT, address="10.0.2.1")
    assert refused.status_code == 429
    assert ACCOUNT_BLOCKED in refused.text


def test_successful_and_refused_sign_ins_do_not_count(app, clock):
    for _ in range(20):
        assert _post(app, RIGHT).status_code == 302
    for _ in range(10):
        assert _post(app, WRONG).status_code == 401
    for _ in range(5):
        assert _post(app, RIGHT).status_code == 429
    # Refused attempts were never checked: they do not prolong the block.
    clock.advance(minutes=15, seconds=1)
    assert _post(app, RIGHT).status_code == 302


def test_the_english_message_says_when_too(app):
    for _ in range(10):
        _post(app, WRONG)
    client = app.test_client()
    client.post("/language/en")
    refused = client.post("/login", data=WRONG, environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert refused.status_code == 429
    assert "Too many failed sign-ins for this account. Try again in 15 minutes." in refused.text


def test_a_malformed_limit_stops_the_start(database_url):
    with pytest.raises(ValueError):
        create_app({**base_config(database_url), "LOGIN_ACCOUNT_LIMIT": "ten a minute"})


@pytest.mark.parametrize("password", ["demo1234\x00", "\x00"])
def test_a_password_with_a_nul_byte_is_refused_with_a_message(app, password):
    response = _post(app, {"email": OFFICE, "password": password})
    assert response.status_code == 400
    assert "Mật khẩu chứa ký tự không được phép." in response.text
    assert db.session.scalar(select(func.count()).select_from(FailedSignIn)) == 0


def test_passwords_are_bounded_at_1024_characters(app):
    longest = _post(app, {"email": OFFICE, "password": "x" * 1024})
    assert longest.status_code == 401  # checked, and wrong
    too_long = _post(app, {"email": OFFICE, "password": "x" * 1025})
    assert too_long.status_code == 400
    assert "Mật khẩu quá dài." in too_long.text


class TestTheCoarseLimitSaysWhenToo:
    @pytest.fixture
    def config_overrides(self, clock):
        return {**_limited(clock), "LOGIN_ATTEMPTS_LIMIT": "2 per minute"}

    def test_every_sign_in_counts_against_it(self, app):
        assert [_post(app, RIGHT).status_code for _ in range(3)] == [302, 302, 429]
        refused = _post(app, RIGHT).text
        assert "Có quá nhiều lần đăng nhập từ địa chỉ này. Vui lòng thử lại sau" in refused


class TestAForgedAddress:
    """With more trusted proxies than there are, a client's own X-Forwarded-For is believed."""

    @pytest.fixture
    def config_overrides(self, clock):
        return {**_limited(clock), "PROXY_HOPS": 1}

    def test_a_long_forged_address_is_counted_not_a_500(self, app):
        headers = {"X-Forwarded-For": "x" * 300}
        response = app.test_client().post("/login", data=WRONG, headers=headers)
        assert response.status_code == 401
