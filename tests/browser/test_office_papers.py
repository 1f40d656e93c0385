"""The office's journey with its papers: on the overdue list it selects two agencies, numbers
and signs their letters and downloads them as Word (opened by LibreOffice Writer) and PDF,
closes the quarter and downloads its report, exports a list to Excel and sorts it by a date
column (LibreOffice Calc reads the dates as dates; openpyxl reads the typed cells), and sets
the weights of the year's emulation evaluation and downloads it as Excel and Word."""

import csv
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter
from sqlalchemy import select

from tests.papers import docx_text, pdf_text
from tests.spreadsheets import table
from tracker.database import db
from tracker.models import Period

AS_OF = "2026-09-30"


def _download(page, selector: str, folder: Path) -> Path:
    with page.expect_download() as download:
        page.click(selector)
    saved = folder / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def _opened_by_libreoffice(document: Path, folder: Path) -> str:
    """LibreOffice (Writer, headless) opens the Word file and prints it to PDF: its text."""
    subprocess.run(
        [shutil.which("soffice") or "/usr/bin/soffice",
         f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder / "printed"), str(document)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return pdf_text((folder / "printed" / f"{document.stem}.pdf").read_bytes())


def _read_by_libreoffice_calc(workbook: Path, folder: Path) -> list[list[str]]:
    """LibreOffice Calc (headless) opens the workbook and saves it as CSV: its rows. Saving the
    values rather than the cells as shown (the filter's ninth option), Calc writes a date cell in
    its own default format (month/day/year); a date stored as text would keep the export's
    day/month/year."""
    subprocess.run(
        [shutil.which("soffice") or "/usr/bin/soffice",
         f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false",
         "--outdir", str(folder / "calc"), str(workbook)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with (folder / "calc" / f"{workbook.stem}.csv").open(encoding="utf-8") as opened:
        return list(csv.reader(opened))


def test_letters_report_and_a_sortable_workbook(page, browser_login, tmp_path):
    browser_login("office@tracker.demo")
    page.goto(f"/office/overdue?as_of={AS_OF}")
    boxes = page.locator("#overdue-by-agency input[name=agency]")
    chosen = [boxes.nth(i).get_attribute("value") for i in range(2)]
    for code in chosen:
        page.check(f"#select-{code}")
    page.click("#write-letters")
    page.fill("input[name=numbers-0]", "201/VP-TH")
    page.fill("input[name=numbers-1]", "202/VP-TH")
    page.fill("input[name=signer_name]", "Lê Thị Hoa")
    page.click("#letter-form button[type=submit]")
    assert page.locator("#letters tr[data-issued]").count() == 2

    for number, row in (("201/VP-TH", 1), ("202/VP-TH", 0)):  # the latest letter first
        line = f"#letters tr[data-issued] >> nth={row}"
        word = _download(page, f"{line} >> .letter-docx", tmp_path)
        assert f"Số: {number}" in docx_text(word.read_bytes())
        assert f"Số: {number}" in _opened_by_libreoffice(word, tmp_path)
        pdf = _download(page, f"{line} >> .letter-pdf", tmp_path)
        text = " ".join(pdf_text(pdf.read_bytes()).split())
        assert f"Số: {number}" in text and "Lê Thị Hoa" in text

    period = db.session.scalar(select(Period).filter_by(kind="quarter", year=2026, number=3))
    page.on("dialog", lambda dialog: dialog.accept())  # "Close Quý 3/2026?"
    page.goto(f"/reports/periods/{period.id}")
    page.click("#close-period")
    page.wait_for_load_state()
    for fmt in ("docx", "pdf"):
        response = page.request.get(f"/periods/{period.id}/report?format={fmt}")
        assert response.status == 200
        text = docx_text(response.body()) if fmt == "docx" else pdf_text(response.body())
        assert "Quý 3/2026" in text and "BÁO CÁO" in text

    page.goto("/items/?agency=syt&agency_role=lead")
    workbook = _download(page, "#export-xlsx", tmp_path)
    sheet, header, rows = table(workbook.read_bytes())
    last_cell = f"{get_column_letter(len(header))}{len(rows) + 1}"
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == f"A1:{last_cell}"
    deadline = header.index("Thời hạn hiện hành")
    dated = [row for row in rows if row[deadline] is not None]
    assert len(dated) > 1 and all(isinstance(row[deadline], datetime) for row in dated)
    by_date = sorted(dated, key=lambda row: row[deadline], reverse=True)  # a sort on the column
    plain = _download(page, "#export-csv", tmp_path)
    with plain.open(encoding="utf-8-sig") as opened:
        lines = list(csv.reader(opened))
    iso = {line[1]: line[deadline] for line in lines[1:]}
    assert [iso[row[1]] for row in by_date] == sorted(iso.values(), reverse=True)[: len(by_date)]
    calc = _read_by_libreoffice_calc(workbook, tmp_path)
    assert calc[0] == header
    as_calc_reads = {line[1]: line[deadline] for line in calc[1:] if line[deadline]}
    assert any(int(value.split("/")[1]) > 12 for value in as_calc_reads.values())  # m/d/Y
    month, day, year = zip(*(map(int, v.split("/")) for v in as_calc_reads.values()), strict=True)
    calc_dates = sorted(map(date, year, month, day), reverse=True)
    assert calc_dates == [row[deadline].date() for row in by_date]

    # The year-end emulation evaluation: the office sets a weight, then takes Excel and Word.
    page.goto("/reports/agencies")
    page.click("#evaluation-tab")
    assert page.locator("#evaluation tbody tr").count() > 10
    page.fill("input[name=overdue]", "-1")
    page.click("#weights-form button[type=submit]")
    assert float(page.locator("input[name=overdue]").input_value()) == -1
    sheet, header, rows = table(_download(page, "#export-xlsx", tmp_path).read_bytes())
    assert sheet.title == "Đánh giá 2026" and header[-1] == "Điểm" and len(rows) > 10
    word = _download(page, "#export-docx", tmp_path)
    assert "đánh giá thi đua các cơ quan" in docx_text(word.read_bytes())
