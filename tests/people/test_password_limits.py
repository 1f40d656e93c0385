"""Each "forgot password" request may send a mail: an address may ask only a few times."""

import pytest


@pytest.fixture
def config_overrides() -> dict:
    return {"RATELIMIT_ENABLED": True, "PASSWORD_FORGOT_LIMIT": "5 per 15 minutes"}


def test_forgot_password_is_rate_limited_per_address(app, outbox):
    client = app.test_client()
    codes = [
        client.post("/password/forgot", data={"email": f"x{n}@tracker.demo"}).status_code
        for n in range(7)
    ]
    assert codes == [302] * 5 + [429] * 2
    other = app.test_client()
    elsewhere = other.post(
        "/password/forgot", data={"email": "head.syt@tracker.demo"},
        environ_base={"REMOTE_ADDR": "10.9.9.9"},
    )  # fmt: skip
    assert elsewhere.status_code == 302 and len(outbox) == 1
