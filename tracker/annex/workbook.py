"""The annex as a workbook: the empty template, or a document's items in its layout, so that
an export imports back unchanged.

Every text is written as a string cell: openpyxl would turn a title starting with "=" into a
formula, and titles are typed by people.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from tracker.annex.layout import COLUMNS, HEADER_ROW, KIND_NAMES, MARK, SHEET_TITLE
from tracker.exports.sheet import FONT
from tracker.models import WorkItem

DATE_FORMAT = "DD/MM/YYYY"


def _put(ws, row: int, column: int, value) -> None:
    cell = ws.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif hasattr(value, "year"):
        cell.number_format = DATE_FORMAT
    cell.font = Font(name=FONT, size=11)
    cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))


def _item_cells(item: WorkItem) -> list:
    return [
        item.group.name if item.group else None,
        item.code,
        item.title,
        KIND_NAMES[item.kind],
        item.lead_agency.name,
        "; ".join(agency.name for agency in item.coordinating_agencies) or None,
        item.deadline,
        float(item.target_value) if item.target_value is not None else None,
        item.target_unit,
        item.sector.name if item.sector else None,
        MARK if item.is_key else None,
        MARK if item.is_urgent else None,
        None if item.is_public else MARK,
        item.parent.code if item.parent is not None else None,
    ]


def annex_bytes(items: list[WorkItem] = ()) -> bytes:
    """The template's header row, then one row per item (none for the empty template)."""
    book = Workbook()
    ws = book.active
    ws.title = SHEET_TITLE
    for index, column in enumerate(COLUMNS, start=1):
        _put(ws, HEADER_ROW, index, column.header)
        ws.cell(row=HEADER_ROW, column=index).font = Font(name=FONT, size=11, bold=True)
        ws.column_dimensions[get_column_letter(index)].width = column.width
    for number, item in enumerate(items, start=HEADER_ROW + 1):
        for index, value in enumerate(_item_cells(item), start=1):
            if value is not None:
                _put(ws, number, index, value)
    ws.freeze_panes = ws.cell(row=HEADER_ROW + 1, column=3)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
