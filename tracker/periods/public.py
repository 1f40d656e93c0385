"""The public page: published period reports by agency, without the items marked not public."""

from flask import Blueprint, abort, render_template
from flask_babel import gettext as _

from tracker import exports
from tracker.periods import actions as period_service
from tracker.periods.names import period_name, period_slug
from tracker.reports.forms import export_format
from tracker.reports.sheets import statistics_sheet
from tracker.reports.statistics import Dimension

bp = Blueprint("public", __name__, url_prefix="/public")


@bp.get("/", strict_slashes=False)
def index():
    """Published periods, the latest one's table shown in full."""
    published = period_service.list_periods(published_only=True)
    latest = published[0] if published else None
    table = period_service.period_table(latest, Dimension.AGENCY, "public") if latest else None
    return render_template("public/index.html", periods=published, period=latest, table=table)


@bp.get("/periods/<int:period_id>")
def show(period_id: int):
    """One published period's table by agency (Excel and CSV with ?format=)."""
    period = period_service.get_period(period_id)
    if period is None or period.status != "published":
        abort(404, description=_("There is no such published report."))
    table = period_service.period_table(period, Dimension.AGENCY, "public")
    fmt = export_format()
    if fmt:
        sheet = statistics_sheet(table, _("Work items by lead agency"), period_name(period))
        return exports.send(sheet, fmt, f"cong-khai-{period_slug(period)}")
    published = period_service.list_periods(published_only=True)
    return render_template("public/index.html", periods=published, period=period, table=table)
