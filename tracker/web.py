"""The web side: blueprints, error pages, template helpers, the health check."""

from datetime import date, datetime
from decimal import Decimal
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, jsonify, render_template, request, url_for
from flask_babel import format_datetime, format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy import text
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter

from tracker import reports
from tracker.domain.standing import Standing
from tracker.extensions import db

STANDING_LABELS = {
    Standing.DONE_ON_TIME: _l("Completed on time"),
    Standing.DONE_LATE: _l("Completed late"),
    Standing.IN_PROGRESS: _l("In progress, within deadline"),
    Standing.OVERDUE: _l("In progress, overdue"),
    Standing.NO_DEADLINE: _l("No deadline"),
}
STATUS_LABELS = {
    "assigned": _l("Assigned"),
    "in_progress": _l("In progress"),
    "submitted": _l("Submitted, awaiting confirmation"),
    "completed": _l("Completed"),
    "returned": _l("Returned"),
    "refused": _l("Refused"),
    "cancelled": _l("Cancelled"),
}
KIND_LABELS = {"target": _l("Target"), "task": _l("Task")}
# What an entry of an item's history says happened, by its verb.
ACTIVITY_LABELS = {
    "created": _l("Created"),
    "seeded": _l("Assigned by the plan"),
    "updated": _l("Updated"),
    "reassigned": _l("Reassigned"),
    "progress": _l("Progress reported"),
    "submitted": _l("Submitted as done"),
    "confirmed": _l("Completion confirmed"),
    "returned": _l("Returned to the agency"),
    "refused": _l("Refused by the agency"),
    "cancelled": _l("Cancelled"),
    "reopened": _l("Reopened"),
    "extension_requested": _l("Extension requested"),
    "extension_approved": _l("Extension approved"),
    "extension_rejected": _l("Extension rejected"),
    "measured": _l("Value reported"),
    "commented": _l("Comment"),
    "reminded": _l("Reminder sent"),
    "escalated": _l("Escalated"),
}
FIELD_LABELS = {
    "status": _l("Status"),
    "progress": _l("Progress"),
    "deadline": _l("Deadline"),
    "lead_agency": _l("Lead agency"),
    "coordinating_agencies": _l("Coordinating agencies"),
    "responsible": _l("Responsible person"),
    "title": _l("Title"),
    "completed_on": _l("Completed on"),
    "proposed_deadline": _l("Proposed deadline"),
    "decision_document": _l("Decision document"),
    "measured_value": _l("Measured value"),
}


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


def int_arg(name: str, *, default: int, low: int, high: int, message: str) -> int:
    """An integer of the query string within [low, high], `default` when absent; a 400 with
    `message` for anything else ("abc", "1.5", a number of forty digits)."""
    raw = request.args.get(name, "")
    if not raw:
        return default
    if not raw.isdecimal() or len(raw) > len(str(high)) or not low <= int(raw) <= high:
        abort(400, description=message)
    return int(raw)


def page_arg() -> int:
    """`?page=`: from 1 to MAX_PAGE, 1 when absent."""
    return int_arg(
        "page",
        default=1,
        low=1,
        high=current_app.config["MAX_PAGE"],
        message=_("The page number is out of range."),
    )


def init_app(app: Flask) -> None:
    from tracker import workflow
    from tracker.admin.views import bp as admin_bp
    from tracker.api.views import bp as api_bp
    from tracker.items.views import bp as items_bp
    from tracker.plans.views import bp as plans_bp

    app.register_blueprint(plans_bp)
    app.register_blueprint(items_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(admin_bp)
    workflow.init_app(app)  # updates, decisions, assignments, agency page, inbox, API writes
    reports.init_app(app)
    app.add_url_rule("/healthz", "healthz", healthz)
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(HTTPException, http_error)
    app.jinja_env.filters["vndate"] = format_date
    app.jinja_env.filters["num"] = format_number
    app.jinja_env.filters["quantity"] = format_quantity
    app.jinja_env.filters["vndatetime"] = format_moment
    app.context_processor(template_globals)


def healthz():
    """200 when the database answers."""
    db.session.execute(text("SELECT 1"))
    return jsonify(status="ok")


def format_date(value: date | None) -> str:
    """Dates as Vietnamese administrative documents write them: 31/12/2025."""
    # Not strftime: lists format a date or two on every row, and strftime costs three times more.
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def format_moment(value: datetime | None) -> str:
    """A timestamp in the province's time zone: 25/11/2026 14:05."""
    return format_datetime(value, "dd/MM/yyyy HH:mm") if value else ""


def format_number(value: Decimal | float | int | None) -> str:
    """A figure without trailing zeros, in the reader's locale: 90, 2.000, 15,5."""
    return format_decimal(value, format="#,##0.##") if value is not None else ""


def format_quantity(value: Decimal | float | int | None, unit: str | None) -> str:
    """A figure with its unit as Vietnamese writes them: "1 khu", "2.000 người", but "90%"."""
    if value is None:
        return ""
    if not unit:
        return format_number(value)
    return f"{format_number(value)}{'' if unit == '%' else ' '}{unit}"


def template_globals() -> dict:
    return {
        "STANDING_LABELS": STANDING_LABELS,
        "STATUS_LABELS": STATUS_LABELS,
        "KIND_LABELS": KIND_LABELS,
        "Standing": Standing,
        "get_locale": get_locale,
        "ACTIVITY_LABELS": ACTIVITY_LABELS,
        "FIELD_LABELS": FIELD_LABELS,
        "page_to_return_to": page_to_return_to,
    }


def page_to_return_to() -> str:
    """This page's path, for a control that comes back to it (the language switch). A page
    answering a POST (a form shown again with its errors) has a URL that only takes POSTs:
    then the page the form was sent from, if it is one of ours."""
    if request.method == "GET":
        return request.full_path if request.query_string else request.path
    sent_from = urlsplit(request.referrer or "")
    path = f"{sent_from.path}?{sent_from.query}" if sent_from.query else sent_from.path
    return site_path(path) or url_for("plans.overview")


def site_path(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None: a `next` never leads elsewhere."""
    if target and target.startswith("/") and not urlsplit(target).netloc and "\\" not in target:
        return target
    return None


def wants_json() -> bool:
    return request.path.startswith("/api/")


def http_error(error: HTTPException):
    """Every HTTP error as a page in the user's language, or JSON for the API."""
    # Werkzeug's stock descriptions are English; only our own (translated) ones are shown.
    own = error.description != type(error).description
    message = error.description if own and isinstance(error.description, str) else None
    if wants_json():
        return jsonify(error=error.name, message=message), error.code
    return render_template("errors/error.html", error=error, message=message), error.code


def csrf_error(error: CSRFError):
    """A form without a valid CSRF token: say so plainly, change nothing."""
    message = _(
        "This form has expired or was not sent from this site. Reload the page and try again."
    )
    if wants_json():
        return jsonify(error="Bad Request", message=message), 400
    return render_template("errors/error.html", error=error, message=message), 400
