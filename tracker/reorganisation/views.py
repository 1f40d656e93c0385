"""/admin/reorganisation: the office records renames, mergers, splits, dissolutions and changes
of parent, each previewed before it is done; the events, newest first; an agency's story."""

from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from tracker.database import db
from tracker.labels import AGENCY_LEVEL_LABELS
from tracker.models import Agency
from tracker.permissions import can_manage_agencies
from tracker.reorganisation import queries
from tracker.reorganisation.events import KIND_LABELS

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
        levels=AGENCY_LEVEL_LABELS,
    )  # fmt: skip
