"""Read endpoints for work items, and the OpenAPI description."""

from datetime import date

from flask import Blueprint, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from tracker.accounts.login import bearer_token
from tracker.api.openapi import openapi_document
from tracker.api.serializers import agency_json_on, history_json, item_detail_json, item_json
from tracker.clock import local_today
from tracker.http import page_arg
from tracker.items import queries as item_service
from tracker.items.forms import ItemFilterForm
from tracker.notifications import actions as notification_actions
from tracker.notifications import wording
from tracker.notifications.queries import notifications_of, unread_count
from tracker.permissions import can_view_item
from tracker.reorganisation.queries import agencies_on, lineage
from tracker.security import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # token clients send no CSRF token; session writes will check their own


@bp.before_request
def require_login():
    """Every endpoint needs a session or a bearer token (401 otherwise, never a redirect)."""
    if request.endpoint == "api.openapi":
        return None
    if not current_user.is_authenticated:
        abort(401, description=_("Sign in or send an API token."))
    # A session's writes (marking notifications read) pass the CSRF check; a token's need none.
    if request.method == "POST" and bearer_token(request) is None:
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()
    return None


@bp.get("/items")
def items():
    """Work items matching the list's filters: {"items": [...], "total": N, "page": P}."""
    form = ItemFilterForm(request.args)
    if not form.validate():
        return jsonify(error="Bad Request", errors=form.error_messages()), 400
    as_of = form.as_of.data or local_today()
    per_page = current_app.config["ITEMS_PER_PAGE"]
    page = item_service.list_items(
        current_user, form.filters(), as_of, form.page.data or 1, per_page
    )
    return jsonify(
        items=[item_json(item, as_of) for item in page.rows],
        total=page.total,
        page=page.page,
        pages=page.pages,
        per_page=per_page,
    )


@bp.get("/items/<int:item_id>")
def item(item_id: int):
    """One work item with its plan text, measured values and history."""
    found = item_service.get_item(item_id)
    if found is None or not can_view_item(current_user, found):
        abort(404, description=_("There is no such item, or it is not yours to see."))
    return jsonify(item_detail_json(found, local_today()))


@bp.get("/items/<int:item_id>/history")
def item_history(item_id: int):
    """Every dated change of an item: its assignment period by period, and its activities."""
    found = item_service.get_item(item_id)
    if found is None or not can_view_item(current_user, found):
        abort(404, description=_("There is no such item, or it is not yours to see."))
    return jsonify(history_json(found))


@bp.get("/notifications")
def notifications():
    """The signed-in person's notifications, newest first, and how many are unread."""
    per_page = current_app.config["ITEMS_PER_PAGE"]
    page = notifications_of(current_user, page_arg(), per_page)
    return jsonify(
        notifications=[
            {
                "id": row.id,
                "event": row.event,
                "item_id": row.item_id,
                "item_code": row.item.code,
                "created_at": row.created_at.isoformat(),
                "read": row.read_at is not None,
                "text": wording.sentence(row),
            }
            for row in page.rows
        ],
        unread=unread_count(current_user.id),
        total=page.total,
        page=page.page,
        pages=page.pages,
    )


@bp.post("/notifications/<int:notification_id>/read")
def read_notification(notification_id: int):
    """Mark one of the signed-in person's notifications read (404 for anyone else's)."""
    if notification_actions.mark_read(current_user, notification_id) is None:
        abort(404, description=_("There is no such notification."))
    return jsonify(id=notification_id, read=True, unread=unread_count(current_user.id))


@bp.post("/notifications/read-all")
def read_all_notifications():
    """Mark every notification of the signed-in person read; how many were unread."""
    marked = notification_actions.mark_all_read(current_user)
    return jsonify(marked=marked, unread=unread_count(current_user.id))


@bp.get("/agencies")
def agencies():
    """Agencies existing on `?on=YYYY-MM-DD` (all when absent), with their level, parent,
    predecessors, successors and the days they existed from and until; `?level=` narrows."""
    on, level = request.args.get("on"), request.args.get("level") or None
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        return jsonify(error="Bad Request", errors={"on": [_("Give a date as YYYY-MM-DD.")]}), 400
    before, after = lineage()
    return jsonify(
        on=day.isoformat() if day else None,
        agencies=[agency_json_on(agency, before, after) for agency in agencies_on(day, level)],
    )


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 description of this API."""
    return jsonify(openapi_document())
