"""Statistics tables and their item lists as export sheets, with the page's columns."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.domain.standing import Standing
from tracker.domain.tally import Tally
from tracker.exports import Percent, Sheet
from tracker.labels import KIND_LABELS, STANDING_LABELS, status_words
from tracker.paging import Page
from tracker.reports.statistics import Dimension, Table
from tracker.reports.update_figures import UpdateFigures

#: The title of a statistics table, on its page and in its exports (a period's too).
TITLES = {
    Dimension.AGENCY: _l("Work items by lead agency"),
    Dimension.SECTOR: _l("Work items by sector"),
    Dimension.PILLAR: _l("Work items by pillar and group"),
}
ROW_HEADINGS = {
    Dimension.AGENCY: lambda: _("Lead agency"),
    Dimension.SECTOR: lambda: _("Sector"),
    Dimension.PILLAR: lambda: _("Pillar or group"),
}


def rate_headers() -> list[str]:
    return [
        _("Completion rate: completed / all tasks (%)"),
        _("Completion rate: completed / tasks fallen due (%)"),
    ]


def tally_cells(tally: Tally) -> list:
    return [
        tally.total, tally.done_on_time, tally.done_late, tally.in_progress, tally.overdue,
        tally.no_deadline, _percent(tally.rate_all), _percent(tally.rate_due),
    ]  # fmt: skip


def _percent(rate):
    return None if rate is None else Percent(rate)


def statistics_headers(first: str) -> list[str]:
    return [
        _("No."),
        first,
        _("Total"),
        *(str(STANDING_LABELS[s]) for s in Standing),
        *rate_headers(),
    ]


def update_headers() -> list[str]:
    return [
        _("Updates"),
        _("Late updates"),
        _("Late updates (%)"),
        _("Open items not updated"),
    ]


def update_cells(figures: UpdateFigures | None) -> list:
    if figures is None:
        return [None, None, None, None]
    share = _percent(figures.late_share)
    return [figures.updates, figures.late, share, figures.never_updated]


def statistics_sheet(table: Table, title: str, subtitle: str | None = None) -> Sheet:
    """The table as the page shows it; by agency with the updates' columns."""
    with_updates = table.updates_from is not None

    def cells(name, tally, figures) -> list:
        return [name, *tally_cells(tally), *(update_cells(figures) if with_updates else [])]

    rows = [[n, *cells(row.name, row.tally, row.updates)] for n, row in enumerate(table.rows, 1)]
    headers = statistics_headers(ROW_HEADINGS[table.dimension]())
    return Sheet(
        title=title,
        as_of=table.as_of,
        subtitle=subtitle,
        headers=headers + (update_headers() if with_updates else []),
        rows=rows,
        total=["", *cells(_("Total"), table.total, table.updates_total)],
        widths=[6, 40, 10, 12, 12, 14, 14, 12, 16, 16] + ([10, 10, 12, 14] if with_updates else []),
    )


def cell_items_sheet(found: Page, name: str, standing: str | None, as_of: date) -> Sheet:
    headers = [
        _("No."), _("Code"), _("Title"), _("Kind"), _("Deadline in force"), _("Original deadline"),
        _("Completed on"), _("Status"), _("Standing"),
    ]  # fmt: skip
    rows = [
        [
            n,
            row.code,
            row.title,
            str(KIND_LABELS.get(row.kind, row.kind)),
            row.deadline,
            row.original_deadline,
            row.completed_on,
            status_words(row.status, row.target_outcome),
            str(STANDING_LABELS[Standing(row.standing)]),
        ]  # fmt: skip
        for n, row in enumerate(found.rows, start=1)
    ]
    subtitle = name if standing is None else f"{name} · {STANDING_LABELS[Standing(standing)]}"
    return Sheet(
        title=_("Work items"), as_of=as_of, subtitle=subtitle, headers=headers, rows=rows,
        widths=[6, 16, 60, 10, 12, 12, 12, 16, 20],
    )  # fmt: skip


def extended_sheet(found: list, agency_names: dict[int, str], as_of: date) -> Sheet:
    """The items extended more than once, as the page lists them."""
    headers = [
        _("No."), _("Code"), _("Title"), _("Lead agency"), _("Original deadline"),
        _("Deadline in force"), _("Extensions"), _("Days added in all"),
    ]  # fmt: skip
    rows = [
        [n, item.code, item.title, agency_names.get(item.lead_agency_id, ""),
         item.original_deadline, item.deadline, item.extensions, item.days]
        for n, item in enumerate(found, start=1)
    ]  # fmt: skip
    return Sheet(
        title=_("Items extended more than once"), as_of=as_of, headers=headers, rows=rows,
        widths=[6, 16, 50, 30, 14, 14, 12, 14],
    )  # fmt: skip
