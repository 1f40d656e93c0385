"""The assigning documents in the API: the list (each with how many of its items the caller may
see, and where to read them), one document with its items, recording a document (JSON, or a
multipart form with its file), and importing an annex: a preview (the same rows and faults as
the page) before a confirming call."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from tracker.accounts.login import bearer_token
from tracker.annex import pending
from tracker.annex.importing import Outcome, import_annex
from tracker.api.serializers import item_json
from tracker.api.writes import _error, _formdata
from tracker.clock import local_today
from tracker.database import db
from tracker.documents import actions
from tracker.documents.forms import DocumentForm
from tracker.documents.queries import documents
from tracker.models import Plan, WorkItem
from tracker.permissions import manages_plan
from tracker.refusals import ServiceError
from tracker.security import csrf
from tracker.visibility import visible_items_clause

bp = Blueprint("api_documents", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


@bp.before_request
def authenticate():
    """As the other write endpoints: a session must also pass the CSRF check."""
    if not current_user.is_authenticated:
        abort(401, description=_("Sign in or send an API token."))
    writes = request.method == "POST"
    if writes and not manages_plan(current_user):
        abort(403, description=_("Only the provincial office records documents."))
    if (
        writes
        and bearer_token(request) is None
        and current_app.config.get("WTF_CSRF_ENABLED", True)
    ):
        csrf.protect()


def document_json(document: Plan) -> dict:
    return {
        "id": document.id,
        "number": document.number,
        "type": document.doc_type,
        "title": document.title,
        "issued_on": document.issued_on.isoformat() if document.issued_on else None,
        "issuer": document.issuer,
        "signer": document.signer,
        "assigning_leader": document.assigning_leader,
        "summary": document.summary,
        "has_file": document.file_stored_name is not None,
    }


def _visible_counts() -> dict[int, int]:
    """{document id: how many of its items the caller may see}, in one query."""
    rows = db.session.execute(
        select(WorkItem.plan_id, func.count())
        .where(visible_items_clause(current_user))
        .group_by(WorkItem.plan_id)
    )
    return dict(rows.all())


@bp.get("/documents")
def document_list():
    """Every document with the number of its items the caller may see and their address."""
    counts = _visible_counts()
    return jsonify(
        documents=[
            {
                **document_json(document),
                "item_count": counts.get(document.id, 0),
                "url": url_for("api_documents.document", document_id=document.id),
            }
            for document in documents()
        ]
    )


@bp.post("/documents")
def create_document():
    """Record a document from a JSON object, or a multipart form with its `file`; the same
    fields, checks and refusals as the office's form."""
    form = DocumentForm(formdata=_formdata(), meta={"csrf": False})
    if not form.validate():
        errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        return _error(400, _("Some fields are missing or invalid."), errors)
    try:
        created = actions.create_document(current_user, form.data_object(), form.upload())
    except ServiceError as error:
        db.session.rollback()
        # A refused file is the file field's fault.
        errors = error.errors or ({"file": [error.message]} if form.file.data else {})
        return _error(error.status, error.message, errors)
    body = {**document_json(created), "item_count": 0, "items": []}
    location = url_for("api_documents.document", document_id=created.id)
    return jsonify(body), 201, {"Location": location}


@bp.get("/documents/<int:document_id>")
def document(document_id: int):
    """A document and the items of it the user may see."""
    found = db.session.get(Plan, document_id)
    if found is None:
        abort(404, description=_("There is no such document."))
    today = local_today()
    items = db.session.scalars(
        select(WorkItem)
        .where(WorkItem.plan_id == found.id, visible_items_clause(current_user))
        .order_by(WorkItem.id)
    )
    return jsonify(**document_json(found), items=[item_json(item, today) for item in items])


def outcome_json(outcome: Outcome) -> dict:
    return {
        "document": outcome.number,
        "new_document": outcome.document_is_new,
        "ok": outcome.ok,
        "written": outcome.written,
        "counts": {action: outcome.count(action) for action in ("new", "changed", "unchanged")},
        "rows": [
            {
                "row": r.row.number,
                "code": r.row.code,
                "title": r.row.title,
                "action": r.action,
                "changed": r.changed,
            }  # fmt: skip
            for r in outcome.rows
        ],
        "problems": [
            {"row": p.row, "column": p.column, "cell": p.where() or None, "message": p.message}
            for p in outcome.problems
        ],
    }


def _refused(error: ServiceError):
    return jsonify(error=error.message, message=error.message, errors=error.errors), error.status


@bp.post("/documents/import")
def import_preview():
    """Multipart `file` and `document`: the preview, and a token to confirm it with."""
    upload, number = request.files.get("file"), request.form.get("document", "").strip()
    if upload is None or not number:
        abort(400, description=_("Send the workbook as `file` and the document's number."))
    with upload.stream:
        data, filename = upload.read(), (upload.filename or "annex.xlsx")[-200:]
    try:
        outcome = import_annex(current_user, data, filename, number, dry_run=True)
    except ServiceError as error:
        return _refused(error)
    body = outcome_json(outcome)
    if not outcome.ok:
        return jsonify(body), 422
    return jsonify(**body, token=pending.keep(data), filename=filename)


@bp.post("/documents/import/confirm")
def import_confirm():
    """JSON {token, document, filename}: import what was previewed, every row or none."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description=_("Send a JSON object of plain values."))
    token, number = str(body.get("token", "")), str(body.get("document", "")).strip()
    try:
        data = pending.read(token)
        outcome = import_annex(current_user, data, str(body.get("filename", "annex.xlsx")), number)
    except ServiceError as error:
        return _refused(error)
    if not outcome.ok:
        return jsonify(outcome_json(outcome)), 422
    pending.forget(token)
    return jsonify(outcome_json(outcome)), 201
