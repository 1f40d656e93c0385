"""Reading an uploaded annex: the file's checks, then every cell as plain values.

Nothing here is trusted: the bytes must be an Excel 2007+ workbook without macros, not too
large even once unpacked; a cell holding a formula is refused (its value would be whatever the
last program to save it computed, and it is never evaluated here); merged cells are refused
(the value belongs to one of the cells only); every text is kept as text.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _

from tracker.annex.layout import COLUMNS, FIRST_ROW, HEADER_ROW, LETTERS, header_matches
from tracker.refusals import Invalid, TooLarge

MACRO_PARTS = ("xl/vbaProject.bin", "xl/vbaProjectSignature.bin")


@dataclass(frozen=True)
class Problem:
    """What is wrong, and where: a sheet row and column letter, or the whole file."""

    message: str
    row: int | None = None
    column: str | None = None

    def where(self) -> str:
        if self.row is None:
            return ""
        return f"{self.column or ''}{self.row}"


@dataclass
class RawRow:
    number: int  #: the row's number in the sheet, as the office sees it
    cells: dict[str, str | date | float | int | None] = field(default_factory=dict)


@dataclass
class Sheet:
    rows: list[RawRow]
    problems: list[Problem]


def _refuse(message: str) -> Invalid:
    return Invalid(message, {"file": [message]})


def _check_package(data: bytes, filename: str) -> None:
    """The file-level refusals, before openpyxl reads anything."""
    limit = current_app.config["ANNEX_MAX_BYTES"]
    if len(data) > limit:
        raise TooLarge(
            _("The workbook is larger than %(size)s MB.", size=f"{limit / (1024 * 1024):g}"),
            {"file": [_("The file is too large.")]},
        )
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension in ("xlsm", "xltm", "xlsb"):
        raise _refuse(_("Workbooks with macros are not accepted: save the sheet as .xlsx."))
    if not data or not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(_("This file is not an Excel workbook (.xlsx)."))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        if names & set(MACRO_PARTS):
            raise _refuse(_("Workbooks with macros are not accepted: save the sheet as .xlsx."))
        if "xl/workbook.xml" not in names:
            raise _refuse(_("This file is not an Excel workbook (.xlsx)."))
        unpacked = sum(info.file_size for info in package.infolist())
        if unpacked > current_app.config["ANNEX_MAX_UNPACKED_BYTES"]:
            raise TooLarge(
                _("The workbook holds too much data: split it into smaller sheets."),
                {"file": [_("The file is too large.")]},
            )


def _open(data: bytes):
    # Imported here: openpyxl costs every process ~45 ms at start-up (see tracker.exports).
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # Extensions openpyxl does not know (slicers, data validation lists) are dropped
            # with a warning; they are nothing the import reads.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged package
        raise _refuse(_("This file is not an Excel workbook (.xlsx).")) from error


def _value(cell):
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        return value.strip()
    return value


def _merged_problems(ws) -> list[Problem]:
    return [
        Problem(
            _("Merged cells (%(range)s): unmerge them and write one value per cell.", range=str(r)),
            r.min_row,
            LETTERS[r.min_col - 1] if r.min_col <= len(LETTERS) else None,
        )
        for r in ws.merged_cells.ranges
    ]


def _read_row(number: int, cells, problems: list[Problem]) -> RawRow:
    row = RawRow(number)
    for column, cell in zip(COLUMNS, cells, strict=False):
        letter = LETTERS[COLUMNS.index(column)]
        if cell.data_type == "f":
            problems.append(
                Problem(_("A formula is not accepted: type the value itself."), number, letter)
            )
            continue
        value = _value(cell)
        if isinstance(value, str) and len(value) > column.limit:
            problems.append(
                Problem(
                    _("At most %(max)d characters in this column.", max=column.limit),
                    number,
                    letter,
                )
            )
            value = value[: column.limit]
        row.cells[column.key] = value if value != "" else None
    return row


def read_sheet(data: bytes, filename: str) -> Sheet:
    """The first sheet's rows below the header, blank rows left out, with what is wrong."""
    _check_package(data, filename)
    ws = _open(data).worksheets[0]
    if ws.max_row < FIRST_ROW:
        raise _refuse(_("The sheet is empty: fill in the template's rows."))
    header = [cell.value for cell in next(ws.iter_rows(min_row=HEADER_ROW, max_row=HEADER_ROW))]
    if not header_matches(header):
        raise _refuse(
            _("The first row is not the template's header row: download the template and fill it.")
        )
    if ws.max_row - HEADER_ROW > current_app.config["ANNEX_MAX_ROWS"]:
        raise TooLarge(
            _("At most %(count)d rows at once.", count=current_app.config["ANNEX_MAX_ROWS"]),
            {"file": [_("The file is too large.")]},
        )
    problems = _merged_problems(ws)
    rows = []
    for number, cells in enumerate(
        ws.iter_rows(min_row=FIRST_ROW, max_col=len(COLUMNS)), start=FIRST_ROW
    ):
        row = _read_row(number, cells, problems)
        if any(value is not None for value in row.cells.values()) or any(
            p.row == number for p in problems
        ):
            rows.append(row)
    if not rows and not problems:
        raise _refuse(_("The sheet is empty: fill in the template's rows."))
    return Sheet(rows, problems)
