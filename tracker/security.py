"""Request-level protection, created once and unbound: sign-in sessions, CSRF, rate limits,
bounded row ids in URLs, the reverse proxies whose headers are trusted, and the security headers
and cookie flags of every response."""

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

login = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


class RowId(IntegerConverter):
    """`<int:…>` in every URL: a row id, which the database's INTEGER bounds. A longer number
    matches no route (404) instead of overflowing the query (500)."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def use_row_ids(app: Flask) -> None:
    """Before any route is added: rules take their converter when they are made."""
    app.url_map.converters["int"] = RowId


def trust_proxies(app: Flask) -> None:
    """Behind PROXY_HOPS reverse proxies, take the client's address and scheme from them (the
    host comes in the Host header: see the README's deployment)."""
    if hops := app.config["PROXY_HOPS"]:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)


# --- Response headers and cookies -------------------------------------------------------------

#: Pages load scripts, styles and images from the tracker alone; no inline script runs. Style
#: attributes stay allowed (style-src-attr): progress bars take their width from data, and the
#: outbox shows a digest's HTML, styled inline as mail must be, in a sandboxed frame that inherits
#: this policy. Bootstrap draws its small icons (the menu button, select arrows) as data: SVG.
PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'self'",
    ]
)
#: Anything else (JSON, exports, evidence files, feeds, static files) is never a page.
DATA_POLICY = "default-src 'none'; frame-ancestors 'none'"


def protect_responses(app: Flask) -> None:
    """Security headers on every response, and cookies marked Secure over HTTPS. Call it before
    trust_proxies, so that ProxyFix wraps the cookie filter and it sees the client's scheme."""
    app.after_request(_security_headers)
    app.wsgi_app = SecureCookies(app.wsgi_app)


def _security_headers(response: Response) -> Response:
    policy = PAGE_POLICY if response.mimetype == "text/html" else DATA_POLICY
    response.headers.setdefault("Content-Security-Policy", policy)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    # Over plain HTTP the header is ignored by browsers, and would only mislead.
    if request.is_secure and (seconds := current_app.config["HSTS_SECONDS"]):
        response.headers.setdefault("Strict-Transport-Security", f"max-age={seconds}")
    return response


class SecureCookies:
    """WSGI filter: over HTTPS every cookie the app sets is marked Secure.

    Flask and Flask-Login take a cookie's Secure flag from app-wide settings, so they cannot tell
    an HTTPS request from an HTTP one (a laptop, a health check); the response can. Setting
    SESSION_COOKIE_SECURE and REMEMBER_COOKIE_SECURE makes every cookie Secure regardless.
    """

    def __init__(self, wsgi_app) -> None:
        self.wsgi_app = wsgi_app

    def __call__(self, environ, start_response):
        if environ.get("wsgi.url_scheme") != "https":
            return self.wsgi_app(environ, start_response)

        def start_secure(status, headers, exc_info=None):
            return start_response(
                status, [_secure(name, value) for name, value in headers], exc_info
            )

        return self.wsgi_app(environ, start_secure)


def _secure(name: str, value: str) -> tuple[str, str]:
    attributes = {part.strip().lower() for part in value.split(";")[1:]}
    if name.lower() == "set-cookie" and "secure" not in attributes:
        return name, f"{value}; Secure"
    return name, value
