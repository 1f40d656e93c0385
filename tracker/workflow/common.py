"""What the workflow pages share: finding the item, guarding a form page, showing a refusal."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker.database import db
from tracker.items.access import load_item, require
from tracker.models import WorkItem
from tracker.permissions import ItemAction
from tracker.refusals import NotFound, ServiceError, StaleItem


def item_or_404(item_id: int) -> WorkItem:
    """The item the signed-in user may see, or a 404 page (missing and hidden look alike)."""
    try:
        return load_item(current_user, item_id)
    except NotFound as error:
        abort(404, description=error.message)


def guard(item: WorkItem, action: ItemAction) -> None:
    """Before showing a form: 403 if not the user's to do, 409 if the status forbids it now."""
    try:
        require(current_user, item, action)
    except ServiceError as error:
        abort(error.status, description=error.message)


def refused(error: ServiceError, template: str, form, **context):
    """Show the form again with what was refused and why; nothing was written.

    Field errors go beside their fields; anything else is said at the top of the page.
    403 and 404 get the error page: there is no form the user could correct.
    """
    db.session.rollback()
    if error.status in (403, 404):
        abort(error.status, description=error.message)
    if isinstance(error, StaleItem) and context.get("item") is not None:
        return _changed_meanwhile(template, form, **context)
    placed = False
    for name, messages in error.errors.items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, *messages]
            placed = True
    if not placed:
        flash(error.message, "danger")
    return render_template(template, form=form, **context), error.status


def _changed_meanwhile(template: str, form, **context):
    """Someone changed the item since the form was opened: show the form again, what was
    typed kept, now carrying the item's current version. Sending it again, knowingly, saves
    it; with the old version it could never be saved, and reloading would lose the typing."""
    item = context["item"]
    db.session.refresh(item)
    form.version.raw_data, form.version.data = None, item.version
    flash(
        _(
            "Someone else changed this item after you opened this page (see its history). "
            "What you entered is kept: check it, then send it again to save it."
        ),
        "warning",
    )
    return render_template(template, form=form, **context), 409


def form_status(form) -> int:
    """200 for a fresh form, 400 for one sent back with errors."""
    return 400 if form.is_submitted() else 200


def back_to_item(item_id: int, message: str, part: str | None = None):
    """Say it worked and go back to the item's page (at `part` of it, e.g. its comments)."""
    flash(message, "success")
    return redirect(url_for("items.show", item_id=item_id, _anchor=part))
