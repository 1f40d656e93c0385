"""Periods: create, close (frozen figures), publish; agency users; the public page.

The demo published the first two quarters of 2026 and left the third open; these tests work
on the fourth quarter of 2025.
"""

import re
from datetime import date

import pytest

from tests.spreadsheets import cover, csv_rows
from tracker.database import db
from tracker.models import Period

OFFICE = "office@tracker.demo"
HEAD = "head.syt@tracker.demo"


def create(client, **values):
    data = {"kind": "quarter", "year": "2025", "number": "4", "cutoff_day": "", **values}
    return client.post("/reports/periods/", data=data)


def _period(kind="quarter", number=4, year=2025) -> Period:
    return db.session.query(Period).filter_by(kind=kind, year=year, number=number).one()


def _syt_total(html: str) -> int:
    row = re.search(r'<tr data-code="syt">(.*?)</tr>', html, re.S).group(1)
    return int(re.findall(r'<td class="num"[^>]*>(?:<a [^>]*>)?(\d+)', row)[1])


def test_demo_periods(client):
    states = {(p.year, p.number): p.status for p in db.session.query(Period)}
    assert states == {(2026, 1): "published", (2026, 2): "published", (2026, 3): "open"}
    public = client.get("/public").text  # the address people are given, without a slash
    assert "Quý 2/2026" in public and "Quý 1/2026" in public and "Quý 3/2026" not in public


def test_office_creates_a_quarter(login):
    client = login(OFFICE)
    response = create(client)
    assert response.status_code == 302
    period = _period()
    assert (period.starts_on, period.cutoff_on, period.status) == (
        date(2025, 10, 1), date(2025, 12, 31), "open",
    )  # fmt: skip
    assert "Quý 4/2025" in client.get("/reports/periods/").text


def test_cutoff_day_per_decree_09(login):
    create(login(OFFICE), number="2", cutoff_day="14")
    period = _period(number=2)
    assert (period.starts_on, period.cutoff_on) == (date(2025, 3, 15), date(2025, 6, 14))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"number": "5"}, "Loại kỳ báo cáo này không có thứ tự đó."),
        ({"cutoff_day": "31"}, "Ngày chốt số liệu phải từ 1 đến 28."),
        ({"year": "1990"}, "Hãy nhập năm từ 2000 đến 2100."),
        ({"kind": "week"}, "Giá trị không hợp lệ."),
    ],
)
def test_bad_period_is_refused(login, values, message):
    before = db.session.query(Period).count()
    response = create(login(OFFICE), **values)
    assert response.status_code == 400
    assert message in response.text
    assert db.session.query(Period).count() == before


def test_duplicate_period_is_refused(login):
    client = login(OFFICE)
    response = create(client, year="2026", number="3")  # the demo's open quarter
    assert response.status_code == 409
    assert "Kỳ báo cáo này đã có." in response.text


def test_agency_users_cannot_manage_periods(login):
    client = login(HEAD)
    assert create(client).status_code == 403
    demo = _period(number=3, year=2026)
    assert client.post(f"/reports/periods/{demo.id}/close").status_code == 403


def test_cannot_close_before_the_cutoff(login):
    client = login(OFFICE)
    create(client, year="2026", number="4")
    response = client.post(f"/reports/periods/{_period(year=2026).id}/close")
    assert response.status_code == 409
    assert "Chỉ được khóa sổ sau ngày chốt số liệu của kỳ." in response.text
    assert _period(year=2026).status == "open"


def test_closed_figures_do_not_change_after_an_edit(login, item_by_code):
    client = login(OFFICE)
    create(client)
    url = f"/reports/periods/{_period().id}"
    assert client.post(f"{url}/close").status_code == 302
    frozen = _syt_total(client.get(url).text)
    item = item_by_code("NV-LV-01-SO-HOA")  # Sở Y tế's sub-item, assigned in 2022
    item.assigned_on = date(2026, 1, 5)  # an edit that changes the history of 31/12/2025
    db.session.commit()
    assert _syt_total(client.get(url).text) == frozen
    live = _syt_total(client.get("/reports/agencies?as_of=2025-12-31").text)
    assert live == frozen - 1
    assert client.post(f"{url}/close").status_code == 409


def test_publish_needs_a_closed_period(login):
    client = login(OFFICE)
    create(client)
    response = client.post(f"/reports/periods/{_period().id}/publish")
    assert response.status_code == 409
    assert "Hãy khóa sổ kỳ báo cáo trước khi công bố." in response.text


