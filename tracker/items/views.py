"""The item list and the item page."""

from dataclasses import replace
from datetime import date

from flask import Blueprint, abort, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from tracker.assignments.next_due import next_deadlines
from tracker.clock import local_today
from tracker.exports import export_format
from tracker.history.timeline import item_history
from tracker.items import queries as item_service
from tracker.items.forms import ItemFilterForm
from tracker.items.record import item_record
from tracker.items.sheets import send_items
from tracker.paging import Page
from tracker.permissions import can_view_item
from tracker.reports.cache import rendered_once

bp = Blueprint("items", __name__, url_prefix="/items")


@bp.before_request
@login_required
def require_login():
    """Every page here needs a signed-in user."""


@bp.get("/")
def index():
    """The filtered, paginated list of work items with counts by standing."""
    form = ItemFilterForm(request.args)
    if not form.validate():
        return render_template(
            "items/index.html", form=form, page=None, counts={}, next_due={},
            filters_html=_filters_html(form),
        ), 400  # fmt: skip
    as_of = form.as_of.data or local_today()
    filters = form.filters()
    fmt = export_format()
    if fmt:
        return send_items(current_user, filters, as_of, fmt, filters.document)
    page = item_service.page_of_ids(
        current_user, filters, as_of, form.page.data or 1, current_app.config["ITEMS_PER_PAGE"]
    )
    if page.page > page.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=page.pages))
    counts = item_service.count_by_standing(current_user, filters, as_of)
    return render_template(
        "items/index.html", form=form, page=page, counts=counts, as_of=as_of,
        rows_html=_rows_html(page, as_of), filters_html=_filters_html(form),
    )  # fmt: skip


def _filters_html(form: ItemFilterForm) -> Markup:
    """The filters, rendered once per query while the data version holds (their choices come
    from the data): its long lists of choices cost more than the rows. A form with errors, or
    a search (seldom asked twice), is rendered as it is."""
    if form.errors or form.q.data:
        return Markup(render_template("items/_filters.html", form=form))
    query = tuple(sorted(request.args.items(multi=True)))
    return rendered_once("items/_filters.html", query, lambda: dict(form=form))


def _rows_html(page: Page, as_of: date) -> Markup:
    """The rows of a page of ids, rendered once per page of items and role (which bulk actions
    a row offers) while the data version holds: the officers of an agency open the same list
    all day, and reading and rendering its rows are most of what it costs."""

    def context() -> dict:
        items = replace(page, rows=item_service.listed(page.rows))
        return dict(
            page=items, as_of=as_of, standing_of=item_service.standing_of,
            next_due=next_deadlines(items.rows, as_of),
        )  # fmt: skip

    return rendered_once("items/_rows.html", (current_user.role, as_of, *page.rows), context)


@bp.get("/<int:item_id>")
def show(item_id: int):
    """One item with everything it records and its history."""
    item = item_service.get_item(item_id)
    if item is None or not can_view_item(current_user, item):
        abort(404, description=_("There is no such item, or it is not yours to see."))
    today = local_today()
    return render_template(
        "items/show.html",
        item=item,
        today=today,
        standing=item_service.standing_of(item, today),
        next_due=next_deadlines([item], today).get(item.id),
        record=item_record(current_user, item),
        history=item_history(item),
        returned=item_service.why_returned(item),
    )
