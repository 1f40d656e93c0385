"""Real annex workbooks, built with openpyxl the way an office fills the template."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import Workbook

from tracker.annex.layout import COLUMNS

KEYS = [column.key for column in COLUMNS]


def row(code: str, title: str, lead: str = "Sở Y tế", **cells) -> dict:
    """One row of the annex; cells by column key (see tracker.annex.layout.COLUMNS)."""
    return {"code": code, "title": title, "lead": lead, **cells}


def workbook(rows: list[dict], header: list[str] | None = None, prepare=None) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(header if header is not None else [column.header for column in COLUMNS])
    for values in rows:
        ws.append([values.get(key) for key in KEYS])
    if prepare is not None:
        prepare(ws)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


GOOD_ROWS = [
    row("A-01", "Xây dựng kho dữ liệu y tế", heading="Nhiệm vụ chung", deadline=date(2027, 6, 30),
        coordinating="Sở Tài chính; Sở Khoa học và Công nghệ", is_key="x"),
    row("A-02", "Báo cáo tiến độ triển khai bệnh án điện tử", heading="Nhiệm vụ chung",
        deadline="31/12/2027", is_urgent="x", not_public="x"),
    row("A-02.1", "Triển khai bệnh án điện tử tại bệnh viện tỉnh", parent="A-02",
        deadline="30/09/2027", heading="Nhiệm vụ chung"),
    row("A-03", "Tỷ lệ hồ sơ sức khỏe điện tử", kind="Chỉ tiêu", deadline=date(2027, 12, 31),
        target_value=90, target_unit="%", sector="Y tế", heading="Chỉ tiêu"),
]  # fmt: skip


@pytest.fixture
def good_sheet() -> bytes:
    return workbook(GOOD_ROWS)
