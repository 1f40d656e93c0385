"""The office's lists as export sheets: the same rows and columns as the pages."""

from datetime import date

from flask_babel import gettext as _

from tracker.domain.standing import Standing
from tracker.exports import Sheet
from tracker.items.queries import waiting_head_ids
from tracker.labels import KIND_LABELS, STATUS_LABELS, item_badge
from tracker.names import Labels
from tracker.overdue.queries import OverdueRow


def _agency(labels: Labels, agency_id: int) -> str:
    found = labels.agency(agency_id)
    return found.name if found else ""


def overdue_sheet(
    rows: list[OverdueRow], labels: Labels, as_of: date, letters: dict[int, int] | None = None
) -> Sheet:
    """The list's rows; `letters`: how many urging letters listed each item. The status is the
    item's badge, in the words lists, item pages and mails use."""
    letters = letters or {}
    waiting = waiting_head_ids(rows)
    headers = [
        _("No."), _("Code"), _("Title"), _("Kind"), _("Lead agency"), _("Deadline in force"),
        _("Original deadline"), _("Days overdue"), _("Escalation level"), _("Status"),
        _("Progress (%)"), _("Responsible person"), _("Urging letters"),
    ]  # fmt: skip
    body = [
        [
            n,
            row.code,
            row.title,
            str(KIND_LABELS.get(row.kind, row.kind)),
            _agency(labels, row.agency_id),
            row.deadline,
            row.original_deadline,
            row.days,
            row.level,
            item_badge(row.status, Standing.OVERDUE, row.days, waiting_head=row.id in waiting),
            row.progress,
            row.responsible or "",
            letters.get(row.id, 0),
        ]  # fmt: skip
        for n, row in enumerate(rows, start=1)
    ]
    return Sheet(
        title=_("Overdue work items"),
        as_of=as_of,
        headers=headers,
        rows=body,
        widths=[6, 16, 60, 10, 30, 12, 12, 10, 10, 16, 10, 24, 10],
    )


def idle_sheet(rows, labels: Labels, today: date) -> Sheet:
    headers = [
        _("No."), _("Code"), _("Title"), _("Kind"), _("Lead agency"), _("Last activity"),
        _("Status"), _("Progress (%)"),
    ]  # fmt: skip
    body = [
        [
            n,
            row.code,
            row.title,
            str(KIND_LABELS.get(row.kind, row.kind)),
            _agency(labels, row.lead_agency_id),
            row.last_activity_on,
            str(STATUS_LABELS.get(row.status, row.status)),
            row.progress,
        ]  # fmt: skip
        for n, row in enumerate(rows, start=1)
    ]
    return Sheet(
        title=_("Items without deadline idle for more than 90 days"),
        as_of=today,
        headers=headers,
        rows=body,
        widths=[6, 16, 60, 10, 30, 14, 16, 10],
    )
