"""Reporting periods: the list, a period's report, closing and publishing."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker import exports
from tracker.clock import local_today
from tracker.domain.periods import PeriodKind
from tracker.periods import actions as period_service
from tracker.periods.actions import PeriodRefusal, PeriodRefused
from tracker.periods.forms import PeriodForm
from tracker.periods.names import period_name, period_slug
from tracker.permissions import can_manage_periods, period_sees_own_row_only
from tracker.reports.forms import export_format
from tracker.reports.sheets import TITLES, statistics_sheet
from tracker.reports.statistics import Dimension

bp = Blueprint("periods", __name__, url_prefix="/reports/periods")

REFUSALS = {
    PeriodRefusal.EXISTS: lambda: _("This period already exists."),
    PeriodRefusal.NOT_ENDED: lambda: _("A period can be closed only after its cut-off date."),
    PeriodRefusal.NOT_OPEN: lambda: _("This period is already closed."),
    PeriodRefusal.NOT_CLOSED: lambda: _("Close the period before publishing it."),
}
DIMENSIONS = {"agency": Dimension.AGENCY, "sector": Dimension.SECTOR, "pillar": Dimension.PILLAR}
#: The end of an export's file name, in Vietnamese without diacritics like the other exports.
FILE_SUFFIXES = {
    Dimension.AGENCY: "theo-co-quan-chu-tri",
    Dimension.SECTOR: "theo-linh-vuc",
    Dimension.PILLAR: "theo-tru-cot",
}


@bp.before_request
@login_required
def require_login():
    """Periods need a signed-in user; the public page is elsewhere."""


def _period_or_404(period_id: int):
    period = period_service.get_period(period_id)
    if period is None:
        abort(404, description=_("There is no such reporting period."))
    return period


def _require_manager():
    if not can_manage_periods(current_user):
        abort(403)


@bp.get("/")
def index():
    """Every period with its state; the office creates new ones here."""
    form = PeriodForm(year=local_today().year) if can_manage_periods(current_user) else None
    return render_template("periods/index.html", periods=period_service.list_periods(), form=form)


@bp.post("/")
def create():
    """Create an open period."""
    _require_manager()
    form = PeriodForm()
    if not form.validate_on_submit():
        periods = period_service.list_periods()
        return render_template("periods/index.html", periods=periods, form=form), 400
    try:
        period = period_service.create_period(
            PeriodKind(form.kind.data), form.year.data, form.number.data, form.cutoff_day.data
        )
    except PeriodRefused as refused:
        flash(REFUSALS[refused.reason](), "danger")
        return render_template(
            "periods/index.html", periods=period_service.list_periods(), form=form
        ), 409
    flash(_("Period %(name)s created.", name=period_name(period)), "success")
    return redirect(url_for("periods.show", period_id=period.id))


@bp.get("/<int:period_id>")
def show(period_id: int):
    """A period's table (frozen once closed); agency users see all rows once published."""
    period = _period_or_404(period_id)
    dimension = DIMENSIONS.get(request.args.get("by", "agency"))
    if dimension is None:
        abort(400, description=_("Unknown breakdown: use agency, sector or pillar."))
    fmt = export_format()
    own_row_only = period_sees_own_row_only(current_user, period)
    if own_row_only and dimension is not Dimension.AGENCY:
        abort(403)
    table = period_service.period_table(period, dimension)
    if own_row_only:
        table = table.only(current_user.agency.code)
    if fmt:
        sheet = statistics_sheet(table, str(TITLES[dimension]), period_name(period))
        filename = f"ky-bao-cao-{period_slug(period)}-{FILE_SUFFIXES[dimension]}"
        return exports.send(sheet, fmt, filename)
    breakdowns = ["agency"] if own_row_only else list(DIMENSIONS)
    return render_template(
        "periods/show.html",
        period=period,
        table=table,
        by=request.args.get("by", "agency"),
        breakdowns=breakdowns,
    )


@bp.post("/<int:period_id>/close")
def close(period_id: int):
    """Freeze the period's figures."""
    _require_manager()
    return _act(
        period_id,
        lambda p: period_service.close_period(p, current_user, local_today()),
        lambda name: _("The figures of %(name)s are frozen.", name=name),
    )


@bp.post("/<int:period_id>/publish")
def publish(period_id: int):
    """Publish a closed period: agencies and the public page see all its rows."""
    _require_manager()
    return _act(
        period_id,
        lambda p: period_service.publish_period(p, current_user),
        lambda name: _("%(name)s is published.", name=name),
    )


def _act(period_id: int, action, done):
    """Run a use case on the period; a refusal is a 409 with the reason, nothing changed."""
    period = _period_or_404(period_id)
    try:
        action(period)
    except PeriodRefused as refused:
        flash(REFUSALS[refused.reason](), "danger")
        table = period_service.period_table(period, Dimension.AGENCY)
        return render_template("periods/show.html", period=period, table=table, by="agency"), 409
    flash(done(period_name(period)), "success")
    return redirect(url_for("periods.show", period_id=period.id))
