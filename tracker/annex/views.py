"""The office imports an annex: the template, the upload and its preview (every row, every
fault at its row and column), the confirmation; and a document's items exported as an annex."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.annex import pending
from tracker.annex.exporting import annex_of
from tracker.annex.forms import ConfirmForm, UploadForm
from tracker.annex.importing import import_annex
from tracker.database import db
from tracker.documents.actions import find_document
from tracker.documents.queries import documents
from tracker.evidence.files import XLSX
from tracker.models import Plan
from tracker.permissions import manages_plan
from tracker.refusals import ServiceError

bp = Blueprint("annex", __name__, url_prefix="/annex")


@bp.before_request
@login_required
def office_only():
    """The office's pages: everyone else is refused, whatever the route."""
    if not manages_plan(current_user):
        abort(403, description=_("Only the provincial office imports annexes."))


def _workbook(body: bytes, filename: str) -> Response:
    return Response(
        body,
        content_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{filename}.xlsx"'},
    )


@bp.get("/template.xlsx")
def template():
    """The empty template: its header row names every column."""
    from tracker.annex.workbook import annex_bytes

    return _workbook(annex_bytes(), "mau-phu-luc")


@bp.get("/documents/<int:document_id>.xlsx")
def export(document_id: int):
    """A document's items in the template's layout: it imports back unchanged."""
    document = db.session.get(Plan, document_id)
    if document is None:
        abort(404, description=_("There is no such document."))
    return _workbook(annex_of(document), f"phu-luc-{document.code}")


def _page(form, outcome=None, confirm=None, status: int = 200):
    return render_template(
        "annex/upload.html",
        form=form,
        outcome=outcome,
        confirm=confirm,
        known=documents(),
    ), status


@bp.get("/")
def upload():
    return _page(UploadForm(document=request.args.get("document", "")))


@bp.post("/")
def preview():
    """Read and compare the sheet, writing nothing; keep it for the confirmation if valid."""
    form = UploadForm()
    if not form.validate_on_submit():
        return _page(form, status=400)
    upload = form.file.data
    with upload.stream:  # a large upload is a temporary file: closed as soon as it is read
        data, filename = upload.read(), upload.filename or "annex.xlsx"
    try:
        outcome = import_annex(current_user, data, filename, form.document.data, dry_run=True)
    except ServiceError as error:
        form.file.errors = [error.message]
        return _page(form, status=error.status)
    if not outcome.ok:
        return _page(form, outcome, status=422)
    confirm = ConfirmForm(
        document=form.document.data, token=pending.keep(data), filename=filename[-200:]
    )
    return _page(form, outcome, confirm)


@bp.post("/confirm")
def confirm():
    """Import the previewed sheet: every row, or none."""
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400, description=_("This preview has expired: upload the sheet again."))
    try:
        data = pending.read(form.token.data)
        outcome = import_annex(
            current_user, data, form.filename.data or "annex.xlsx", form.document.data
        )
    except ServiceError as error:
        flash(error.message, "danger")
        return redirect(url_for("annex.upload", document=form.document.data))
    if not outcome.ok:
        flash(_("The sheet no longer imports as previewed: upload it again."), "danger")
        return _page(UploadForm(document=form.document.data), outcome, status=422)
    pending.forget(form.token.data)
    flash(
        _(
            "Imported: %(new)d new items, %(changed)d changed, %(same)d unchanged.",
            new=outcome.count("new"),
            changed=outcome.count("changed"),
            same=outcome.count("unchanged"),
        ),
        "success",
    )
    document = find_document(outcome.number)
    return redirect(url_for("documents.show", document_id=document.id))
