"""Bad annex files: a clear message for the file or for each row, and nothing created."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from tracker.annex.importing import import_annex
from tracker.database import db
from tracker.models import Plan, WorkItem
from tracker.refusals import TooLarge

from .conftest import row, workbook
from .test_import_web import OFFICE, confirm, items_of, preview


def counts() -> tuple[int, int]:
    return (
        db.session.scalar(select(func.count(Plan.id))),
        db.session.scalar(select(func.count(WorkItem.id))),
    )


def with_macros(data: bytes) -> bytes:
    """The same workbook with a VBA project inside, as Excel saves an .xlsm."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 not really vba")
    return out.getvalue()


def merged(ws) -> None:
    ws.merge_cells("C2:D2")


def formula(ws) -> None:
    ws["G2"] = "=DATE(2027,12,31)"


BAD_FILES = {
    "not a workbook": (b"%PDF-1.7 this is a pdf", "annex.xlsx", "không phải tệp Excel"),
    "a zip that is no workbook": (None, "annex.xlsx", "không phải tệp Excel"),
    "macros by name": (None, "annex.xlsm", "macro"),
    "macros inside": (None, "annex.xlsx", "macro"),
    "an empty sheet": (None, "annex.xlsx", "Bảng trống"),
    "only the header row": (None, "annex.xlsx", "Bảng trống"),
    "another layout": (None, "annex.xlsx", "dòng tiêu đề"),
}


def bad_file(case: str) -> bytes:
    good = workbook([row("C-01", "Một nhiệm vụ")])
    if case == "a zip that is no workbook":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as package:
            package.writestr("hello.txt", "hello")
        return out.getvalue()
    if case in ("macros by name", "macros inside"):
        return with_macros(good)
    if case == "an empty sheet":
        return workbook([], header=[])
    if case == "only the header row":
        return workbook([])
    if case == "another layout":
        return workbook([row("C-01", "Một nhiệm vụ")], header=["STT", "Nội dung"])
    return BAD_FILES[case][0]


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_message_for_the_file(login, case):
    before = counts()
    _, name, words = BAD_FILES[case]
    response = preview(login(OFFICE), bad_file(case), name=name)
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)
    assert counts() == before


def test_a_50_mb_file_is_refused_before_it_is_read(app, user_by_email):
    # Through the use case: the test client spools so large a body to a temporary file it
    # never closes. The page's refusal of a file over the limit is tested below.
    before = counts()
    with pytest.raises(TooLarge, match="lớn hơn 10 MB"):
        import_annex(user_by_email(OFFICE), b"PK\x03\x04" + bytes(50 * 1024 * 1024),
                     "lon.xlsx", "12/KH-UBND")  # fmt: skip
    assert counts() == before


class TestUploadLimit:
    @pytest.fixture
    def config_overrides(self):
        # Under the 500 KB above which the test client spools a body to a temporary file.
        return {"ANNEX_MAX_BYTES": 256 * 1024}

    def test_the_page_says_the_file_is_too_large(self, login):
        before = counts()
        response = preview(login(OFFICE), b"PK\x03\x04" + bytes(300 * 1024))
        assert response.status_code == 413
        assert "lớn hơn 0.25 MB" in response.get_data(as_text=True)
        assert counts() == before


@pytest.mark.parametrize(
    ("prepare", "cell", "words"),
    [(merged, "C2", "Ô bị gộp (C2:D2)"), (formula, "G2", "Không nhận công thức")],
)
def test_formulas_and_merged_cells_are_faults_of_their_cell(login, prepare, cell, words):
    sheet = workbook([row("C-01", "Một nhiệm vụ"), row("C-02", "Hai")], prepare=prepare)
    response = preview(login(OFFICE), sheet)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<td class="text-nowrap">{cell}</td><td>{words}' in page
    assert items_of("12/KH-UBND") == {}


def test_a_cell_of_ten_thousand_characters_is_refused_at_its_cell(login):
    sheet = workbook([row("C-01", "x" * 10_000), row("C-02", "Hai", heading="y" * 10_000)])
    page = preview(login(OFFICE), sheet).get_data(as_text=True)
    assert '<td class="text-nowrap">C2</td><td>Cột này tối đa 2000 ký tự' in page
    assert '<td class="text-nowrap">A3</td><td>Cột này tối đa 200 ký tự' in page
    assert items_of("12/KH-UBND") == {}


def test_dates_as_vietnamese_text_and_as_excel_dates_both_import(login):
    sheet = workbook(
        [
            row("D-01", "Ngày viết bằng chữ", deadline="31/12/2025"),
            row("D-02", "Ngày của Excel", deadline=datetime(2025, 12, 31)),  # noqa: DTZ001 — as Excel holds it
            row("D-03", "Ngày ISO", deadline="2025-12-31"),
        ]
    )
    client = login(OFFICE)
    confirm(client, preview(client, sheet).get_data(as_text=True))
    assert {item.deadline for item in items_of("12/KH-UBND").values()} == {date(2025, 12, 31)}


def test_text_that_looks_like_a_formula_is_stored_and_exported_as_text(login):
    client = login(OFFICE)

    def as_text(ws):  # typed into a cell formatted as text: a string, not a formula
        ws["C2"].data_type = "s"

    sheet = workbook([row("E-01", '=HYPERLINK("http://x","bấm")')], prepare=as_text)
    confirm(client, preview(client, sheet).get_data(as_text=True))
    item = items_of("12/KH-UBND")["E-01"]
    assert item.title == '=HYPERLINK("http://x","bấm")'

    exported = client.get(f"/annex/documents/{item.plan_id}.xlsx")
    from openpyxl import load_workbook

    cell = load_workbook(io.BytesIO(exported.data)).active["C2"]
    assert cell.data_type == "s" and cell.value == item.title
