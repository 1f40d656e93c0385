"""Write endpoints of the JSON API: the same use cases, permissions and validation as the forms.

Bodies are JSON objects, or multipart forms when evidence files come along. Bearer-token
clients need no CSRF token; a browser session must send one (X-CSRFToken), since a form on
another site could otherwise post here with the user's cookie.
"""

from flask import Blueprint, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from werkzeug.http import HTTP_STATUS_CODES

from tracker.accounts.login import bearer_token
from tracker.api.serializers import item_detail_json
from tracker.clock import local_today
from tracker.database import db
from tracker.extensions import actions as extensions
from tracker.items.access import load_item, require
from tracker.permissions import ItemAction
from tracker.refusals import ServiceError
from tracker.security import csrf
from tracker.targets import measurements
from tracker.workflow import actions as workflow
from tracker.workflow import comments
from tracker.workflow.forms import (
    CommentForm,
    ConfirmForm,
    DecisionForm,
    ExtensionForm,
    MeasurementForm,
    ProgressForm,
    ReasonForm,
    SubmitForm,
)

bp = Blueprint("api_writes", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
A = ItemAction


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


def _run(form, item_id: int, action: ItemAction, call, status: int = 200, check=None):
    """Validate, call the use case, answer with the item; or say what was refused and why.

    An invalid body is first checked like the web's form pages check: a stranger's bad body
    is a 403, an action the item's state forbids a 409, before its fields are a 400.
    """
    if not form.validate():
        try:
            item = load_item(current_user, item_id)
            require(current_user, item, action)
            if check is not None:
                check(item)
        except ServiceError as error:
            return _error(error.status, error.message, error.errors)
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        return _error(400, _("Some fields are missing or invalid."), errors)
    try:
        call()
    except ServiceError as error:
        db.session.rollback()
        return _error(error.status, error.message, error.errors)
    item = load_item(current_user, item_id)
    return jsonify(item_detail_json(item, local_today())), status


def _form(form_class):
    return form_class(formdata=_formdata(), meta={"csrf": False})


@bp.post("/items/<int:item_id>/progress")
def progress(item_id: int):
    """Record progress: version, progress, text, document_number, document_date, files."""
    form = _form(ProgressForm)
    return _run(
        form,
        item_id,
        A.PROGRESS,
        lambda: workflow.record_progress(
            current_user, item_id, form.version.data, form.report(form.progress.data)
        ),
    )


@bp.post("/items/<int:item_id>/submit")
def submit(item_id: int):
    """Submit as done: version, text and/or files, document_number, document_date."""
    form = _form(SubmitForm)
    return _run(
        form,
        item_id,
        A.SUBMIT,
        lambda: workflow.submit(current_user, item_id, form.version.data, form.report()),
    )


@bp.post("/items/<int:item_id>/confirm")
def confirm(item_id: int):
    """Confirm a submission: version, note."""
    form = _form(ConfirmForm)
    return _run(
        form,
        item_id,
        A.CONFIRM,
        lambda: workflow.confirm(current_user, item_id, form.version.data, form.note.data or ""),
    )


@bp.post("/items/<int:item_id>/return")
def return_submission(item_id: int):
    """Return a submission: version, reason."""
    form = _form(ReasonForm)
    return _run(
        form,
        item_id,
        A.RETURN,
        lambda: workflow.return_submission(
            current_user, item_id, form.version.data, form.reason.data
        ),
    )


@bp.post("/items/<int:item_id>/extensions")
def request_extension(item_id: int):
    """Request an extension: version, proposed_deadline, reason, files."""
    form = _form(ExtensionForm)
    return _run(
        form,
        item_id,
        A.REQUEST_EXTENSION,
        lambda: extensions.request_extension(
            current_user, item_id, form.version.data, form.extension()
        ),
        201,
        check=extensions.check_requestable,
    )


@bp.post("/items/<int:item_id>/extensions/<int:request_id>/decision")
def decide_extension(item_id: int, request_id: int):
    """Decide a pending request: version, decision (approve|reject), decision_document, note."""
    form = _form(DecisionForm)
    return _run(
        form,
        item_id,
        A.DECIDE_EXTENSION,
        lambda: extensions.decide_extension(
            current_user, item_id, request_id, form.version.data, form.outcome()
        ),
    )


@bp.post("/items/<int:item_id>/measurements")
def measure(item_id: int):
    """Report a measured value of a target: version, value, measured_on, source."""
    form = _form(MeasurementForm)
    return _run(
        form,
        item_id,
        A.MEASURE,
        lambda: measurements.record_measurement(
            current_user,
            item_id,
            form.version.data,
            form.value.data,
            form.measured_on.data,
            form.source.data,
        ),
        201,
    )


@bp.post("/items/<int:item_id>/comments")
def comment(item_id: int):
    """Comment on an item: body."""
    form = _form(CommentForm)
    return _run(
        form,
        item_id,
        A.COMMENT,
        lambda: comments.add_comment(current_user, item_id, form.body.data),
        201,
    )
