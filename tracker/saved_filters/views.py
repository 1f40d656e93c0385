"""/filters: save the item list's filters, pin them to the menu, delete them."""

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.refusals import Invalid, NotFound
from tracker.saved_filters import actions
from tracker.saved_filters.forms import FilterButtonForm, SaveFilterForm

bp = Blueprint("saved_filters", __name__, url_prefix="/filters")


@bp.before_request
@login_required
def signed_in():
    """Everyone signed in keeps their own filters."""


@bp.post("/")
def save():
    """Save the list's current filters under a name."""
    form = SaveFilterForm()
    if not form.validate_on_submit():
        abort(400, description=" ".join(str(m) for ms in form.errors.values() for m in ms))
    try:
        saved = actions.save(current_user, form.name.data, form.query.data or "", form.pinned.data)
    except Invalid as refusal:
        abort(400, description=refusal.message)
    flash(_("Filter “%(name)s” saved.", name=saved.name), "success")
    return redirect(f"{url_for('items.index')}?{saved.query}")


def _button(change, filter_id: int, said: str):
    if not FilterButtonForm().validate_on_submit():
        abort(400)
    try:
        change(current_user, filter_id)
    except NotFound as refusal:
        abort(404, description=refusal.message)
    flash(said, "success")
    return redirect(url_for("items.index"))


@bp.post("/<int:filter_id>/pin")
def pin(filter_id: int):
    """Pin a saved filter to the menu, or take it off."""
    return _button(actions.toggle_pin, filter_id, _("The menu is updated."))


@bp.post("/<int:filter_id>/delete")
def delete(filter_id: int):
    """Delete a saved filter."""
    return _button(actions.delete, filter_id, _("The filter is deleted."))
