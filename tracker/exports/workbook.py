"""The Excel workbook of an export (openpyxl): a table that sorts and filters.

The first sheet is the table: one header row, frozen, with an autofilter; dates are dates and
numbers numbers, each with its format; columns as wide as their content. The administrative
heading is in the printed page's header (issuing body left, title centre, national header
right) and on a second sheet, never above the table, where it would break sorting.

A module of its own so that openpyxl is loaded only when a workbook is made.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from flask import current_app
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tracker.exports.sheet import (
    FONT,
    NATIONAL_MOTTO,
    NATIONAL_NAME,
    Percent,
    Sheet,
    as_of_line,
    number,
)

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
_NARROWEST, _WIDEST = 6, 60


def workbook_bytes(sheet: Sheet) -> bytes:
    book = Workbook()
    table = book.active
    table.title = sheet.sheet_name()
    last_row = _write_table(table, sheet)
    _fit_columns(table, sheet)
    _print_setup(table, sheet, last_row)
    _write_cover(book.create_sheet(_("About")[:31]), sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(ws, row: int, column: int, value):
    """A cell of the right type. Text is always a string cell: openpyxl turns a str starting
    with "=" into a formula, and titles and names are typed by people."""
    cell = ws.cell(row=row, column=column, value=_typed(value))
    if isinstance(value, str):
        if value:
            cell.data_type = "s"
    elif isinstance(value, Percent):
        cell.number_format = _percent_format(value)
    elif isinstance(value, datetime):
        cell.number_format = MOMENT_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.##"
    return cell


def _typed(value):
    if value is None or value == "":
        return None
    if isinstance(value, Percent):
        return number(value / 100)
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # Excel has no time zones: the province's time
    if isinstance(value, Decimal | float):
        return number(value)
    return value


def _percent_format(value: Decimal) -> str:
    """12 % and 12.5 %, never 12.0 %: as many decimals as the figure has."""
    decimals = max(0, -value.normalize().as_tuple().exponent)
    return "0%" if decimals == 0 else "0." + "0" * decimals + "%"


def _write_table(ws, sheet: Sheet) -> int:
    """Headers in row 1, the rows below, the total after them outside the filter."""
    head = Font(name=FONT, size=12, bold=True)
    body = Font(name=FONT, size=12)
    top = Alignment(vertical="top", wrap_text=True)
    for column, text in enumerate(sheet.headers, start=1):
        cell = _put(ws, 1, column, text)
        cell.font, cell.border = head, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row, values in enumerate(sheet.rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = _put(ws, row, column, value)
            cell.font, cell.border, cell.alignment = body, _BOX, top
    last = len(sheet.rows) + 1
    width = get_column_letter(max(len(sheet.headers), 1))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{width}{max(last, 2)}"
    if sheet.total:
        for column, value in enumerate(sheet.total, start=1):
            cell = _put(ws, last + 1, column, value)
            cell.font, cell.border, cell.alignment = head, _BOX, top
        last += 1
    return last


def _shown_length(value) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 16 if isinstance(value, datetime) else 10
    if isinstance(value, str):
        return max((len(line) for line in value.splitlines()), default=0)
    return len(str(value)) + 2


def _fit_columns(ws, sheet: Sheet) -> None:
    """Each column as wide as its widest value (headers wrap: their longest word counts)."""
    for index, header in enumerate(sheet.headers):
        words = max((len(word) for word in str(header).split()), default=0)
        values = (row[index] for row in [*sheet.rows, sheet.total or []] if index < len(row))
        wanted = max([words, *(_shown_length(value) for value in values)]) + 2
        widest = sheet.widths[index] if sheet.widths and index < len(sheet.widths) else _WIDEST
        width = min(max(wanted, _NARROWEST), max(widest, _NARROWEST), _WIDEST)
        ws.column_dimensions[get_column_letter(index + 1)].width = width


def _header_text(text: str) -> str:
    return text.replace("&", "&&")  # "&" starts a code in a page header


def _print_setup(ws, sheet: Sheet, last_row: int) -> None:
    """A4 landscape, fitted to the width, the header row on every page, the administrative
    heading in the page header and the date and page number in the footer."""
    issuer = sheet.issuer or current_app.config["REPORT_ISSUER"]
    ws.oddHeader.left.text = _header_text(issuer)
    ws.oddHeader.center.text = _header_text(sheet.title.upper())
    ws.oddHeader.right.text = _header_text(f"{NATIONAL_NAME}\n{NATIONAL_MOTTO}")
    for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right):
        part.font, part.size = f"{FONT},Bold", 11
    ws.oddFooter.left.text = _header_text(as_of_line(sheet.as_of))
    ws.oddFooter.right.text = "&P / &N"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins.top = ws.page_margins.bottom = 1.0
    ws.print_area = f"A1:{get_column_letter(max(len(sheet.headers), 1))}{last_row}"


def _write_cover(ws, sheet: Sheet) -> None:
    """The administrative heading as a document would carry it, for whoever prints it."""
    issuer = sheet.issuer or current_app.config["REPORT_ISSUER"]
    bold = Font(name=FONT, size=13, bold=True)
    lines = [
        (issuer, bold),
        (NATIONAL_NAME, bold),
        (NATIONAL_MOTTO, Font(name=FONT, size=13, bold=True, underline="single")),
        ("", None),
        (sheet.title.upper(), Font(name=FONT, size=14, bold=True)),
        *([(sheet.subtitle, Font(name=FONT, size=13))] if sheet.subtitle else []),
        (as_of_line(sheet.as_of), Font(name=FONT, size=13, italic=True)),
        ("", None),
        (_("The table is on the sheet “%(name)s”.", name=sheet.sheet_name()), None),
    ]
    for row, (text, font) in enumerate(lines, start=1):
        cell = _put(ws, row, 1, text)
        cell.font = font or Font(name=FONT, size=13)
    ws.column_dimensions["A"].width = 90
