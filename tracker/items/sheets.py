"""The item list as an export sheet: every matching item, with the columns a follow-up needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from flask import Response
from flask_babel import gettext as _

from tracker import exports
from tracker.assignments.next_due import next_deadlines
from tracker.domain.standing import Standing
from tracker.exports import Sheet
from tracker.items import queries
from tracker.items.queries import ItemFilters, waiting_head_ids
from tracker.labels import FLAG_LABELS, KIND_LABELS, badge_of, status_words
from tracker.models import User, WorkItem


def _flags(item: WorkItem) -> str:
    marked = {"key": item.is_key, "urgent": item.is_urgent, "not_public": not item.is_public}
    return ", ".join(str(FLAG_LABELS[flag]) for flag, on in marked.items() if on)


def _row(
    n: int, item: WorkItem, standing: Standing | None, as_of: date, waiting: bool, next_due
) -> list:
    status = status_words(item.status, item.target_outcome)
    return [
        n, item.code, item.title, item.plan.number if item.plan else "",
        str(KIND_LABELS.get(item.kind, item.kind)), item.lead_agency.name,
        "; ".join(agency.name for agency in item.coordinating_agencies),
        item.deadline, item.original_deadline, status,
        item.progress, badge_of(item, standing, as_of, waiting=waiting), item.completed_on,
        item.responsible.name if item.responsible else "", _flags(item), next_due,
    ]  # fmt: skip


def items_sheet(
    items: list[WorkItem],
    as_of: date,
    standing_of: Callable[[WorkItem, date], Standing | None],
    subtitle: str | None = None,
) -> Sheet:
    headers = [
        _("No."), _("Code"), _("Title"), _("Document"), _("Kind"), _("Lead agency"),
        _("Coordinating agencies"), _("Deadline in force"), _("Original deadline"), _("Status"),
        _("Progress (%)"), _("Standing"), _("Completed on"), _("Responsible person"), _("Flags"),
        _("Next occurrence due"),
    ]  # fmt: skip
    # The standing in the list's words: its one badge, e.g. "Đang thực hiện · quá hạn 3 ngày".
    waiting = waiting_head_ids(items)
    # A recurring duty has no deadline of its own: its next occurrence's is its own column.
    next_due = next_deadlines(items, as_of)
    rows = [
        _row(n, item, standing_of(item, as_of), as_of, item.id in waiting, next_due.get(item.id))
        for n, item in enumerate(items, start=1)
    ]
    return Sheet(
        title=_("Work items"), as_of=as_of, subtitle=subtitle, headers=headers, rows=rows,
        widths=[6, 16, 60, 18, 10, 30, 30, 12, 12, 16, 10, 20, 12, 24, 20, 14],
    )  # fmt: skip


def send_items(
    user: User, filters: ItemFilters, as_of: date, fmt: str, subtitle: str | None = None
) -> Response:
    """Every item the user sees that matches the filters, every page of them, as a file."""
    exports.refuse_if_too_large(queries.count_items(user, filters, as_of))
    rows = queries.export_items(user, filters, as_of)
    sheet = items_sheet(rows, as_of, queries.standing_of, subtitle)
    return exports.send(sheet, fmt, "danh-sach-nhiem-vu")
