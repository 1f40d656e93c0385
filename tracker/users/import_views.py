"""/admin/users/import: people from an Excel sheet, previewed row by row, saved all or none."""

import json

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user, login_required
from wtforms import BooleanField, HiddenField

from tracker.permissions import can_manage_users
from tracker.refusals import ServiceError
from tracker.users import imports
from tracker.users.forms import ConfirmForm, ImportForm

bp = Blueprint("user_import", __name__, url_prefix="/admin/users/import")


class ImportConfirmForm(ConfirmForm):
    rows = HiddenField()
    invite = BooleanField(_l("Send each person an invitation by email"), default=True)


@bp.before_request
@login_required
def require_admin():
    """The administrator only."""
    if not can_manage_users(current_user):
        abort(403)


@bp.route("", methods=["GET", "POST"])
def upload():
    """Upload a sheet: every row is checked and shown; nothing is saved yet."""
    form = ImportForm()
    if not form.validate_on_submit():
        return render_template("users/import.html", form=form, rows=None), _status(form)
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        form.file.errors = [_("Choose an Excel file.")]
        return render_template("users/import.html", form=form, rows=None), 400
    try:
        rows = imports.read_sheet(upload_file.read())
        valid = imports.check_rows(current_user, rows)
    except ServiceError as refusal:
        form.file.errors = [refusal.message]
        return render_template("users/import.html", form=form, rows=None), refusal.status
    confirm = ImportConfirmForm(rows=json.dumps(imports.rows_as_data(rows), ensure_ascii=False))
    return render_template(
        "users/import.html", form=form, rows=rows, valid=valid, confirm=confirm
    ), 200 if valid else 400


@bp.post("/confirm")
def confirm():
    """Save every previewed row, or none if any fails now."""
    form = ImportConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        data = json.loads(form.rows.data or "[]")
        if not isinstance(data, list) or not data:
            raise ValueError
    except ValueError:
        abort(400, description=_("The import was not understood: upload the file again."))
    try:
        people = imports.import_rows(
            current_user, imports.rows_from_data(data), invite=form.invite.data
        )
    except ServiceError as refusal:
        flash(refusal.message, "danger")
        return redirect(url_for("user_import.upload"))
    flash(
        ngettext("%(num)d account was opened.", "%(num)d accounts were opened.", len(people)),
        "success",
    )
    return redirect(url_for("users.index"))


def _status(form) -> int:
    return 400 if form.is_submitted() else 200
