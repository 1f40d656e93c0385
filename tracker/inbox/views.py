"""Waiting for me: submissions to confirm, extension requests to decide, refusals to reassign."""

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.clock import local_today
from tracker.inbox.queries import inbox
from tracker.permissions import inbox_sections

bp = Blueprint("inbox", __name__, url_prefix="/office")


@bp.get("/inbox")
@login_required
def index():
    """What waits for the signed-in user's decision, oldest first."""
    if not inbox_sections(current_user):
        abort(403, description=_("This page is for the provincial office and its leaders."))
    return render_template("inbox/index.html", inbox=inbox(current_user), today=local_today())
