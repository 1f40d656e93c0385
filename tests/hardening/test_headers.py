"""Cookies and response headers: what a browser is told to enforce, over HTTP and HTTPS."""

from datetime import UTC, datetime, timedelta

import pytest
from werkzeug.http import parse_date

PASSWORD = "demo1234"

OFFICE = "office@tracker.demo"
HTTPS = {"base_url": "https://localhost"}  # the host the test client signs in on


def _sign_in(client, remember=True, **kwargs):
    data = {"email": OFFICE, "password": PASSWORD, "remember": "y" if remember else ""}
    response = client.post("/login", data=data, **kwargs)
    assert response.status_code == 302
    return response


def _cookies(response) -> dict[str, str]:
    """Each Set-Cookie header by cookie name, attributes lower-cased."""
    found = {}
    for header in response.headers.getlist("Set-Cookie"):
        name = header.split("=", 1)[0]
        found[name] = header.lower()
    return found


def test_cookies_are_lax_and_http_only_over_http(client):
    cookies = _cookies(_sign_in(client))
    assert set(cookies) >= {"session", "remember_token"}
    for header in cookies.values():
        assert "samesite=lax" in header
        assert "httponly" in header
        assert "secure" not in header  # plain http (a laptop): a Secure cookie would be lost


def test_cookies_are_secure_over_https(client):
    cookies = _cookies(_sign_in(client, **HTTPS))
    for header in (cookies["session"], cookies["remember_token"]):
        assert "; secure" in header and "samesite=lax" in header


@pytest.fixture
def config_overrides(request):
    return getattr(request, "param", {})


@pytest.mark.parametrize("config_overrides", [{"PROXY_HOPS": 1}], indirect=True)
def test_cookies_are_secure_behind_a_trusted_proxy_that_says_https(client):
    response = _sign_in(client, headers={"X-Forwarded-Proto": "https"})
    cookies = _cookies(response)
    assert "; secure" in cookies["session"] and "; secure" in cookies["remember_token"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_an_untrusted_forwarded_proto_changes_nothing(client):
    response = _sign_in(client, headers={"X-Forwarded-Proto": "https"})
    assert "secure" not in _cookies(response)["session"]
    assert "Strict-Transport-Security" not in response.headers


@pytest.mark.parametrize(
    "config_overrides", [{"SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True}],
    indirect=True,
)  # fmt: skip
def test_configuration_can_make_cookies_always_secure(client):
    cookies = _cookies(_sign_in(client))
    assert "; secure" in cookies["session"] and "; secure" in cookies["remember_token"]


def test_remember_me_lasts_thirty_days(client):
    before = datetime.now(UTC).replace(microsecond=0)
    header = _cookies(_sign_in(client))["remember_token"]
    expires = parse_date(header.split("expires=", 1)[1].split(";", 1)[0])
    # Flask-Login dates the cookie by the real clock, not by the app's fixed test clock.
    assert timedelta(days=30) <= expires - before <= timedelta(days=30, minutes=5)


def test_hsts_only_over_https(login):
    office = login(OFFICE)
    assert "Strict-Transport-Security" not in office.get("/").headers
    secure = office.get("/", **HTTPS)
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


@pytest.mark.parametrize("path", ["/", "/items/", "/office/overdue", "/reports/agencies"])
def test_html_pages_carry_a_strict_policy(login, path):
    response = login(OFFICE).get(path)
    assert response.status_code == 200 and response.mimetype == "text/html"
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_error_pages_carry_the_policy_too(login):
    response = login(OFFICE).get("/items/999999")
    assert response.status_code == 404
    assert _policy(response)["script-src"] == ["'self'"]


def test_json_and_files_forbid_everything_and_sniffing(login):
    response = login(OFFICE).get("/api/v1/items")
    assert response.status_code == 200 and response.is_json
    assert _policy(response) == {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_no_template_holds_inline_script_or_event_handler(app):
    import re
    from pathlib import Path

    templates = Path(app.template_folder)
    for path in templates.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), path
        assert not re.search(r"\son[a-z]+\s*=", text), path


def _policy(response) -> dict[str, list[str]]:
    directives = [d.split() for d in response.headers["Content-Security-Policy"].split(";")]
    return {d[0]: d[1:] for d in directives if d}
