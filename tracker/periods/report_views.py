"""A closed period's report as Word or PDF: `/periods/<id>/report?format=docx|pdf`."""

from flask import Blueprint, abort, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from tracker import papers
from tracker.names import load_labels
from tracker.overdue import queries as overdue
from tracker.overdue.queries import OverdueFilters, Sort
from tracker.periods import actions as period_service
from tracker.periods.names import period_name, period_slug
from tracker.periods.report_paper import report_paper
from tracker.permissions import can_follow_up
from tracker.reminders.policy import load_policy
from tracker.reports.statistics import Dimension
from tracker.security import login

bp = Blueprint("period_reports", __name__, url_prefix="/periods")


@bp.before_request
def require_follow_up():
    """The office and the leadership: the report lists every agency's overdue tasks."""
    if not current_user.is_authenticated:
        return login.unauthorized()
    if not can_follow_up(current_user):
        abort(403)
    return None


@bp.get("/<int:period_id>/report")
def report(period_id: int):
    """The period's report to the leadership, with the figures frozen at its closing."""
    period = period_service.get_period(period_id)
    if period is None:
        abort(404, description=_("There is no such reporting period."))
    fmt = papers.paper_format()
    if fmt is None:
        return redirect(url_for("periods.show", period_id=period.id))
    if period.status == "open":
        abort(409, description=_(
            "%(period)s is not closed yet: its figures may still change. Close it after its "
            "cut-off date, then generate its report.", period=period_name(period)))  # fmt: skip
    tables = {dimension: period_service.period_table(period, dimension) for dimension in Dimension}
    policy, filters = load_policy(), OverdueFilters()
    total = overdue.overdue_total(period.cutoff_on, filters, policy)
    rows = overdue.overdue_rows(
        filters, period.cutoff_on, Sort.AGENCY, max(total, 1), policy=policy
    )
    paper = report_paper(period, tables, rows, load_labels().agency_names)
    return papers.send(paper, fmt, f"bao-cao-{period_slug(period)}")
