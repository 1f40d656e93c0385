"""/admin/audit: who changed what, when and from where; read only, exportable."""

import json

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker import exports
from tracker.audit import queries
from tracker.audit.forms import AuditFilterForm
from tracker.clock import local_today
from tracker.formatting import format_moment
from tracker.labels import ACTIVITY_LABELS, AUDIT_SUBJECT_LABELS, AUDIT_VERB_LABELS
from tracker.permissions import can_read_audit
from tracker.reports.forms import export_format

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


@bp.before_request
@login_required
def require_admin():
    """The administrator only; nothing here writes."""
    if not can_read_audit(current_user):
        abort(403)


@bp.context_processor
def audit_names():
    return {"verb_name": verb_name, "AUDIT_SUBJECT_LABELS": AUDIT_SUBJECT_LABELS}


def verb_name(entry: queries.Entry) -> str:
    labels = ACTIVITY_LABELS if entry.subject_type == queries.ITEMS else AUDIT_VERB_LABELS
    return str(labels.get(entry.verb, entry.verb))


@bp.get("")
def index():
    """The log, newest first, filtered; as Excel or CSV with format=xlsx|csv."""
    form = AuditFilterForm(request.args)
    if not form.validate():
        return render_template("audit/index.html", form=form, page=None), 400
    filters = form.filters()
    if fmt := export_format():
        return _export(filters, fmt)
    page = queries.audit_page(filters, form.page.data or 1, current_app.config["ITEMS_PER_PAGE"])
    if page.page > page.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=page.pages))
    return render_template(
        "audit/index.html", form=form, page=page, names=queries.names_of(page.rows)
    )


def _export(filters: queries.AuditFilters, fmt: str):
    total = queries.audit_total(filters)
    exports.refuse_if_too_large(total)
    entries = queries.audit_entries(filters, 0, max(total, 1))
    names = queries.names_of(entries)
    headers = [_("When"), _("Who"), _("Address"), _("What"), _("Row"), _("Action"),
               _("Changes"), _("Note")]  # fmt: skip
    rows = [
        [
            format_moment(e.created_at),
            names.get(e.actor_id, _("System")) if e.actor_id else _("System"),
            e.address or "",
            str(AUDIT_SUBJECT_LABELS.get(e.subject_type, e.subject_type)),
            e.subject_id or "",
            verb_name(e),
            json.dumps(e.changes or {}, ensure_ascii=False),
            e.note or "",
        ]
        for e in entries
    ]
    sheet = exports.Sheet(_("AUDIT LOG"), local_today(), headers, rows)
    return exports.send(sheet, fmt, f"nhat-ky-{local_today().isoformat()}")
