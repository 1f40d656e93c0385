"""Write seed/annex-demo.xlsx, the sample annex the demo imports (Quyết định 1520/QĐ-UBND).

Usage: python scripts/make_demo_annex.py [PATH]
The rows are the office's template filled in as an office would: headings, agencies by name,
deadlines as dates and as text, key, urgent and not-public marks, one sub-item.
"""

import sys
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from tracker.annex.layout import COLUMNS

HEADING = "Nhiệm vụ chuyển đổi số năm 2027"
ROWS = [
    {"heading": HEADING, "code": "QD1520-01", "kind": "Nhiệm vụ",
     "title": "Hoàn thiện Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP) kết nối các cơ sở "
              "dữ liệu quốc gia", "lead": "Sở Khoa học và Công nghệ",
     "coordinating": "Văn phòng UBND tỉnh; Công an tỉnh", "deadline": date(2027, 6, 30),
     "sector": "Chung", "is_key": "x"},
    {"heading": HEADING, "code": "QD1520-02", "kind": "Nhiệm vụ",
     "title": "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
     "lead": "Văn phòng UBND tỉnh", "coordinating": "Sở Nội vụ", "deadline": "30/09/2027",
     "sector": "Chung", "is_urgent": "x"},
    {"heading": HEADING, "code": "QD1520-02.1", "kind": "Nhiệm vụ",
     "title": "Số hóa hồ sơ thủ tục hành chính lĩnh vực y tế",
     "lead": "Sở Y tế", "deadline": "31/08/2027", "sector": "Y tế", "parent": "QD1520-02"},
    {"heading": HEADING, "code": "QD1520-03", "kind": "Chỉ tiêu",
     "title": "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến toàn trình",
     "lead": "Văn phòng UBND tỉnh", "deadline": date(2027, 12, 31), "target_value": 80,
     "target_unit": "%", "sector": "Chung"},
    {"heading": HEADING, "code": "QD1520-04", "kind": "Nhiệm vụ",
     "title": "Rà soát, đánh giá an toàn thông tin các hệ thống thông tin cấp độ 3",
     "lead": "Công an tỉnh", "coordinating": "Sở Khoa học và Công nghệ",
     "deadline": date(2027, 3, 31), "sector": "Chung", "not_public": "x"},
]  # fmt: skip


def main(path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "Phu luc"
    ws.append([column.header for column in COLUMNS])
    for row in ROWS:
        ws.append([row.get(column.key) for column in COLUMNS])
    for line in ws.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in line:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    book.save(path)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("seed/annex-demo.xlsx"))
