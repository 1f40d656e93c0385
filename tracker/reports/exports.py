"""Lists and reports as Excel (openpyxl) and CSV, in the usual administrative layout.

The layout of a Vietnamese administrative table: the issuing body on the left and the national
header (Quốc hiệu and Tiêu ngữ) on the right, the title in capitals, "tính đến ngày …", then the
table, all in Times New Roman.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask import Response, abort, current_app
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

#: The national header of every administrative document: fixed text, never translated.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
FORMATS = ("xlsx", "csv")

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass
class Sheet:
    """A table ready to export: what the page shows, in the same order."""

    title: str
    as_of: date
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    total: list | None = None
    issuer: str | None = None  #: REPORT_ISSUER when not given
    subtitle: str | None = None
    widths: list[int] | None = None


def refuse_if_too_large(count: int) -> None:
    """A clear 400 before building an export larger than EXPORT_MAX_ROWS."""
    limit = current_app.config["EXPORT_MAX_ROWS"]
    if count > limit:
        abort(
            400,
            description=_(
                "This list has %(count)s rows; an export holds at most %(limit)s. "
                "Narrow the filters and export again.",
                count=f"{count:,}".replace(",", "."),
                limit=f"{limit:,}".replace(",", "."),
            ),
        )


def as_of_line(as_of: date) -> str:
    return _("as of %(date)s", date=as_of.strftime("%d/%m/%Y"))


def send(sheet: Sheet, fmt: str, filename: str) -> Response:
    """The sheet as an attachment, `filename` without extension."""
    if fmt == "xlsx":
        body = workbook_bytes(sheet)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = csv_text(sheet).encode("utf-8-sig")  # the BOM lets Excel read UTF-8
        mimetype = "text/csv; charset=utf-8"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{filename}.{fmt}"'},
    )


def _plain(value):
    """Cell values: dates as dd/mm/yyyy text, None as empty, numbers kept as numbers."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return float(value)
    return value


def csv_text(sheet: Sheet) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in _header_lines(sheet):
        writer.writerow([line] if line else [])
    writer.writerow([])
    writer.writerow(sheet.headers)
    for row in sheet.rows:
        writer.writerow([_plain(value) for value in row])
    if sheet.total:
        writer.writerow([_plain(value) for value in sheet.total])
    return out.getvalue()


def _header_lines(sheet: Sheet) -> list[str]:
    lines = [NATIONAL_NAME, NATIONAL_MOTTO, "", sheet.title.upper()]
    if sheet.subtitle:
        lines.append(sheet.subtitle)
    lines.append(as_of_line(sheet.as_of))
    return lines


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


def _merged(ws, row: int, first: int, last: int, value: str, font: Font) -> None:
    cell = ws.cell(row=row, column=first, value=value)
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
        cell = ws.cell(row=first_row, column=column, value=text)
        cell.font, cell.border = head, _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    lines = [*sheet.rows, *([sheet.total] if sheet.total else [])]
    for offset, values in enumerate(lines, start=1):
        font = head if sheet.total is not None and offset == len(lines) else body
        for column, value in enumerate(values, start=1):
            cell = ws.cell(row=first_row + offset, column=column, value=_plain(value))
            cell.font, cell.border, cell.alignment = font, _BOX, wrap
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
