"""POST /items/bulk: a bulk action on the items selected in the list."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from tracker.bulk import actions
from tracker.bulk.forms import BulkForm
from tracker.database import db
from tracker.http import site_path
from tracker.refusals import ServiceError

bp = Blueprint("bulk", __name__, url_prefix="/items")


@bp.post("/bulk")
@login_required
def perform():
    """Apply one action to every selected item, or refuse them all with the reasons."""
    if not actions.actions_for(current_user):
        abort(403, description=_("Your account may not do this on this item."))
    form = BulkForm()
    back = site_path(request.form.get("next")) or url_for("items.index")
    if not form.validate():
        said = " ".join(str(m) for messages in form.errors.values() for m in messages)
        return _refused(said, [], 400, back)
    try:
        done = actions.perform(current_user, form.selection(request.form.getlist("selected")))
    except actions.SelectionRefused as refused:
        return _refused(refused.message, refused.offending, refused.status, back)
    except ServiceError as error:
        return _refused(error.message, [], error.status, back)
    flash(ngettext("Done on %(num)d item.", "Done on %(num)d items.", done), "success")
    return redirect(back)


def _refused(message: str, offending: list, status: int, back: str):
    """Nothing was written: say why, and which items offend."""
    db.session.rollback()
    page = render_template("bulk/refused.html", message=message, offending=offending, back=back)
    return page, status
