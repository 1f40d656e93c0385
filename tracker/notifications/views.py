"""/notifications: what happened to my work, newest first; marking it read."""

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from tracker.http import page_arg
from tracker.notifications import actions, wording
from tracker.notifications.forms import MarkAllReadForm, MarkReadForm
from tracker.notifications.queries import notifications_of, unread_count

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.before_request
@login_required
def signed_in():
    """Everyone signed in has their notifications."""


@bp.get("/")
def index():
    """My notifications, newest first, the unread ones marked."""
    per_page = current_app.config["ITEMS_PER_PAGE"]
    page = notifications_of(current_user, page_arg(), per_page)
    return render_template(
        "notifications/index.html",
        page=page,
        unread=unread_count(current_user.id),
        wording=wording,
        read_form=MarkReadForm(),
        all_form=MarkAllReadForm(),
    )


@bp.post("/<int:notification_id>/read")
def read(notification_id: int):
    """Mark one notification read and open its item."""
    if not MarkReadForm().validate_on_submit():
        abort(400)
    item_id = actions.mark_read(current_user, notification_id)
    if item_id is None:
        abort(404, description=_("There is no such notification."))
    return redirect(url_for("items.show", item_id=item_id))


@bp.post("/read-all")
def read_all():
    """Mark every notification read."""
    if not MarkAllReadForm().validate_on_submit():
        abort(400)
    done = actions.mark_all_read(current_user)
    flash(
        ngettext("%(num)d notification marked read.", "%(num)d notifications marked read.", done),
        "success",
    )
    return redirect(url_for("notifications.index"))
