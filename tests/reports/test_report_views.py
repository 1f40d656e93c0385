"""Statistics pages: numbers, links to the items behind them, exports, permissions, JSON."""

import re
from datetime import date

import pytest

from tests.spreadsheets import cover, csv_rows, table
from tracker.database import db
from tracker.reports import statistics
from tracker.reports.statistics import Dimension

OFFICE = "office@tracker.demo"
HEAD = "head.syt@tracker.demo"
END_OF_Q3 = "2026-09-30"
ROW = re.compile(r'<tr data-code="([^"]+)">(.*?)</tr>', re.S)
CELL = re.compile(r'<td class="num"[^>]*>(?:<a [^>]*>)?([^<]*)(?:</a>)?</td>')


def page_rows(html: str) -> dict[str, list[str]]:
    """{row code: [total, five standings, two rates]} as the page shows them."""
    table = html.split('id="statistics"')[1]
    return {code: CELL.findall(body)[1:] for code, body in ROW.findall(table)}


def test_agency_table_as_of_a_date(login):
    html = login(OFFICE).get(f"/reports/agencies?as_of={END_OF_Q3}").text
    assert "tính đến ngày 30/09/2026" in html
    assert "hoàn thành / tổng số nhiệm vụ" in html
    assert "hoàn thành / số nhiệm vụ đến hạn" in html
    rows = page_rows(html)
    expected = statistics.table(Dimension.AGENCY, date(2026, 9, 30))
    assert set(rows) == {row.code for row in expected.rows}
    for row in expected.rows:
        tally = row.tally
        numbers = [tally.total, tally.done_on_time, tally.done_late, tally.in_progress,
                   tally.overdue, tally.no_deadline]  # fmt: skip
        assert rows[row.code][:6] == [str(n) for n in numbers]


@pytest.mark.parametrize("path", ["sectors", "pillars"])
def test_other_breakdowns(login, path):
    html = login(OFFICE).get(f"/reports/{path}").text
    assert page_rows(html)
    assert 'id="statistics-total"' in html


def test_a_number_opens_exactly_its_items(login):
    client = login(OFFICE)
    html = client.get(f"/reports/agencies?as_of={END_OF_Q3}").text
    # Sở KH&CN, which took over Sở TT&TT's open work on 1/3/2025.
    overdue = int(page_rows(html)["skhcn"][4])
    assert overdue > 0
    link = f"/reports/agencies/skhcn?as_of={END_OF_Q3}&amp;standing=overdue"
    assert link in html
    items = client.get(link.replace("&amp;", "&")).text
    assert items.split('id="cell-items"')[1].count("/items/") == overdue
    assert "NV-C-01" in items


def test_exported_workbook_holds_the_page_numbers(login):
    client = login(OFFICE)
    html = client.get(f"/reports/agencies?as_of={END_OF_Q3}").text
    shown = page_rows(html)
    data = client.get(f"/reports/agencies?as_of={END_OF_Q3}&format=xlsx").data
    heading = cover(data)
    assert heading[0] == "UBND TỈNH GIA LAI" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in heading
    assert "tính đến ngày 30/09/2026" in heading
    sheet, header, values = table(data)
    assert header[0] == "STT" and sheet.cell(row=3, column=2).font.name == "Times New Roman"
    agencies = statistics.table(Dimension.AGENCY, date(2026, 9, 30)).rows
    body = values[: len(agencies)]
    for line, (row, exported) in enumerate(zip(agencies, body, strict=True), start=2):
        assert exported[1] == row.name
        page_numbers = shown[row.code]
        assert [str(v) for v in exported[2:8]] == page_numbers[:6]
        rates = [("—" if v is None else f"{v * 100:g}".replace(".", ",") + "%")
                 for v in exported[8:10]]  # fmt: skip
        assert rates == page_numbers[6:8]
        assert all(sheet.cell(line, column).number_format.endswith("%")
                   for column in (9, 10) if sheet.cell(line, column).value is not None)  # fmt: skip
    assert sheet.auto_filter.ref == f"A1:N{len(agencies) + 1}"  # with the updates
    total = values[len(agencies)]
    assert total[1] == "Tổng số"


def test_csv_export(login):
    response = login(OFFICE).get("/reports/sectors?format=csv")
    rows = csv_rows(response.data)
    assert rows[0][:3] == ["STT", "Lĩnh vực", "Tổng số"]
    assert "Tổng số" not in [row[1] for row in rows[1:]]  # no total line in a plain table
    assert all(rate == "" or rate.endswith("%") for row in rows[1:] for rate in row[8:10])
    disposition = response.headers["Content-Disposition"]
    assert "thong-ke-sectors-" in disposition and disposition.endswith('.csv"')


