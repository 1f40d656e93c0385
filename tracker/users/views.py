"""/admin/users: the administrator's list of people and what is done to an account."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.clock import local_today
from tracker.database import db
from tracker.models import User
from tracker.names import load_labels
from tracker.permissions import can_manage_users
from tracker.refusals import ServiceError
from tracker.users import actions, queries
from tracker.users.forms import ConfirmForm, UserFilterForm, UserForm

bp = Blueprint("users", __name__, url_prefix="/admin/users")


@bp.before_request
@login_required
def require_admin():
    """The administrator only."""
    if not can_manage_users(current_user):
        abort(403)


def _user(user_id: int) -> User:
    return db.session.get(User, user_id) or abort(404)


@bp.get("")
def index():
    """Everyone with an account, searched and filtered."""
    form = UserFilterForm(request.args)
    if not form.validate():
        return render_template("users/index.html", form=form, page=None), 400
    agencies = {a.code: a.id for a in load_labels().agencies}
    active = {"yes": True, "no": False}.get(form.active.data)
    filters = queries.UserFilters(
        form.q.data, agencies.get(form.agency.data), form.role.data or None, active
    )
    page = queries.list_users(filters, form.page.data or 1, current_app.config["ITEMS_PER_PAGE"])
    return render_template("users/index.html", form=form, page=page, today=local_today())


@bp.route("/new", methods=["GET", "POST"])
def create():
    """Open an account and, usually, invite the person to choose a password."""
    form = UserForm()
    if form.validate_on_submit():
        try:
            user = actions.create_user(current_user, form.person(), invite=form.invite.data)
        except ServiceError as refusal:
            return _refused(form, refusal, "users/form.html", user=None)
        flash(_("The account of %(name)s is open.", name=user.name), "success")
        if form.invite.data:
            flash(_("An invitation was sent to %(email)s.", email=user.email), "info")
        return redirect(url_for("users.index", q=user.email))
    return render_template("users/form.html", form=form, user=None), _status(form)


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
def edit(user_id: int):
    """Change a person's name, email, role, agency, phone or title."""
    user = _user(user_id)
    form = UserForm(obj=user)
    if request.method == "GET":
        form.agency.data = user.agency.code if user.agency else ""
    if form.validate_on_submit():
        try:
            actions.update_user(current_user, user, form.person())
        except ServiceError as refusal:
            db.session.rollback()
            return _refused(form, refusal, "users/form.html", user=user)
        flash(_("The account of %(name)s is saved.", name=user.name), "success")
        return redirect(url_for("users.index", q=user.email))
    return render_template("users/form.html", form=form, user=user), _status(form)


@bp.route("/<int:user_id>/deactivate", methods=["GET", "POST"])
def deactivate(user_id: int):
    """Show what the person still has open, then deactivate the account."""
    user = _user(user_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            actions.deactivate(current_user, user)
        except ServiceError as refusal:
            db.session.rollback()
            flash(refusal.message, "danger")
            return _confirm_page(user, form), refusal.status
        flash(_("The account of %(name)s is deactivated.", name=user.name), "success")
        return redirect(url_for("users.index", q=user.email))
    return _confirm_page(user, form), _status(form)


def _confirm_page(user: User, form: ConfirmForm):
    return render_template(
        "users/deactivate.html",
        user=user,
        form=form,
        items=queries.open_items_of(user),
        requests=queries.pending_requests_of(user),
    )


@bp.post("/<int:user_id>/reactivate")
def reactivate(user_id: int):
    """Let a deactivated person sign in again."""
    user = _user(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    actions.reactivate(current_user, user)
    flash(_("The account of %(name)s is active again.", name=user.name), "success")
    return redirect(url_for("users.index", q=user.email))


@bp.post("/<int:user_id>/invite")
def invite(user_id: int):
    """Mail the person a one-time link to set their password."""
    user = _user(user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        sent = actions.invite(current_user, user)
    except ServiceError as refusal:
        flash(refusal.message, "danger")
        return redirect(url_for("users.index", q=user.email)), 303
    if sent:
        flash(_("An invitation was sent to %(email)s.", email=user.email), "info")
    else:
        flash(_("The mail server refused the invitation: try again later."), "danger")
    return redirect(url_for("users.index", q=user.email))


def _refused(form, refusal: ServiceError, template: str, **context):
    for name, messages in refusal.errors.items():
        getattr(form, name).errors = [*getattr(form, name).errors, *messages]
    flash(refusal.message, "danger")
    return render_template(template, form=form, **context), refusal.status


def _status(form) -> int:
    return 400 if form.is_submitted() else 200
