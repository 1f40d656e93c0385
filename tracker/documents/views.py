"""The documents: their list with the reconciliation by document (and its export), a
document's page and file, and the office's form to record or correct one."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.database import db
from tracker.documents import actions, queries
from tracker.documents.forms import DocumentForm
from tracker.documents.sheets import reconciliation_sheet
from tracker.evidence.files import upload_folder
from tracker.exports import send
from tracker.models import Plan
from tracker.permissions import can_follow_up, manages_plan
from tracker.refusals import ServiceError
from tracker.reports.forms import AsOfForm, export_format

bp = Blueprint("documents", __name__, url_prefix="/documents")


@bp.before_request
@login_required
def require_login():
    """Every page here needs a signed-in user."""


def _document_or_404(document_id: int) -> Plan:
    document = db.session.get(Plan, document_id)
    if document is None:
        abort(404, description=_("There is no such document."))
    return document


def _office_only() -> None:
    if not manages_plan(current_user):
        abort(403, description=_("Only the provincial office records documents."))


@bp.get("/")
def index():
    """Every document, with its items by standing: the reconciliation by document."""
    form = AsOfForm(request.args)
    fmt = export_format()
    if not form.validate():
        return render_template("documents/index.html", form=form, rows=None), 400
    rows = queries.reconciliation(current_user, form.date())
    if fmt:
        if not can_follow_up(current_user):
            abort(403, description=_("Only the office and the leaders export this report."))
        return send(reconciliation_sheet(rows, form.date()), fmt, "doi-chieu-theo-van-ban")
    return render_template("documents/index.html", form=form, rows=rows, as_of=form.date())


@bp.get("/<int:document_id>")
def show(document_id: int):
    document = _document_or_404(document_id)
    return render_template(
        "documents/show.html", document=document, items=queries.item_count(document.id)
    )


@bp.get("/<int:document_id>/file")
def file(document_id: int):
    """The document's file, under the name it was uploaded with."""
    document = _document_or_404(document_id)
    path = upload_folder() / (document.file_stored_name or "")
    if not document.file_stored_name or not path.is_file():
        abort(404, description=_("This document has no file."))
    response = send_file(
        path,
        mimetype=document.file_content_type,
        as_attachment=True,
        download_name=document.file_name,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _form_page(form: DocumentForm, document: Plan | None, status: int = 200):
    return render_template("documents/form.html", form=form, document=document), status


def _refused(error: ServiceError, form: DocumentForm, document: Plan | None):
    for name, messages in error.errors.items():
        if name in form:
            form[name].errors = list(messages)
    flash(error.message, "danger")
    return _form_page(form, document, error.status)


@bp.route("/new", methods=["GET", "POST"])
def create():
    _office_only()
    form = DocumentForm()
    if not form.validate_on_submit():
        return _form_page(form, None, 400 if form.errors else 200)
    try:
        document = actions.create_document(current_user, form.data_object(), form.upload())
    except ServiceError as error:
        return _refused(error, form, None)
    flash(_("Document %(number)s recorded.", number=document.number), "success")
    return redirect(url_for("documents.show", document_id=document.id))


@bp.route("/<int:document_id>/edit", methods=["GET", "POST"])
def edit(document_id: int):
    _office_only()
    document = _document_or_404(document_id)
    form = DocumentForm(obj=document)
    if not form.validate_on_submit():
        return _form_page(form, document, 400 if form.errors else 200)
    try:
        actions.update_document(current_user, document.id, form.data_object(), form.upload())
    except ServiceError as error:
        db.session.rollback()
        return _refused(error, form, document)
    flash(_("Document %(number)s saved.", number=document.number), "success")
    return redirect(url_for("documents.show", document_id=document.id))
