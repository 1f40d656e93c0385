"""The statistics tables as JSON: /api/v1/reports/agencies|sectors|pillars?as_of=YYYY-MM-DD."""

from flask import Blueprint, abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from tracker.domain.tally import Tally
from tracker.pauses.queries import paused_count
from tracker.permissions import report_agency
from tracker.reports.forms import ReportForm
from tracker.reports.statistics import BY_PATH, Basis, visible_table
from tracker.reports.update_figures import UpdateFigures
from tracker.security import csrf

bp = Blueprint("api_reports", __name__, url_prefix="/api/v1/reports")
csrf.exempt(bp)

#: The key naming each row's subject, by path.
ROW_KEYS = {"agencies": "agency", "sectors": "sector", "pillars": "pillar"}


@bp.before_request
def require_login():
    """A session or a bearer token (401 otherwise, never a redirect)."""
    if not current_user.is_authenticated:
        abort(401, description=_("Sign in or send an API token."))


def tally_json(tally: Tally) -> dict:
    """The standing names of the item filters, the total and both rates (percent or null)."""
    return {
        "total": tally.total,
        **tally.as_dict(),
        "rate_all": float(tally.rate_all) if tally.rate_all is not None else None,
        "rate_due": float(tally.rate_due) if tally.rate_due is not None else None,
    }


def updates_json(figures: UpdateFigures | None) -> dict:
    """The updates' columns of a row by agency: counts and the late share (percent or null)."""
    figures = figures or UpdateFigures()
    share = figures.late_share
    return {**figures.as_dict(), "late_share": float(share) if share is not None else None}


@bp.get("/<any(agencies, sectors, pillars):path>")
def table(path: str):
    """{"as_of", "deadline", "rows": [{<agency|sector|pillar>: {code, name}, total, …}], "total"}

    `deadline` says which deadline the table measures against: "adjusted" (the default) or
    "original". With the adjusted deadlines, "paused" counts the items the office had paused on
    that date (counted without a deadline, never overdue). By agency, each row and the total
    also carry "updates" (updates written, late ones, items never updated, the late share) over
    the window from "updates_from".
    """
    form = ReportForm(request.args)
    if not form.validate():
        return jsonify(error="Bad Request", errors=form.errors_json()), 400
    found = visible_table(current_user, BY_PATH[path], form.date(), basis=form.basis())
    key = ROW_KEYS[path]
    with_updates = found.updates_from is not None
    rows = []
    for row in found.rows:
        entry = {key: {"code": row.code, "name": row.name}, **tally_json(row.tally)}
        if with_updates:
            entry["updates"] = updates_json(row.updates)
        rows.append(entry)
    total = tally_json(found.total)
    extra = {}
    if form.basis() is Basis.ADJUSTED:
        extra["paused"] = paused_count(found.as_of, report_agency(current_user))
    if with_updates:
        total["updates"] = updates_json(found.updates_total)
        extra["updates_from"] = found.updates_from.isoformat()
    return jsonify(
        as_of=found.as_of.isoformat(), deadline=form.basis().value, rows=rows, total=total,
        **extra,
    )  # fmt: skip
