"""The Excel workbook of an export (openpyxl), in the layout of tracker.exports.sheet.

A module of its own so that openpyxl is loaded only when a workbook is made.
"""

from __future__ import annotations

import io

from flask import current_app
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tracker.exports.sheet import FONT, NATIONAL_MOTTO, NATIONAL_NAME, Sheet, as_of_line, plain

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def workbook_bytes(sheet: Sheet) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = "Bao cao"
    columns = max(len(sheet.headers), 2)
    row = _write_heading(ws, sheet, columns)
    _write_table(ws, sheet, row)
    for index, width in enumerate(sheet.widths or [], start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(ws, row: int, column: int, value):
    """A cell; text is always a string cell. openpyxl turns a str starting with "=" into a
    formula, and titles and names are typed by people."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _merged(ws, row: int, first: int, last: int, value: str, font: Font) -> None:
    cell = _put(ws, row, first, value)
    cell.font = font
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if last > first:
        ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _write_heading(ws, sheet: Sheet, columns: int) -> int:
    """Issuer left, national header right, then title and date; returns the next free row."""
    split = max(1, columns // 3)
    bold = Font(name=FONT, size=12, bold=True)
    _merged(ws, 1, 1, split, sheet.issuer or current_app.config["REPORT_ISSUER"], bold)
    _merged(ws, 1, split + 1, columns, NATIONAL_NAME, bold)
    _merged(
        ws,
        2,
        split + 1,
        columns,
        NATIONAL_MOTTO,
        Font(name=FONT, size=13, bold=True, underline="single"),
    )
    _merged(ws, 4, 1, columns, sheet.title.upper(), Font(name=FONT, size=14, bold=True))
    row = 5
    if sheet.subtitle:
        _merged(ws, row, 1, columns, sheet.subtitle, Font(name=FONT, size=13))
        row += 1
    _merged(ws, row, 1, columns, as_of_line(sheet.as_of), Font(name=FONT, size=13, italic=True))
    return row + 2


def _write_table(ws, sheet: Sheet, first_row: int) -> None:
    head = Font(name=FONT, size=12, bold=True)
    body = Font(name=FONT, size=12)
    wrap = Alignment(vertical="top", wrap_text=True)
    for column, text in enumerate(sheet.headers, start=1):
        cell = _put(ws, first_row, column, text)
        cell.font, cell.border = head, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lines = [*sheet.rows, *([sheet.total] if sheet.total else [])]
    for offset, values in enumerate(lines, start=1):
        font = head if sheet.total is not None and offset == len(lines) else body
        for column, value in enumerate(values, start=1):
            cell = _put(ws, first_row + offset, column, plain(value))
            cell.font, cell.border, cell.alignment = font, _BOX, wrap
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
