"""How long a 200-page report takes to write as PDF and as Word.

A period's report of a large plan is mostly its overdue list: the paper below has the
statistics table of 30 agencies and an overdue list long enough for about 200 landscape
pages, filled with titles of realistic length. Prints the seconds and the pages.
"""

import io
import time
from datetime import date, timedelta

from pypdf import PdfReader

from tracker.papers.paper import Paper, Paragraph, Table
from tracker.papers.pdf import pdf_bytes
from tracker.papers.word import docx_bytes

ROWS = 2_600  # about 200 landscape pages
TITLE = "Triển khai nền tảng số phục vụ chuyển đổi số trong lĩnh vực y tế, giáo dục, giao thông"


def _paper(rows: int) -> Paper:
    due = date(2026, 6, 30)
    overdue = [
        [
            str(n),
            f"NV-{n:05d}",
            f"{TITLE} ({n})",
            f"Cơ quan {n % 30}",
            due.strftime("%d/%m/%Y"),
            (due + timedelta(days=n % 40)).strftime("%d/%m/%Y"),
            str(90 - n % 40),
        ]  # fmt: skip
        for n in range(1, rows + 1)
    ]
    statistics = [[str(n), f"Cơ quan {n}", *(str(n * k % 97) for k in range(8))] for n in range(30)]
    return Paper(
        superior="UBND TỈNH BÌNH ĐỊNH", issuer="VĂN PHÒNG", number="Số: 1/BC-VP",
        place_date="Bình Định, ngày 05 tháng 12 năm 2026", kind="BÁO CÁO", title="Quý 3/2026",
        blocks=[Paragraph("Tình hình thực hiện nhiệm vụ."),
                Table(["STT", "Cơ quan", *"ABCDEFGH"], statistics, [6, 50, *[10] * 8]),
                Table(["STT", "Mã", "Nhiệm vụ", "Cơ quan", "Hạn đầu", "Hạn", "Ngày"], overdue,
                      [6, 22, 80, 40, 16, 16, 12])],
        copies=["Lưu: VT."], signer_title="PHÓ CHÁNH VĂN PHÒNG", signer_name="Nguyễn Văn An",
        landscape=True,
    )  # fmt: skip


def main() -> None:
    paper = _paper(ROWS)
    started = time.perf_counter()
    pdf = pdf_bytes(paper)
    pdf_seconds = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    started = time.perf_counter()
    docx = docx_bytes(paper)
    docx_seconds = time.perf_counter() - started
    print(f"report of {ROWS:,} overdue rows: PDF {pdf_seconds:.1f} s, {pages} pages, "
          f"{len(pdf) / 1e6:.1f} MB")  # fmt: skip
    print(f"the same as Word: {docx_seconds:.1f} s, {len(docx) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
