"""Chart geometry and the export layout, without the web."""

import csv
import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from tracker.exports import Sheet, csv_text
from tracker.exports.workbook import workbook_bytes
from tracker.reports.charts import _nice_ceiling, line_chart, sparkline, stacked


def test_sparkline_spans_the_frame_and_marks_the_target():
    line = sparkline(
        [(date(2023, 12, 31), Decimal(40)), (date(2024, 12, 31), Decimal(70))], Decimal(100)
    )
    first, last = line.points.split()
    assert first.startswith("3.0,") and last.startswith("117.0,")
    assert line.target_y == 3.0  # the target is the highest value: top of the frame
    assert sparkline([], Decimal(1)) is None


def test_stacked_segments_fill_the_width_in_order():
    segments = stacked({"b": 1, "a": 3, "c": 0}, ["a", "b", "c"], 100)
    assert [(s.key, s.x, s.width) for s in segments] == [("a", 0.0, 75.0), ("b", 75.0, 25.0)]


def test_line_chart_axis():
    chart = line_chart([(date(2026, 1, 31), 37), (date(2026, 2, 28), 12)])
    assert chart.y_max == 40
    assert chart.points[0][1] < chart.points[1][1]  # more overdue is drawn higher
    assert [_nice_ceiling(v) for v in (0, 4, 37, 1234)] == [1, 4, 40, 1500]


def _sheet():
    return Sheet(
        title="Thống kê",
        as_of=date(2026, 9, 30),
        headers=["STT", "Cơ quan", "Tỷ lệ"],
        rows=[[1, "Sở Y tế", Decimal("12.5")], [2, "Sở Du lịch", None]],
        total=["", "Tổng số", Decimal("10.0")],
        issuer="UBND TỈNH BÌNH ĐỊNH",
    )


def test_workbook_layout(app):
    with app.test_request_context():
        sheet = load_workbook(io.BytesIO(workbook_bytes(_sheet()))).active
    assert sheet["A1"].value == "UBND TỈNH BÌNH ĐỊNH"
    assert sheet["B1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert sheet["B2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert sheet["A4"].value == "THỐNG KÊ"
    assert sheet["A5"].value == "tính đến ngày 30/09/2026"
    assert [c.value for c in sheet[7]] == ["STT", "Cơ quan", "Tỷ lệ"]
    assert [c.value for c in sheet[8]] == [1, "Sở Y tế", 12.5]
    assert sheet["C9"].value is None
    assert sheet["B10"].font.bold and sheet["B10"].font.name == "Times New Roman"
    assert all(
        c.font.name == "Times New Roman" for row in sheet.iter_rows() for c in row if c.value
    )


def test_csv_layout(app):
    with app.test_request_context():
        rows = list(csv.reader(io.StringIO(csv_text(_sheet()))))
    assert rows[0] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert ["THỐNG KÊ"] in rows and ["tính đến ngày 30/09/2026"] in rows
    header = rows.index(["STT", "Cơ quan", "Tỷ lệ"])
    assert rows[header + 1] == ["1", "Sở Y tế", "12.5"]
    assert rows[-1] == ["", "Tổng số", "10.0"]
