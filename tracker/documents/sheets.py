"""The reconciliation by document as an export sheet: the report an office sends its leader."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from tracker.documents.queries import DocumentRow
from tracker.domain.tally import Tally
from tracker.exports import Sheet
from tracker.reports.sheets import statistics_headers, tally_cells


def reconciliation_sheet(rows: list[DocumentRow], as_of: date) -> Sheet:
    body = [
        [n, f"{row.document.number} — {row.document.title}", *tally_cells(row.tally)]
        for n, row in enumerate(rows, start=1)
    ]
    total = sum((row.tally for row in rows), start=Tally())
    return Sheet(
        title=_("Reconciliation of tasks by assigning document"),
        as_of=as_of,
        subtitle=_("Each piece of work counted once: sub-items, not their parents."),
        headers=statistics_headers(_("Document")),
        rows=body,
        total=["", _("Total"), *tally_cells(total)],
        widths=[6, 60, 10, 12, 12, 14, 14, 12, 16, 16],
    )
