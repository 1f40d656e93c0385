"""The overdue list as of a date, idle items without deadline, and urging letters."""

from datetime import date

from flask import Blueprint, abort, current_app, g, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from tracker import exports
from tracker.clock import local_today
from tracker.overdue import queries as overdue_service
from tracker.overdue.forms import OverdueFilterForm
from tracker.overdue.letter_counts import letters_by_agency, letters_on_items
from tracker.overdue.sheets import idle_sheet, overdue_sheet
from tracker.permissions import can_follow_up, manages_plan
from tracker.portfolios.actions import has_portfolio
from tracker.reports import kept
from tracker.reports.cache import rendered_once
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
    labels, policy = kept.labels(), kept.reminder_policy()
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
    filters = form.filters(current_user.id)
    calendar = kept.working_calendar()
    per_page = current_app.config["OVERDUE_PER_PAGE"]
    page = overdue_service.counted_page(
        filters, as_of, form.page.data or 1, per_page, calendar, policy
    )
    if page.page > page.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=page.pages))
    return render_template(
        "overdue/overdue.html", form=form, page=page, labels=labels, as_of=as_of,
        filters_html=_filters_html(form, as_of, policy),
        agencies_html=_agencies_html(page, filters, as_of, policy, labels),
        rows_html=_rows_html(page, filters, form.sort_order(), as_of, calendar, policy, labels),
    )  # fmt: skip


def _filters_html(form: OverdueFilterForm, as_of: date, policy) -> Markup:
    """The filters, rendered once per choice of them, date and policy (the levels' names follow
    it) while the data version holds (the names they choose from are data)."""
    key = (tuple(sorted(form.data.items())), as_of, policy)
    return rendered_once("overdue/_filters.html", key, lambda: dict(form=form, as_of=as_of))


def _agencies_html(page, filters, as_of: date, policy, labels) -> Markup:
    """The counts by lead agency with the letters each was sent, rendered once per counts,
    letters and filters (the links keep them). The letters are read each time (one small
    query) and are part of the key: issuing one raises no data version."""
    letters_sent = letters_by_agency()
    manages = manages_plan(current_user)
    args = request.args.items(multi=True)
    others = tuple(sorted(pair for pair in args if pair[0] not in ("page", "agency")))
    letters = tuple(sorted(letters_sent.items()))
    return rendered_once(
        "overdue/_agencies.html", (manages, filters, as_of, policy, others, letters),
        lambda: dict(by_agency=page.by_agency, labels=labels, as_of=as_of,
                     letters_sent=letters_sent, manages=manages),
    )  # fmt: skip


def _rows_html(page, filters, sort, as_of: date, calendar, policy, labels) -> Markup:
    """The page's rows, read and rendered once per page, filters, date and policy while the
    data version holds (the responsible person's name counts in it): the office and the
    leadership open the same overdue list many times a day between edits."""

    def context() -> dict:
        rows = overdue_service.overdue_rows(
            filters, as_of, sort, page.per_page, page.offset, calendar, policy
        )
        return dict(
            rows=rows, by_agency=page.by_agency, labels=labels,
            grouped=sort is overdue_service.Sort.AGENCY,
        )  # fmt: skip

    key = (filters, sort, as_of, page.page, page.per_page, policy)
    return rendered_once("overdue/_rows.html", key, context)


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
