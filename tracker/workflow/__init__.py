"""Keeping items current: the lead agency's updates, the office's decisions and assignments,
the agency's page, the office's inbox and the API's write endpoints.

`init_app` registers them all, with what their templates need.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from flask import Flask, current_app
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

DATE_FIELDS = frozenset({"deadline", "completed_on", "proposed_deadline", "original_deadline"})


def init_app(app: Flask) -> None:
    from tracker.agency.views import bp as agency_bp
    from tracker.api.writes import bp as api_writes_bp
    from tracker.assignments.views import bp as assignments_bp
    from tracker.decisions.views import bp as decisions_bp
    from tracker.inbox.views import bp as inbox_bp
    from tracker.workflow.views import bp as workflow_bp

    for blueprint in (
        workflow_bp,
        decisions_bp,
        assignments_bp,
        agency_bp,
        inbox_bp,
        api_writes_bp,
    ):
        app.register_blueprint(blueprint)
    app.register_error_handler(RequestEntityTooLarge, too_large)
    app.jinja_env.filters["change_value"] = change_value
    app.context_processor(workflow_globals)


def too_large(_error: RequestEntityTooLarge):
    """A request over MAX_CONTENT_LENGTH (or a form text over Werkzeug's limit), explained."""
    from tracker.web import http_error

    megabytes = 1024 * 1024
    message = _(
        "What you sent is too large: at most %(total)d MB at once, and %(size)d MB per file. "
        "Send fewer files at a time, or smaller photos.",
        total=current_app.config["MAX_CONTENT_LENGTH"] // megabytes,
        size=current_app.config["MAX_UPLOAD_BYTES"] // megabytes,
    )
    return http_error(RequestEntityTooLarge(description=message))


def change_value(value: str | None, field: str) -> str:
    """A value from an item's history, as a reader expects it: dates, statuses, per cents."""
    from tracker.web import STATUS_LABELS, format_date, format_number

    if value in (None, ""):
        return "—"
    if field == "status":
        return str(STATUS_LABELS.get(value, value))
    if field in DATE_FIELDS:
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    if field == "progress":
        return f"{value}%"
    if field == "measured_value":
        try:
            return format_number(Decimal(value))
        except InvalidOperation:
            return value
    return value


def workflow_globals() -> dict:
    from tracker.permissions import (
        ItemAction,
        inbox_sections,
        item_actions,
        manages_plan,
        uses_agency_page,
    )

    return {
        "ItemAction": ItemAction,
        "item_actions": item_actions,
        "inbox_sections": inbox_sections,
        "manages_plan": manages_plan,
        "uses_agency_page": uses_agency_page,
    }
