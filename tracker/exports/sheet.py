"""An export's sheet, and the sheet as CSV.

An export is a table first: one header row, then one row per record, typed values (dates,
numbers, percentages). The administrative layout — the issuing body, the national header
(Quốc hiệu and Tiêu ngữ), the title in capitals, "tính đến ngày …" — goes where it does not
stand in the way of sorting and filtering: the printed page's header and a sheet of its own in
Excel, the file's name for CSV.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from flask import abort, current_app
from flask_babel import gettext as _

from tracker.domain.text import fold

#: The national header of every administrative document: fixed text, never translated.
NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"
FORMATS = ("xlsx", "csv")
#: Text starting with one of these is a formula to Excel, LibreOffice and Google Sheets (OWASP,
#: "CSV injection"): a title typed as =HYPERLINK(…) would run in the office's spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel refuses these in a sheet's name, and a name longer than 31 characters.
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


class Percent(Decimal):
    """A rate in percent (12.5 means 12.5 %): a percentage cell in Excel, "12.5%" in CSV."""


@dataclass
class Sheet:
    """A table ready to export: what the page shows, in the same order."""

    title: str
    as_of: date
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    total: list | None = None  #: below the table in Excel, outside its filter; not in CSV
    issuer: str | None = None  #: REPORT_ISSUER when not given
    subtitle: str | None = None
    widths: list[int] | None = None  #: the widest a column may grow; fitted to its content
    name: str | None = None  #: the sheet's name in Excel; the title's start when not given

    def sheet_name(self) -> str:
        name = _NOT_IN_SHEET_NAMES.sub(" ", self.name or self.title).strip("' ")
        return (name or "Sheet")[:31]


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


def file_name(stem: str, as_of: date) -> str:
    """The file's name without extension: ASCII, and the as-of date in it."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(stem)).strip("-") or "bao-cao"
    day = as_of.isoformat()
    return slug if day in slug else f"{slug}-{day}"


def number(value: Decimal | float | int) -> int | float:
    """A figure as a number without trailing zeros: 10.0 is 10, 0.60 is 0.6."""
    if isinstance(value, Decimal | float) and value == int(value):
        return int(value)
    return float(value)


def inert(value):
    """A CSV field: text that a spreadsheet would take for a formula gets the apostrophe that
    makes it text; numbers stay numbers (a negative number is not text)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_field(value):
    """A CSV field as a program reads it: ISO dates, numbers without trailing zeros."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        return f"{number(value)}%"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal | float):
        return number(value)
    return inert(value)


def csv_text(sheet: Sheet) -> str:
    """One header line, then the rows: a plain table (the title and date are in the name)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([inert(header) for header in sheet.headers])
    for row in sheet.rows:
        writer.writerow([csv_field(value) for value in row])
    return out.getvalue()


def header_lines(sheet: Sheet) -> list[str]:
    lines = [NATIONAL_NAME, NATIONAL_MOTTO, "", sheet.title.upper()]
    if sheet.subtitle:
        lines.append(sheet.subtitle)
    lines.append(as_of_line(sheet.as_of))
    return lines
