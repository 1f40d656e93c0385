"""Write endpoints of the JSON API, made from the same declarations as the pages: the same
forms, permissions, use cases and refusals (`tracker.item_actions.ItemActionSpec`).

Bodies are JSON objects, or multipart forms when evidence files come along. Bearer-token
clients need no CSRF token; a browser session must send one (X-CSRFToken), since a form on
another site could otherwise post here with the user's cookie.
"""

from flask import Blueprint, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from werkzeug.http import HTTP_STATUS_CODES

from tracker.access import load_item, require
from tracker.accounts.login import bearer_token
from tracker.api.serializers import item_detail_json
from tracker.assignments import views as assignments
from tracker.clock import local_today
from tracker.database import db
from tracker.delegation import views as delegation
from tracker.extensions import proposal_pages
from tracker.extensions import views as extensions
from tracker.item_actions import ItemActionSpec
from tracker.pauses import views as pauses
from tracker.refusals import ServiceError
from tracker.security import csrf
from tracker.targets import measurement_pages as measurements
from tracker.targets import revision_pages as target_revisions
from tracker.workflow import decisions, review_pages
from tracker.workflow import views as workflow

bp = Blueprint("api_writes", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def authenticate():
    """401 without a session or token; a session (not a token) must also pass the CSRF check.
    A request with a token was signed in by that token alone (`accounts.login.load_user`)."""
    if not current_user.is_authenticated:
        abort(401, description=_("Sign in or send an API token."))
    if bearer_token(request) is None and current_app.config.get("WTF_CSRF_ENABLED", True):
        csrf.protect()


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "y" if value else ""
    if isinstance(value, dict | list):
        abort(400, description=_("Send a JSON object of plain values."))
    return str(value)


def _formdata():
    """The body as form data: a JSON object's fields, or the multipart form and its files."""
    if not request.is_json:
        return CombinedMultiDict([request.files, request.form])
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description=_("Send a JSON object."))
    return MultiDict([(k, _scalar(v)) for k, v in body.items() if v is not None])


def _error(status: int, message: str, errors: dict | None = None):
    body = {"error": HTTP_STATUS_CODES.get(status, "Error"), "message": message}
    return jsonify(**body, errors=errors or {}), status


def _invalid(spec: ItemActionSpec, form, item_id: int):
    """An invalid body is first checked like the pages check it: a stranger's bad body is a
    403, an action the item's state forbids a 409, before its fields are a 400."""
    try:
        item = load_item(current_user, item_id)
        require(current_user, item, spec.permission)
        if spec.precondition is not None:
            spec.precondition(item)
    except ServiceError as error:
        return _error(error.status, error.message, error.errors)
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    return _error(400, _("Some fields are missing or invalid."), errors)


def api_view(spec: ItemActionSpec) -> None:
    """Register the action's endpoint: validate, call the use case, answer with the item;
    or say what was refused and why."""

    def view(item_id: int, **url_values):
        form = spec.form(formdata=_formdata(), meta={"csrf": False})
        if not form.validate():
            return _invalid(spec, form, item_id)
        try:
            result = spec.perform(current_user, form, item_id, **url_values)
        except ServiceError as error:
            db.session.rollback()
            return _error(error.status, error.message, error.errors)
        item = load_item(current_user, item_id)
        body = item_detail_json(item, local_today())
        if warning := spec.warning_of(result):
            body["warning"] = warning
        return jsonify(body), 201 if spec.created else 200

    view.__name__, view.__doc__ = spec.name, spec.summary
    bp.add_url_rule(spec.api_url, spec.name, view, methods=["POST"])


DECLARED = (
    *workflow.ACTIONS,
    *decisions.ACTIONS,
    *extensions.ACTIONS,
    *measurements.ACTIONS,
    *target_revisions.ACTIONS,
    *review_pages.ACTIONS,
    *delegation.ACTIONS,
    *assignments.ACTIONS,
    *proposal_pages.ACTIONS,
    *pauses.ACTIONS,
)
for spec in DECLARED:
    if spec.api_url is not None:
        api_view(spec)
