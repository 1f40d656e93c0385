"""A closed period's report to the leadership as an administrative paper (always Vietnamese):
the statistics by agency, the standing by pillar and by sector with a chart, and the items
overdue on the cut-off date — the figures exactly as frozen when the period was closed."""

from __future__ import annotations

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from tracker.clock import local_today
from tracker.domain.standing import Standing
from tracker.domain.tally import Tally
from tracker.formatting import format_date, format_number
from tracker.labels import STANDING_LABELS
from tracker.models import Period
from tracker.overdue.queries import OverdueRow
from tracker.papers import Figure, Heading, Paper, Paragraph, Table
from tracker.papers.paper import vietnamese_date
from tracker.periods.names import period_name
from tracker.reports.chart_image import standing_bars
from tracker.reports.sheets import ROW_HEADINGS
from tracker.reports.statistics import Dimension
from tracker.reports.statistics import Table as Statistics


def report_paper(
    period: Period, tables: dict[Dimension, Statistics], overdue: list[OverdueRow], names
) -> Paper:
    with force_locale("vi"):
        name = period_name(period)
        config = current_app.config
        return Paper(
            superior=config["REPORT_ISSUER"], issuer=_("PROVINCIAL OFFICE"),
            number=_("No.: ....../BC-VP"),
            place_date=vietnamese_date(config["REPORT_PLACE"], local_today()),
            kind=_("REPORT"),
            title=_("The carrying out of the assigned tasks, %(period)s", period=name),
            blocks=_blocks(period, tables, overdue, names),
            copies=[_("Leaders of the Provincial People's Committee (to report);"),
                    _("Filed: Office records.")],  # fmt: skip
            authority=_("FOR THE CHIEF OF OFFICE"), signer_title=_("DEPUTY CHIEF OF OFFICE"),
            landscape=True, footer=_("Report %(period)s", period=name),
        )  # fmt: skip


def _blocks(period, tables, overdue, names) -> list:
    agencies = tables[Dimension.AGENCY]
    total = agencies.total
    opening = _(
        "As of %(date)s (the cut-off date of the period, figures frozen when it was closed), "
        "%(total)s tasks were followed: %(done)s completed, %(overdue)s in progress past "
        "their deadline.",
        date=format_date(period.cutoff_on), total=total.total, done=total.done,
        overdue=total.overdue,
    )  # fmt: skip
    return [
        Paragraph(opening),
        Heading(_("I. BY LEAD AGENCY")),
        _statistics(agencies),
        *_updates(agencies),
        Heading(_("II. BY PILLAR AND GROUP")),
        _statistics(tables[Dimension.PILLAR]),
        _chart(tables[Dimension.PILLAR]),
        Heading(_("III. BY SECTOR")),
        _statistics(tables[Dimension.SECTOR]),
        Heading(_("IV. TASKS OVERDUE ON THE CUT-OFF DATE")),
        *_overdue(overdue, names),
    ]


def _rate(value) -> str:
    return "—" if value is None else f"{format_number(value)}%"


def _cells(tally: Tally) -> list[str]:
    return [
        str(tally.total), *(str(tally.count(s)) for s in Standing),
        _rate(tally.rate_all), _rate(tally.rate_due),
    ]  # fmt: skip


def _statistics(table: Statistics) -> Table:
    headers = [
        _("No."), ROW_HEADINGS[table.dimension](), _("Total"),
        *(str(STANDING_LABELS[s]) for s in Standing),
        _("Completed / all tasks"), _("Completed / tasks fallen due"),
    ]  # fmt: skip
    rows = [[str(n), row.name, *_cells(row.tally)] for n, row in enumerate(table.rows, start=1)]
    rows.append(["", _("Total"), *_cells(table.total)])
    return Table(
        headers, rows, widths=[6, 50, 10, 12, 12, 12, 12, 12, 13, 13],
        numeric=frozenset(range(2, 10)) | {0}, bold_last=True,
    )  # fmt: skip


def _updates(table: Statistics) -> list:
    """Per agency, the period's progress updates: how many, how many late, the items left
    without one; a period closed before they were counted says so."""
    if table.updates_from is None:
        return [Paragraph(_("Progress updates were not counted when this period was closed."))]
    headers = [
        _("No."), ROW_HEADINGS[table.dimension](), _("Updates"), _("Late updates"),
        _("Late updates (%)"), _("Open items not updated"),
    ]  # fmt: skip
    figures = [(row.name, row.updates) for row in table.rows]
    rows = [[str(n), name, *_update_cells(f)] for n, (name, f) in enumerate(figures, start=1)]
    rows.append(["", _("Total"), *_update_cells(table.updates_total)])
    return [
        Paragraph(_("Progress updates in the period, from %(start)s to %(end)s:",
                    start=format_date(table.updates_from), end=format_date(table.as_of))),
        Table(headers, rows, widths=[6, 60, 18, 18, 18, 22],
              numeric=frozenset(range(2, 6)) | {0}, bold_last=True),
    ]  # fmt: skip


def _update_cells(figures) -> list[str]:
    return [str(figures.updates), str(figures.late), _rate(figures.late_share),
            str(figures.never_updated)]  # fmt: skip


def _chart(table: Statistics) -> Figure:
    legend = {standing: str(STANDING_LABELS[standing]) for standing in Standing}
    rows = [(row.name, row.tally) for row in table.rows if row.tally.total]
    return Figure(
        standing_bars(rows, legend), _("Chart: the standing of the tasks by pillar and group"),
        width_mm=230,
    )  # fmt: skip


def _overdue(rows: list[OverdueRow], names) -> list:
    if not rows:
        return [Paragraph(_("No task was overdue on the cut-off date."))]
    headers = [
        _("No."), _("Code"), _("Task"), _("Lead agency"), _("Original deadline"),
        _("Deadline in force"), _("Days overdue"),
    ]  # fmt: skip
    body = [
        [
            str(n),
            row.code,
            row.title,
            names.get(row.agency_id, ""),
            format_date(row.original_deadline),
            format_date(row.deadline),
            str(row.days),
        ]  # fmt: skip
        for n, row in enumerate(rows, start=1)
    ]
    return [Table(headers, body, widths=[6, 22, 80, 40, 16, 16, 12], numeric=frozenset({0, 6}))]
