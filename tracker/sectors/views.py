"""/sectors/<code>: the page a sector's head and the leader who follows it open."""

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.domain.standing import Standing
from tracker.labels import STANDING_LABELS, VERDICT_LABELS
from tracker.names import load_labels
from tracker.permissions import can_follow_up
from tracker.reports.charts import sparkline
from tracker.reports.forms import AsOfForm
from tracker.sectors.queries import find_sector, sector_page

bp = Blueprint("sectors", __name__, url_prefix="/sectors")


@bp.before_request
@login_required
def require_follow_up():
    """Like the dashboard: the office, the leadership and the administrator."""
    if not can_follow_up(current_user):
        abort(403)


@bp.get("/<code>")
def show(code: str):
    """A sector's items by standing, its targets, its departments and what is overdue."""
    sector = find_sector(code)
    if sector is None:
        abort(404, description=_("There is no such sector."))
    form = AsOfForm(request.args)
    if not form.validate():
        abort(400, description=" ".join(form.error_messages()))
    page = sector_page(sector, form.date())
    lines = {row.id: sparkline(page.trends.get(row.id, []), row.value) for row in page.targets}
    return render_template(
        "sectors/show.html", page=page, form=form, lines=lines, labels=load_labels(),
        Standing=Standing, STANDING_LABELS=STANDING_LABELS, VERDICT_LABELS=VERDICT_LABELS,
    )  # fmt: skip
