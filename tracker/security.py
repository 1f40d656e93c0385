"""Request-level protection, created once and unbound: sign-in sessions, CSRF, rate limits,
bounded row ids in URLs, and the reverse proxies whose headers are trusted."""

from flask import Flask
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