def test_agency_user_sees_all_rows_once_published(login):
    office = login(OFFICE)
    create(office)
    url = f"/reports/periods/{_period().id}"
    office.post(f"{url}/close")
    head = login(HEAD)
    closed = head.get(url).text
    assert re.findall(r'<tr data-code="([^"]+)"', closed) == ["syt"]
    assert head.get(f"{url}?by=sector").status_code == 403
    assert "?by=sector" not in closed  # no tab leads to that 403
    office.post(f"{url}/publish")
    assert _period().status == "published"
    published = head.get(url).text
    # Every row the office sees: the agencies existing at the period's cutoff (and those that
    # held items counted then).
    every_row = re.findall(r'<tr data-code="([^"]+)"', office.get(url).text)
    assert len(every_row) > 10 and "syt" in every_row
    assert re.findall(r'<tr data-code="([^"]+)"', published) == every_row
    assert "?by=sector" in published and "?by=pillar" in published
    assert head.get(f"{url}?by=sector").status_code == 200


def test_public_page_leaves_out_items_not_public(login, client, item_by_code):
    item = item_by_code("NV-LV-01-SO-HOA")  # a piece of work Sở Y tế leads
    item.is_public = False
    db.session.commit()
    office = login(OFFICE)
    create(office)
    url = f"/reports/periods/{_period().id}"
    office.post(f"{url}/close")
    office.post(f"{url}/publish")
    assert "Quý 4/2025" in client.get("/public/").text  # not signed in
    public = client.get(f"/public/periods/{_period().id}").text
    assert _syt_total(public) == _syt_total(office.get(url).text) - 1
    export = client.get(f"/public/periods/{_period().id}?format=csv")
    assert export.status_code == 200
    assert csv_rows(export.data)[0][0] == "STT"
    assert 'filename="cong-khai-quy-4-2025-' in export.headers["Content-Disposition"]


def test_unpublished_period_is_not_public(client):
    response = client.get(f"/public/periods/{_period(number=3, year=2026).id}")
    assert response.status_code == 404
    assert "Không có báo cáo đã công bố này." in response.text


def test_period_export(login):
    client = login(OFFICE)
    response = client.get(f"/reports/periods/{_period(number=2, year=2026).id}?format=xlsx")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/vnd.openxmlformats")


def _title_row(data: bytes) -> str:
    return cover(data)[3]  # after the issuer, the national name and the motto


@pytest.mark.parametrize(
    ("by", "path", "title"),
    [
        ("agency", "agencies", "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ"),
        ("sector", "sectors", "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO LĨNH VỰC"),
        ("pillar", "pillars", "TÌNH HÌNH THỰC HIỆN NHIỆM VỤ THEO TRỤ CỘT, NHÓM NHIỆM VỤ"),
    ],
)
def test_period_export_title_names_the_breakdown(login, by, path, title):
    client = login(OFFICE)
    url = f"/reports/periods/{_period(number=3, year=2026).id}?by={by}"
    assert _title_row(client.get(f"{url}&format=xlsx").data) == title
    assert _title_row(client.get(f"/reports/{path}?format=xlsx").data) == title  # same as there
    assert cover(client.get(f"{url}&format=xlsx").data)[4] == "Quý 3/2026"
    response = client.get(f"{url}&format=csv")
    assert "ky-bao-cao-quy-3-2026-" in response.headers["Content-Disposition"]


@pytest.mark.parametrize(
    ("by", "suffix"),
    [("agency", "theo-co-quan-chu-tri"), ("sector", "theo-linh-vuc"), ("pillar", "theo-tru-cot")],
)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_period_export_file_name_names_the_breakdown(login, by, suffix, fmt):
    url = f"/reports/periods/{_period(number=3, year=2026).id}?by={by}&format={fmt}"
    response = login(OFFICE).get(url)
    assert re.fullmatch(
        rf'attachment; filename="ky-bao-cao-quy-3-2026-{suffix}-2026-\d\d-\d\d\.{fmt}"',
        response.headers["Content-Disposition"],
    )


@pytest.mark.parametrize(
    ("kind", "number", "slug"),
    [
        ("month", 5, "thang-5-2025"),
        ("half", 1, "6-thang-dau-nam-2025"),
        ("half", 2, "6-thang-cuoi-nam-2025"),
        ("year", 1, "nam-2025"),
    ],
)
def test_period_file_name_follows_the_period_name(login, kind, number, slug):
    client = login(OFFICE)
    assert create(client, kind=kind, number=str(number)).status_code == 302
    url = f"/reports/periods/{_period(kind=kind, number=number).id}?format=csv"
    disposition = client.get(url).headers["Content-Disposition"]
    assert disposition.startswith(f'attachment; filename="ky-bao-cao-{slug}-theo-co-quan-chu-tri-')


def test_period_file_name_stays_vietnamese_in_english(login):
    client = login(OFFICE)
    client.post("/language/en", data={"next": "/"})
    url = f"/reports/periods/{_period(number=3, year=2026).id}?by=sector&format=xlsx"
    response = client.get(url)
    assert _title_row(response.data) == "WORK ITEMS BY SECTOR"
    assert response.headers["Content-Disposition"].startswith(
        'attachment; filename="ky-bao-cao-quy-3-2026-theo-linh-vuc-2026-'
    )
