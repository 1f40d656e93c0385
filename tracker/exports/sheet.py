"""An export's sheet and its administrative layout, and the sheet as CSV.

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

from flask import abort, current_app
from flask_babel import gettext as _

#: The national header of every administrative document: fixed text, never translated.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
FORMATS = ("xlsx", "csv")
#: Text starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP,
#: "CSV injection"): a title typed as =HYPERLINK(…) would run in the office's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def plain(value):
    """Cell values: dates as dd/mm/yyyy text, None as empty, numbers kept as numbers."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return float(value)
    return value


def inert(value):
    """A CSV field: text that a spreadsheet would take for a formula gets the apostrophe that
    makes it text; numbers stay numbers (a negative number is not text)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(sheet: Sheet) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in header_lines(sheet):
        writer.writerow([inert(line)] if line else [])
    writer.writerow([])
    writer.writerow([inert(header) for header in sheet.headers])
    for row in [*sheet.rows, *([sheet.total] if sheet.total else [])]:
        writer.writerow([inert(plain(value)) for value in row])
    return out.getvalue()


def header_lines(sheet: Sheet) -> list[str]:
    lines = [NATIONAL_NAME, NATIONAL_MOTTO, "", sheet.title.upper()]
    if sheet.subtitle:
        lines.append(sheet.subtitle)
    lines.append(as_of_line(sheet.as_of))
    return lines
