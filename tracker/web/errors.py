"""Every HTTP error as a page in the user's language, or as JSON for the API."""

from flask import current_app, jsonify, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from tracker.http import wants_json


def http_error(error: HTTPException):
    """Every HTTP error as a page in the user's language, or JSON for the API."""
    # Werkzeug's stock descriptions are English; only our own (translated) ones are shown.
    own = error.description != type(error).description
    message = error.description if own and isinstance(error.description, str) else None
    if wants_json():
        return jsonify(error=error.name, message=message), error.code, _own_headers(error)
    page = render_template("errors/error.html", error=error, message=message)
    return page, error.code, _own_headers(error)


def _own_headers(error: HTTPException) -> list[tuple[str, str]]:
    """What HTTP says with the error (a 405's Allow, a 401's WWW-Authenticate, a 503's
    Retry-After), less the Content-Type of Werkzeug's own page, which this one replaces."""
    return [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]


def csrf_error(error: CSRFError):
    """A form without a valid CSRF token: say so plainly, change nothing."""
    message = _(
        "This form has expired or was not sent from this site. Reload the page and try again."
    )
    if wants_json():
        return jsonify(error="Bad Request", message=message), 400
    return render_template("errors/error.html", error=error, message=message), 400


def too_large(_error: RequestEntityTooLarge):
    """A request over MAX_CONTENT_LENGTH (or a form text over Werkzeug's limit), explained."""
    megabytes = 1024 * 1024
    message = _(
        "What you sent is too large: at most %(total)d MB at once, and %(size)d MB per file. "
        "Send fewer files at a time, or smaller photos.",
        total=current_app.config["MAX_CONTENT_LENGTH"] // megabytes,
        size=current_app.config["MAX_UPLOAD_BYTES"] // megabytes,
    )
    return http_error(RequestEntityTooLarge(description=message))
