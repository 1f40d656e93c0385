"""What the pages' templates call besides the filters: labels, permissions, the menu's counts,
chart geometry. Added with the pages (`tracker.web.register_pages`): the mails call none of it,
and a command's process registers the pages only if something asks for a URL."""

from datetime import date
from urllib.parse import urlsplit

from flask import Flask, g, request, url_for
from flask_babel import get_locale
from flask_login import current_user

from tracker.bulk.actions import ACTION_LABELS as BULK_ACTION_LABELS
from tracker.bulk.actions import actions_for as bulk_actions
from tracker.bulk.actions import lead_choices as bulk_lead_choices
from tracker.delegation.actions import staff_of
from tracker.domain.standing import Standing
from tracker.history.periods import CHANGE_KIND_LABELS
from tracker.http import site_path
from tracker.items.queries import waiting_head_ids
from tracker.labels import (
    ACTIVITY_LABELS,
    DOCUMENT_TYPE_LABELS,
    EXTENSION_STATUS_LABELS,
    FIELD_LABELS,
    FLAG_LABELS,
    KIND_LABELS,
    RECURRENCE_LABELS,
    REVIEW_STATUS_LABELS,
    ROLE_LABELS,
    STANDING_LABELS,
    STATUS_LABELS,
    TARGET_OUTCOME_LABELS,
    VERDICT_LABELS,
    badge_of,
    status_words,
)
from tracker.notifications.queries import unread_count
from tracker.pauses.actions import pause_refusal, running_pause
from tracker.periods.names import period_name, status_name
from tracker.permissions import (
    ItemAction,
    asks_head_to_extend,
    can_follow_up,
    can_manage_agencies,
    can_manage_periods,
    can_manage_reminders,
    can_manage_users,
    can_read_audit,
    inbox_sections,
    item_actions,
    manages_plan,
    uses_agency_page,
)
from tracker.reports.charts import bar_length, line_chart, stacked
from tracker.saved_filters.actions import clean_query, filters_of
from tracker.workflow.comments import editable as comment_editable
from tracker.workflow.review import waiting_review


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        STANDING_LABELS=STANDING_LABELS,
        CHANGE_KIND_LABELS=CHANGE_KIND_LABELS,
        STATUS_LABELS=STATUS_LABELS,
        TARGET_OUTCOME_LABELS=TARGET_OUTCOME_LABELS,
        status_words=status_words,
        KIND_LABELS=KIND_LABELS,
        ROLE_LABELS=ROLE_LABELS,
        DOCUMENT_TYPE_LABELS=DOCUMENT_TYPE_LABELS,
        FLAG_LABELS=FLAG_LABELS,
        RECURRENCE_LABELS=RECURRENCE_LABELS,
        ACTIVITY_LABELS=ACTIVITY_LABELS,
        FIELD_LABELS=FIELD_LABELS,
        EXTENSION_STATUS_LABELS=EXTENSION_STATUS_LABELS,
        VERDICT_NAMES=VERDICT_LABELS,
        Standing=Standing,
        get_locale=get_locale,
        page_to_return_to=page_to_return_to,
        ItemAction=ItemAction,
        item_actions=item_actions,
        asks_head_to_extend=asks_head_to_extend,
        inbox_sections=inbox_sections,
        manages_plan=manages_plan,
        uses_agency_page=uses_agency_page,
        can_follow_up=can_follow_up,
        can_manage_periods=can_manage_periods,
        can_manage_reminders=can_manage_reminders,
        can_manage_users=can_manage_users,
        can_manage_agencies=can_manage_agencies,
        can_read_audit=can_read_audit,
        period_name=period_name,
        period_status=status_name,
        stacked=stacked,
        line_chart=line_chart,
        bar_length=bar_length,
        unread_notifications=unread_notifications,
        my_filters=my_filters,
        clean_filter_query=clean_query,
        waiting_review=waiting_review,
        waiting_head_ids=waiting_head_ids,
        badge_words=badge_words,
        running_pause=running_pause,
        pause_refusal=pause_refusal,
        bulk_actions=bulk_actions,
        bulk_lead_choices=bulk_lead_choices,
        bulk_staff_choices=lambda user: staff_of(user.agency_id),
        BULK_ACTION_LABELS=BULK_ACTION_LABELS,
        comment_editable=comment_editable,
        REVIEW_STATUS_LABELS=REVIEW_STATUS_LABELS,
    )


def badge_words(item, standing, day: date, verdict=None, waiting: bool = False) -> str:
    """The words of an item's one badge on `day` (tracker.labels.badge_of)."""
    return badge_of(item, standing, day, verdict, waiting)


def my_filters(pinned_only: bool = False) -> list:
    """The signed-in person's saved filters (those pinned to the menu, or all), read once per
    request: the menu shows the pinned ones and the item list's panel all of them."""
    if not current_user.is_authenticated:
        return []
    if "my_filters" not in g:
        g.my_filters = filters_of(current_user)
    return [saved for saved in g.my_filters if saved.pinned] if pinned_only else g.my_filters


def unread_notifications() -> int:
    """The signed-in person's unread notifications, for the menu of every page."""
    if not current_user.is_authenticated:
        return 0
    return unread_count(current_user.id)


def page_to_return_to() -> str:
    """This page's path, for a control that comes back to it (the language switch). A page
    answering a POST (a form shown again with its errors) has a URL that only takes POSTs:
    then the page the form was sent from. Either only if `site_path` takes it (a 404 page
    may be at any path), else the overview."""
    if request.method == "GET":
        path = request.full_path if request.query_string else request.path
    else:
        sent_from = urlsplit(request.referrer or "")
        path = f"{sent_from.path}?{sent_from.query}" if sent_from.query else sent_from.path
    return site_path(path) or url_for("plans.overview")
