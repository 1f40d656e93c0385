"""/admin/reorganisation: the office records renames, mergers, splits, dissolutions and changes
of parent, each previewed before it is done; the events, newest first; an agency's story."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.clock import local_today
from tracker.database import db
from tracker.formatting import format_date
from tracker.labels import AGENCY_LEVEL_LABELS
from tracker.models import Agency
from tracker.permissions import can_manage_agencies
from tracker.refusals import ServiceError
from tracker.reorganisation import actions, queries
from tracker.reorganisation.events import KIND_LABELS
from tracker.reorganisation.forms import FORMS

bp = Blueprint("reorganisation", __name__, url_prefix="/admin/reorganisation")


@bp.before_request
@login_required
def require_office():
    """The administrator and the office, as for the list of agencies."""
    if not can_manage_agencies(current_user):
        abort(403)


@bp.get("")
def index():
    """The reorganisation events, the latest to take effect first."""
    return render_template(
        "reorganisation/index.html", events=queries.events_newest_first(),
        kinds=KIND_LABELS,
    )  # fmt: skip


@bp.get("/agencies/<int:agency_id>")
def agency(agency_id: int):
    """An agency with what became of it and whose work it took over."""
    found = db.session.get(Agency, agency_id) or abort(404)
    return render_template(
        "reorganisation/agency.html", agency=found, story=queries.story_of(found),
        levels=AGENCY_LEVEL_LABELS, event_kinds=KIND_LABELS,
    )  # fmt: skip


@bp.route("/rename", methods=["GET", "POST"])
def rename():
    """Rename an agency from a day."""
    return _event_page("rename")


@bp.route("/merge", methods=["GET", "POST"])
def merge():
    """Merge agencies into one, existing or formed by the merger."""
    return _event_page("merge")


@bp.route("/split", methods=["GET", "POST"])
def split():
    """Divide an agency between successors, item by item or by sector."""
    return _event_page("split")


@bp.route("/dissolve", methods=["GET", "POST"])
def dissolve():
    """Dissolve an agency, its open items going to named successors."""
    return _event_page("dissolve")


@bp.route("/reparent", methods=["GET", "POST"])
def reparent():
    """Place an agency under another parent from a day."""
    return _event_page("reparent")


def _event_page(kind: str):
    """The form; "Preview" shows what would move; "Confirm" does it if it still matches."""
    form = FORMS[kind]()
    if not form.is_submitted():
        form.preselect(request.args.get("agency"))
        return _page(form, None, 200)
    if not form.validate():
        return _page(form, None, 400)
    if request.form.get("action") != "confirm":
        shown = actions.preview(
            form.event_request(), form.new_agency(), current_user, local_today()
        )
        return _page(form, shown, shown.refusal.status if shown.refusal else 200)
    try:
        plan = actions.confirm(form.event_request(), form.new_agency(), current_user,
                               local_today(), form.fingerprint.data)  # fmt: skip
    except ServiceError as refusal:
        return _refused(form, refusal)
    flash(_("Recorded: %(kind)s, from %(day)s.", kind=KIND_LABELS[kind],
            day=format_date(plan.request.on)), "success")  # fmt: skip
    return redirect(url_for("reorganisation.index"))


def _refused(form, refusal: ServiceError):
    """A refused confirmation: the message, and the preview as it stands now."""
    shown = actions.preview(form.event_request(), form.new_agency(), current_user, local_today())
    shown.refusal = refusal
    return _page(form, shown, refusal.status)


def _page(form, shown, status: int):
    refusal = shown.refusal if shown else None
    for name, messages in (refusal.errors if refusal else {}).items():
        if name in form:
            form[name].errors = [*form[name].errors, *messages]
    if shown is not None and shown.fingerprint:
        form.fingerprint.data = shown.fingerprint
    return render_template(
        "reorganisation/event.html", form=form, kind=form.kind, shown=shown, refusal=refusal,
        kinds=KIND_LABELS, agency_code=request.args.get("agency"),
    ), status  # fmt: skip
