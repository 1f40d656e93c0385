"""Chart geometry and the export layout, without the web."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from tests.spreadsheets import cover, table
from tracker.exports import Percent, Sheet, csv_text
from tracker.exports.sheet import file_name
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


def test_line_chart_makes_room_for_the_axis_labels_of_a_country():
    small = line_chart([(date(2026, 1, 31), 37), (date(2026, 2, 28), 12)])
    large = line_chart([(date(2026, 1, 31), 325_812), (date(2026, 2, 28), 310_004)])
    assert small.left == 44 and small.points[0][0] == small.left
    assert large.y_max == 400_000
    assert large.left >= 6 + 7 * len("400.000") and large.points[0][0] == large.left
    assert large.points[-1][0] == large.right == large.width - 20


def _sheet():
    return Sheet(
        title="Thống kê",
        as_of=date(2026, 9, 30),
        headers=["STT", "Cơ quan", "Hạn", "Tỷ lệ"],
        rows=[
            [1, "Sở Y tế", date(2026, 3, 31), Percent("12.5")],
            [2, "Sở Du lịch", None, None],
            [3, "Sở Tài chính", date(2025, 12, 31), Percent("10.0")],
        ],
        total=["", "Tổng số", None, Percent("10.0")],
        issuer="UBND TỈNH BÌNH ĐỊNH",
    )


def test_workbook_is_a_table_with_typed_cells(app):
    with app.test_request_context():
        data = workbook_bytes(_sheet())
    sheet, header, rows = table(data)
    assert sheet.title == "Thống kê"
    assert header == ["STT", "Cơ quan", "Hạn", "Tỷ lệ"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:D4"  # the rows, not the total below them
    assert rows[0][:2] == [1, "Sở Y tế"]
    assert rows[0][2] == datetime(2026, 3, 31)  # noqa: DTZ001 -- Excel has no time zones
    assert sheet["C2"].is_date
    assert sheet["C2"].number_format == "dd/mm/yyyy"
    assert rows[0][3] == 0.125 and sheet["D2"].number_format == "0.0%"
    assert rows[2][3] == 0.1 and sheet["D4"].number_format == "0%"  # 10 %, not 10.0 %
    assert rows[1][2:] == [None, None]
    assert rows[-1][1] == "Tổng số" and sheet["B5"].font.bold
    assert sheet.column_dimensions["B"].width >= len("Sở Tài chính")
    assert all(
        c.font.name == "Times New Roman" for row in sheet.iter_rows() for c in row if c.value
    )


def test_workbook_heading_is_beside_the_table(app):
    with app.test_request_context():
        data = workbook_bytes(_sheet())
    assert cover(data)[:3] == [
        "UBND TỈNH BÌNH ĐỊNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert "THỐNG KÊ" in cover(data) and "tính đến ngày 30/09/2026" in cover(data)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in sheet.oddHeader.right.text
    assert sheet.oddHeader.left.text == "UBND TỈNH BÌNH ĐỊNH"
    assert int(sheet.page_setup.paperSize) == 9  # A4


def test_csv_is_a_plain_table(app):
    with app.test_request_context():
        rows = list(csv.reader(io.StringIO(csv_text(_sheet()))))
    assert rows == [
        ["STT", "Cơ quan", "Hạn", "Tỷ lệ"],
        ["1", "Sở Y tế", "2026-03-31", "12.5%"],
        ["2", "Sở Du lịch", "", ""],
        ["3", "Sở Tài chính", "2025-12-31", "10%"],
    ]


def test_file_name_carries_title_and_date():
    assert file_name("Nhiệm vụ quá hạn", date(2026, 9, 30)) == "nhiem-vu-qua-han-2026-09-30"
    assert file_name("qua-han-2026-09-30", date(2026, 9, 30)) == "qua-han-2026-09-30"
