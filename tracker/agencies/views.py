"""My agency: what the agency leads, the most urgent first, and what it coordinates."""

from datetime import date

from flask import Blueprint, abort, current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from tracker.agencies.queries import (
    AgencyPage,
    agency_page,
    coordinated_items,
    led_items,
    return_reasons,
)
from tracker.clock import local_today
from tracker.domain.urgency import due_soon_until
from tracker.exports import export_format
from tracker.http import page_arg
from tracker.items.queries import ItemFilters, standing_of
from tracker.items.sheets import send_items
from tracker.labels import URGENCY_LABELS
from tracker.permissions import uses_agency_page
from tracker.reports import kept
from tracker.reports.cache import rendered_once

bp = Blueprint("agencies", __name__, url_prefix="/agency")


@bp.get("/")
@login_required
def index():
    """The agency's items: overdue first, then due soon, then the rest, with counts."""
    if not uses_agency_page(current_user):
        abort(403, description=_("This page is for the heads and focal officers of agencies."))
    page_number = page_arg()
    today = local_today()
    fmt = export_format()
    if fmt:
        filters = ItemFilters(agency=current_user.agency.code)
        return send_items(current_user, filters, today, fmt, current_user.agency.name)
    soon = due_soon_until(today, kept.working_calendar(), kept.reminder_policy().first_reminder)
    page = agency_page(current_user, today, soon, page_number, current_app.config["ITEMS_PER_PAGE"])
    if page_number > page.led.pages:
        abort(404, description=_("This list has only %(pages)d pages.", pages=page.led.pages))
    return render_template(
        "agencies/index.html", page=page, today=today,
        led_html=_led_html(page, today), coordinated_html=_coordinated_html(page, today),
    )  # fmt: skip


def _led_html(page: AgencyPage, today: date) -> Markup:
    """The cards of the page's items, read and rendered once per page of items while the data
    version holds (a return's reason is written with the item's new status)."""

    def context() -> dict:
        items = led_items(page)
        return dict(
            items=items, urgency=page.urgency, today=today, standing_of=standing_of,
            urgency_labels=URGENCY_LABELS, reasons=return_reasons(items),
        )  # fmt: skip

    key = (today, tuple(page.urgency.items()))
    return rendered_once("agencies/_led.html", key, context)


def _coordinated_html(page: AgencyPage, today: date) -> Markup:
    def context() -> dict:
        return dict(items=coordinated_items(page), today=today, standing_of=standing_of)

    return rendered_once("agencies/_coordinated.html", (today, tuple(page.coordinated)), context)