@pytest.mark.parametrize(
    "url",
    [
        "/reports/sectors?format=csv",
        "/reports/agencies/syt?format=csv",
        "/office/overdue?format=csv",
    ],
)
def test_csv_content_type_names_the_charset_once(login, url):
    response = login(OFFICE).get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/reports/agencies?as_of=2026-02-30", 400, "Ngày không hợp lệ"),
        ("/reports/agencies?as_of=2027-01-01", 400, "Ngày không được sau ngày hiện tại."),
        ("/reports/agencies?format=doc", 400, "xlsx"),
        ("/reports/agencies/khong-co", 404, "Không có cơ quan, lĩnh vực hoặc trụ cột nào có mã"),
        ("/reports/agencies/syt?standing=late", 400, "Tình trạng không hợp lệ"),
        ("/reports/agencies/syt?as_of=tomorrow", 400, "Ngày không hợp lệ"),
        ("/reports/agencies/syt?page=99999999999999999999", 400, "Số trang nằm ngoài phạm vi"),
        ("/reports/agencies/syt?page=abc", 400, "Số trang nằm ngoài phạm vi"),
        ("/reports/regions", 404, ""),
    ],
)
def test_bad_input(login, url, status, text):
    response = login(OFFICE).get(url)
    assert response.status_code == status
    assert text in response.text


def test_agency_user_sees_only_its_own_row(login):
    client = login(HEAD)
    rows = page_rows(client.get("/reports/agencies").text)
    assert list(rows) == ["syt"]
    assert client.get("/reports/agencies/stttt").status_code == 403
    assert client.get("/reports/agencies/syt?standing=overdue").status_code == 200


def test_agency_user_breakdowns_count_only_its_items(login):
    client = login(HEAD)
    html = client.get("/reports/sectors").text
    total = re.search(r'id="statistics-total">.*?<td class="num">(\d+)', html, re.S).group(1)
    syt = statistics.table(Dimension.AGENCY, date(2026, 11, 25)).row("syt").tally.total
    assert int(total) == syt


def test_reports_need_sign_in(client):
    assert client.get("/reports/agencies").status_code == 302


def test_api_statistics(login):
    client = login(OFFICE)
    data = client.get(f"/api/v1/reports/agencies?as_of={END_OF_Q3}").get_json()
    assert data["as_of"] == END_OF_Q3
    expected = statistics.table(Dimension.AGENCY, date(2026, 9, 30))
    assert len(data["rows"]) == len(expected.rows)
    first = data["rows"][1]
    code = first["agency"]["code"]
    assert first["agency"] == {"code": code, "name": expected.row(code).name}
    keys = {"total", "done_on_time", "done_late", "in_progress", "overdue", "no_deadline",
            "rate_all", "rate_due"}  # fmt: skip
    assert keys <= set(first)
    tally = expected.row(code).tally
    assert first["overdue"] == tally.overdue
    assert first["rate_due"] == float(tally.rate_due)
    assert data["total"]["total"] == expected.total.total
    for row in data["rows"]:
        parts = sum(row[k] for k in ("done_on_time", "done_late", "in_progress", "overdue",
                                     "no_deadline"))  # fmt: skip
        assert parts == row["total"]


def test_api_statistics_carry_the_updates_columns(login):
    data = login(OFFICE).get(f"/api/v1/reports/agencies?as_of={END_OF_Q3}").get_json()
    expected = statistics.table(Dimension.AGENCY, date(2026, 9, 30))
    assert data["updates_from"] == expected.updates_from.isoformat()
    by_code = {row["agency"]["code"]: row["updates"] for row in data["rows"]}
    for row in expected.rows:
        figures = row.updates
        assert by_code[row.code]["late"] == figures.late
        assert by_code[row.code]["never_updated"] == figures.never_updated
    total = expected.updates_total
    assert data["total"]["updates"]["updates"] == total.updates > 0
    share = data["total"]["updates"]["late_share"]
    assert share == (float(total.late_share) if total.late_share is not None else None)
    sectors = login(OFFICE).get("/api/v1/reports/sectors").get_json()
    assert "updates" not in sectors["rows"][0] and "updates_from" not in sectors


def test_api_by_sector_and_pillar(login):
    client = login(OFFICE)
    assert "sector" in client.get("/api/v1/reports/sectors").get_json()["rows"][0]
    assert "pillar" in client.get("/api/v1/reports/pillars").get_json()["rows"][0]


def test_api_bad_date_and_sign_in(login, client):
    response = login(OFFICE).get("/api/v1/reports/agencies?as_of=2030-01-01")
    assert response.status_code == 400
    assert response.get_json()["errors"]["as_of"] == ["Ngày không được sau ngày hiện tại."]
    assert client.get("/api/v1/reports/agencies").status_code == 401


def test_api_agency_user_gets_its_row_only(login):
    rows = login(HEAD).get("/api/v1/reports/agencies").get_json()["rows"]
    assert [row["agency"]["code"] for row in rows] == ["syt"]


def test_api_is_described(login):
    document = login(OFFICE).get("/api/v1/openapi.json").get_json()
    assert "/reports/agencies" in document["paths"]


def test_cached_table_follows_an_edit(login, item_by_code):
    client = login(OFFICE)
    before = page_rows(client.get("/reports/agencies").text)["syt"]
    item = item_by_code("NV-LV-01-SO-HOA")  # a piece of work Sở Y tế leads
    item.status, item.cancelled_on = "cancelled", date(2026, 11, 25)
    db.session.commit()
    after = page_rows(client.get("/reports/agencies").text)["syt"]
    assert int(after[0]) == int(before[0]) - 1
