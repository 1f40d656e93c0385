"""The outbox as the office sees it: every digest, its status, and sending one again."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.labels import OUTBOX_STATUS_LABELS
from tracker.models import Digest
from tracker.outbox import queries
from tracker.outbox.forms import OutboxFilterForm
from tracker.permissions import can_manage_reminders
from tracker.reminders.schedule import next_sweep

bp = Blueprint("outbox", __name__, url_prefix="/admin/outbox")

#: Bootstrap's colours for the outbox statuses.
STATUS_CLASSES = {
    "pending": "text-bg-secondary",
    "sending": "text-bg-info",
    "sent": "text-bg-success",
    "failed": "text-bg-danger",
    "logged": "text-bg-light",
    "skipped": "text-bg-light",
}


@bp.before_request
@login_required
def require_office():
    """The office and administrators only."""
    if not can_manage_reminders(current_user):
        abort(403)


@bp.context_processor
def status_names():
    return {"OUTBOX_STATUS_LABELS": OUTBOX_STATUS_LABELS, "OUTBOX_STATUS_CLASSES": STATUS_CLASSES}


@bp.get("")
def index():
    """Every digest with its status, attempts and last error, newest first."""
    form = OutboxFilterForm(request.args)
    if not form.validate():
        return render_template(
            "outbox/index.html", form=form, page=None, counts={}, next_sweep=None
        ), 400
    page = queries.list_digests(form.status.data or None, form.page.data or 1, 50)
    if page.page > page.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=page.pages))
    return render_template(
        "outbox/index.html",
        form=form,
        page=page,
        counts=queries.status_counts(),
        next_sweep=next_sweep(),
    )


@bp.get("/<int:digest_id>")
def show(digest_id: int):
    """One digest: its status and the mail it carried (or would carry now)."""
    found = _digest_or_404(digest_id)
    return render_template("outbox/show.html", digest=found, mail=queries.digest_mail(found))


@bp.post("/<int:digest_id>/retry")
def retry(digest_id: int):
    """Queue a failed (or only logged) digest again."""
    if queries.retry_digest(_digest_or_404(digest_id)):
        flash(_("The mail will be sent again with the next delivery."), "success")
    else:
        flash(_("Only a failed or logged mail can be sent again."), "warning")
    return redirect(url_for("outbox.show", digest_id=digest_id))


def _digest_or_404(digest_id: int) -> Digest:
    found = queries.get_digest(digest_id)
    if found is None:
        abort(404, description=_("There is no such mail in the outbox."))
    return found
