"""The item list and the item page: login, filters, search, bad input."""

import pytest

OFFICE = "office@tracker.demo"


def test_pages_need_login(client):
    for url in ("/", "/items/", "/items/1"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.location.startswith("/login")


def test_list_shows_every_item_to_the_office(login):
    response = login(OFFICE).get("/items/")
    assert response.status_code == 200
    # Plan 59's 179 items (124 lines of the plan, the per-sector split of two targets and the
    # sectors' sub-items), its periodic report and its first occurrence, and the 8 items of the
    # demo's two other documents.
    assert "189 nhiệm vụ" in response.text or "189 mục" in response.text


def test_search_ignores_diacritics(login):
    page = login(OFFICE).get("/items/?q=y+te").text
    assert "Chuyển đổi số trong lĩnh vực y tế" in page
    assert "Chuyển đổi số trong lĩnh vực du lịch" not in page


def test_search_folds_d_with_stroke(login):
    page = login(OFFICE).get("/items/?q=doi+moi+tu+duy").text
    assert "Đổi mới tư duy, nhận thức về chuyển đổi số" in page


@pytest.mark.parametrize(
    ("query", "present", "absent"),
    [
        ("pillar=KTS", "KTS-2025-01", "CQS-2025-01"),
        ("sector=y-te", "NV-LV-01", "NV-LV-02"),
        ("agency=syt", "NV-LV-01", "NV-LV-08"),
        ("kind=task", "NV-C-01", "CQS-2025-01"),
        ("kind=target", "CQS-2025-01", "NV-C-01"),
        ("due_from=2030-01-01", "CQS-2030-03", "CQS-2025-03"),
        ("due_to=2022-12-31", "KTS-2022-01", "CQS-2030-03"),
    ],
)
def test_each_filter_narrows_the_list(login, query, present, absent):
    page = login(OFFICE).get(f"/items/?{query}").text
    assert f">{present}<" in page
    assert f">{absent}<" not in page


def test_standing_filter_agrees_with_each_row(login):
    page = login(OFFICE).get("/items/?standing=overdue").text
    rows = page.split('id="items"')[1]
    assert "standing-overdue" in rows
    for other in ("done_on_time", "done_late", "in_progress", "no_deadline"):
        assert f'class="badge standing-{other}"' not in rows


@pytest.mark.parametrize(
    "query",
    [
        "pillar=NOPE",
        "agency=unknown",
        "standing=late",
        "kind=x",
        "due_from=2025-13-01",
        "as_of=yesterday",
        "page=abc",
        "page=0",
        "due_from=2026-01-02&due_to=2026-01-01",
        "q=" + "x" * 201,
    ],
)
def test_bad_filters_are_a_clear_400(login, query):
    response = login(OFFICE).get(f"/items/?{query}")
    assert response.status_code == 400
    assert 'id="filter-errors"' in response.text


def test_page_past_the_end_is_a_404_with_a_message(login):
    response = login(OFFICE).get("/items/?page=50")
    assert response.status_code == 404
    assert "4 trang" in response.text


def test_item_page_shows_what_the_item_records(login, item_by_code):
    item = item_by_code("NV-LV-01")
    page = login(OFFICE).get(f"/items/{item.id}").text
    assert "Chuyển đổi số trong lĩnh vực y tế" in page
    assert "Sở Y tế" in page
    assert "31/12/2025" in page
    assert 'id="history"' in page


def test_the_demo_progress_in_the_history_has_its_report(login, item_by_code):
    item = item_by_code("NV-LV-01")
    page = login(OFFICE).get(f"/items/{item.id}").text
    assert "Chưa có báo cáo tiến độ." not in page
    assert f"Đã triển khai, đạt khoảng {item.progress}% khối lượng công việc." in page


def test_agency_user_sees_only_its_items(login, item_by_code):
    client = login("head.syt@tracker.demo")
    assert client.get(f"/items/{item_by_code('NV-LV-01').id}").status_code == 200
    assert client.get(f"/items/{item_by_code('NV-LV-08').id}").status_code == 404
    assert ">NV-LV-08<" not in client.get("/items/").text
