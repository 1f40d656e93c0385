"""The web side: its pages (`tracker.web.pages`), the error pages, the template helpers and
the health check."""

import hashlib
import io
from functools import cache
from pathlib import Path

from flask import Flask, current_app, jsonify, send_file
from flask_wtf.csrf import CSRFError
from sqlalchemy import text
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from tracker.database import db
from tracker.web import templating
from tracker.web.errors import csrf_error, http_error, too_large


def init_app(app: Flask, pages: bool = True) -> None:
    """The error pages, the templates' filters, and every page unless `pages` is false: the
    caller then registers them (`register_pages`) when something first asks for a URL."""
    if pages:
        register_pages(app)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(RequestEntityTooLarge, too_large)
    app.register_error_handler(HTTPException, http_error)
    templating.init_app(app)


def register_pages(app: Flask) -> None:
    """Every blueprint, the health check and the tab's icon, with what only pages use: the
    helpers their templates call, the static files' fingerprints, compressed responses."""
    # Imported here: loading every page's module is most of what a command that serves no page
    # (the sweep, delivery) would pay for the web at its start.
    from tracker.web import assets, page_helpers, pages

    pages.register(app)
    app.add_url_rule("/healthz", "healthz", healthz)
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    page_helpers.init_app(app)
    assets.init_app(app)


def favicon():
    """The tab's icon, where browsers look for it without being told. Served from memory:
    a browser asks for it beside every page and drops the request when the page moves on,
    and a dropped response of an open file leaves the file open in a development server."""
    icon, etag = _icon(current_app.static_folder)
    return send_file(
        io.BytesIO(icon), mimetype="image/vnd.microsoft.icon", etag=etag,
        max_age=current_app.get_send_file_max_age("favicon.ico"),
    )  # fmt: skip


@cache
def _icon(folder: str) -> tuple[bytes, str]:
    icon = (Path(folder) / "favicon.ico").read_bytes()
    return icon, hashlib.sha256(icon).hexdigest()[:16]


def healthz():
    """200 when the database answers."""
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")
