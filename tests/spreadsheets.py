"""Reading an exported workbook or CSV back as a program would: the table, and the heading
that stands beside it."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook


def table(data: bytes):
    """The first sheet (the table), its header row, and its rows as values."""
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return sheet, values[0], values[1:]


def cover(data: bytes) -> list[str]:
    """The administrative heading on the workbook's second sheet."""
    sheet = load_workbook(io.BytesIO(data)).worksheets[1]
    return [row[0].value for row in sheet.iter_rows() if row[0].value]


def csv_rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
