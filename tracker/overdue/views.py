"""The overdue list as of a date, idle items without deadline, and urging letters."""

from flask import Blueprint, abort, current_app, g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from tracker import exports
from tracker.clock import local_today
from tracker.names import load_labels
from tracker.overdue import queries as overdue_service
from tracker.overdue.forms import OverdueFilterForm
from tracker.overdue.letter_counts import letters_by_agency, letters_on_items
from tracker.overdue.sheets import idle_sheet, overdue_sheet
from tracker.permissions import can_follow_up
from tracker.portfolios.actions import has_portfolio
from tracker.reminders.policy import load_policy
from tracker.reports.forms import export_format
from tracker.security import login

bp = Blueprint("overdue", __name__, url_prefix="/office")


@bp.before_request
def require_follow_up():
    """The office and the leadership only."""
    if not current_user.is_authenticated:
        return login.unauthorized()
    if not can_follow_up(current_user):
        abort(403)
    return None


@bp.context_processor
def portfolio_switch() -> dict:
    """Whether the page offers the "all / my scope" switch (set by `_form`)."""
    return {"has_portfolio": g.get("has_portfolio", False)}


def _form():
    """The filters, the names they choose from, and the office's policy (levels follow it).
    Someone the office gave a portfolio (agencies they follow, sectors they oversee) sees
    theirs until they ask for all."""
    labels, policy = load_labels(), load_policy()
    args = request.args
    g.has_portfolio = has_portfolio(current_user)
    if "scope" not in args and g.has_portfolio:
        args = args.copy()
        args["scope"] = "mine"
    return OverdueFilterForm(args, labels, policy), labels, policy


@bp.get("/overdue")
def overdue():
    """Items overdue as of a date, grouped by lead agency, with their escalation level."""
    form, labels, policy = _form()
    fmt = export_format()
    if not form.validate():
        return render_template("overdue/overdue.html", form=form, page=None, labels=labels), 400
    as_of = form.as_of.data or local_today()
    if fmt:
        return _export(form, labels, policy, as_of, fmt)
    page = overdue_service.overdue_page(
        form.filters(current_user.id), as_of, form.sort_order(), form.page.data or 1,
        current_app.config["OVERDUE_PER_PAGE"], policy,
    )  # fmt: skip
    if page.page > page.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=page.pages))
    return render_template(
        "overdue/overdue.html", form=form, page=page, labels=labels, as_of=as_of,
        letters_sent=letters_by_agency(),
    )  # fmt: skip


def _export(form, labels, policy, as_of, fmt):
    filters = form.filters(current_user.id)
    total = overdue_service.overdue_total(as_of, filters, policy)
    exports.refuse_if_too_large(total)
    rows = overdue_service.overdue_rows(
        filters, as_of, form.sort_order(), limit=max(total, 1), policy=policy
    )
    sheet = overdue_sheet(rows, labels, as_of, letters_on_items(row.id for row in rows))
    return exports.send(sheet, fmt, "nhiem-vu-qua-han")


@bp.get("/idle")
def idle():
    """Items without deadline where nothing happened for more than 90 days (as of today)."""
    form, labels, _policy = _form()
    fmt = export_format()
    if not form.validate():
        return render_template("overdue/idle.html", form=form, page=None, labels=labels), 400
    today = local_today()
    per_page = current_app.config["OVERDUE_PER_PAGE"]
    if fmt:
        first = overdue_service.idle_page(form.filters(current_user.id), today, 1, 1)
        exports.refuse_if_too_large(first.total)
        page = overdue_service.idle_page(
            form.filters(current_user.id), today, 1, max(first.total, 1)
        )
        return exports.send(idle_sheet(page.rows, labels, today), fmt, "khong-thoi-han")
    page = overdue_service.idle_page(
        form.filters(current_user.id), today, form.page.data or 1, per_page
    )
    if page.page > page.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=page.pages))
    return render_template("overdue/idle.html", form=form, page=page, labels=labels, today=today)
