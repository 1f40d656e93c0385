"""People and the audit log in the API, for the administrator's integrations:
GET/POST /api/v1/users, POST /api/v1/users/{id}/deactivate, GET /api/v1/audit."""

from flask import Blueprint, abort, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from tracker.accounts.login import bearer_token
from tracker.api.writes import _error, _formdata
from tracker.audit import queries as audit_queries
from tracker.audit.forms import AuditFilterForm
from tracker.database import db
from tracker.models import User
from tracker.names import load_labels
from tracker.permissions import can_manage_users, can_read_audit
from tracker.refusals import ServiceError
from tracker.security import csrf
from tracker.users import actions, queries
from tracker.users.forms import UserFilterForm, UserForm

bp = Blueprint("api_people", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def authenticate():
    """401 without a session or token, 403 for anyone but the administrator; a session's
    writes must pass the CSRF check, as on api_writes."""
    if not current_user.is_authenticated:
        abort(401, description=_("Sign in or send an API token."))
    allowed = can_read_audit if request.endpoint == "api_people.audit" else can_manage_users
    if not allowed(current_user):
        abort(403, description=_("Only the administrator manages people's accounts."))
    if request.method == "POST" and bearer_token(request) is None:
        if current_app.config.get("WTF_CSRF_ENABLED", True):
            csrf.protect()


def user_json(user: User) -> dict:
    return {
        "id": user.id,
        "name": user.name,
        "email": user.email,
        "role": user.role,
        "agency": user.agency.code if user.agency else None,
        "phone": user.phone,
        "title": user.title,
        "active": user.active,
    }


def _form_errors(form) -> dict:
    return {name: [str(m) for m in messages] for name, messages in form.errors.items()}


@bp.get("/users")
def users():
    """People matching the page's filters: {"users": [...], "total", "page", "pages"}."""
    form = UserFilterForm(request.args, meta={"csrf": False})
    if not form.validate():
        return _error(400, _("Some fields are missing or invalid."), _form_errors(form))
    agencies = {a.code: a.id for a in load_labels().agencies}
    active = {"yes": True, "no": False}.get(form.active.data)
    filters = queries.UserFilters(
        form.q.data, agencies.get(form.agency.data), form.role.data or None, active
    )
    per_page = current_app.config["ITEMS_PER_PAGE"]
    page = queries.list_users(filters, form.page.data or 1, per_page)
    return jsonify(
        users=[user_json(u) for u in page.rows], total=page.total, page=page.page, pages=page.pages
    )


@bp.post("/users")
def create_user():
    """Open an account; `invite: true` mails the person their link to set a password."""
    form = UserForm(formdata=_formdata(), meta={"csrf": False})
    if not form.validate():
        return _error(400, _("Some fields are missing or invalid."), _form_errors(form))
    try:
        user = actions.create_user(current_user, form.person(), invite=form.invite.data)
    except ServiceError as refusal:
        db.session.rollback()
        return _error(refusal.status, refusal.message, refusal.errors)
    return jsonify(user_json(user)), 201


@bp.post("/users/<int:user_id>/deactivate")
def deactivate(user_id: int):
    """Deactivate an account: no sign-in, no mail; history kept."""
    user = db.session.get(User, user_id)
    if user is None:
        return _error(404, _("There is no such person."))
    try:
        actions.deactivate(current_user, user)
    except ServiceError as refusal:
        db.session.rollback()
        return _error(refusal.status, refusal.message, refusal.errors)
    return jsonify(user_json(user))


@bp.get("/audit")
def audit():
    """The audit log with the page's filters, newest first."""
    form = AuditFilterForm(request.args, meta={"csrf": False})
    if not form.validate():
        return _error(400, _("Some fields are missing or invalid."), _form_errors(form))
    per_page = current_app.config["ITEMS_PER_PAGE"]
    page = audit_queries.audit_page(form.filters(), form.page.data or 1, per_page)
    return jsonify(
        entries=[_entry_json(e) for e in page.rows],
        total=page.total,
        page=page.page,
        pages=page.pages,
    )


def _entry_json(entry: audit_queries.Entry) -> dict:
    return {
        "at": entry.created_at.isoformat(),
        "actor_id": entry.actor_id,
        "address": entry.address,
        "verb": entry.verb,
        "subject_type": entry.subject_type,
        "subject_id": entry.subject_id,
        "note": entry.note,
        "changes": entry.changes or {},
    }
