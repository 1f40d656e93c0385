"""A later document revises a target: the plan's value is kept, the revision is dated and
attributed, and every verdict judges against the value in force on its date."""

from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Activity, TargetRevision
from tracker.targets.queries import TargetFilters, target_rows

OFFICE = "office@tracker.demo"


def _row(code: str, on: date):
    return next(r for r in target_rows(TargetFilters(), on) if r.code == code)


def test_the_seed_records_the_gia_lai_revision_beside_the_plans_value(item_by_code):
    item = item_by_code("KTS-2030-01")
    assert (item.target_value, item.target_value_max) == (15, 20)  # the plan's value is kept
    [revision] = item.revisions
    assert (revision.value, revision.year, revision.decided_on) == (30, 2030, date(2025, 9, 17))
    assert "Gia Lai" in revision.document
    history = [a for a in item.activities if a.verb == "target_revised"]
    assert len(history) == 1 and history[0].changes == {"target_value": ["15–20", "30"]}


def test_the_verdict_uses_the_value_in_force_on_the_date_asked(app):
    before = _row("KTS-2030-01", date(2025, 9, 16))
    after = _row("KTS-2030-01", date(2025, 9, 17))
    assert before.revision is None and (before.value, before.value_max) == (15, 20)
    assert after.revision is not None and (after.value, after.value_max) == (30, None)
    assert (after.original_value, after.original_value_max, after.original_year) == (15, 20, 2030)


def test_the_item_page_and_the_target_lists_say_which_value_judges(login, item_by_code):
    client = login(OFFICE)
    item = item_by_code("KTS-2030-01")
    page = client.get(f"/items/{item.id}").text
    in_force = page.split('id="target-in-force"')[1].split("</dd>")[0]
    assert "30 % GRDP" in in_force and "Theo kế hoạch ban đầu: 15–20 % GRDP (2030)" in in_force
    assert "theo chỉ tiêu đã điều chỉnh" in page.split('id="target-verdict"')[1]
    assert 'id="target-revisions"' in page and "Chỉ tiêu được điều chỉnh bởi văn bản sau" in page
    listed = client.get("/reports/targets/?year=2030").text
    row = listed.split('data-code="KTS-2030-01"')[1].split("</tr>")[0]
    assert "30 % GRDP" in row and "15–20 % GRDP" in row and "theo chỉ tiêu đã điều chỉnh" in row


def _revise(client, item, **changes):
    data = {
        "version": item.version,
        "value": "85",
        "year": "2030",
        "document": "Quyết định số 99/QĐ-UBND",
        "decided_on": "2026-10-01",
        "reason": "Điều chỉnh theo kết quả sơ kết",
        **changes,
    }
    return client.post(f"/items/{item.id}/target-revisions", data=data)


def test_the_office_revises_a_target_from_its_page(login, item_by_code, user_by_email):
    item = item_by_code("XHS-2030-02")  # 80 % of people with an e-payment account
    client = login(OFFICE)
    assert f"/items/{item.id}/target-revisions" in client.get(f"/items/{item.id}").text
    assert _revise(client, item).status_code == 302
    item = item_by_code("XHS-2030-02")
    assert item.target_value == 80  # the plan's value stays
    [revision] = item.revisions
    assert revision.value == 85 and revision.recorded_by == user_by_email(OFFICE)
    entry = db.session.scalar(
        select(Activity).where(Activity.item_id == item.id, Activity.verb == "target_revised")
    )
    assert entry.actor == user_by_email(OFFICE) and entry.changes == {"target_value": ["80", "85"]}
    assert "Quyết định số 99/QĐ-UBND" in entry.note
    admin = login("admin@tracker.demo")
    audit = admin.get(f"/admin/audit?subject_type=work_items&subject_id={item.id}").text
    assert "Chỉ tiêu được điều chỉnh bởi văn bản sau" in audit


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"decided_on": "2022-04-24"}, "decided_on"),  # before Plan 59 (25/4/2022)
        ({"decided_on": "2026-12-01"}, "decided_on"),  # in the future
        ({"value": "130"}, "value"),  # a share above 100 %
        ({"year": "2025"}, "year"),  # due before its own document
        ({"document": ""}, "document"),
        ({"reason": ""}, "reason"),
    ],
)
def test_a_bad_revision_is_refused_and_nothing_written(login, item_by_code, changes, field):
    item = item_by_code("XHS-2030-02")
    response = _revise(login(OFFICE), item, **changes)
    assert response.status_code == 400
    assert 'class="invalid-feedback' in response.text or "alert-danger" in response.text
    written = select(TargetRevision).where(TargetRevision.item_id == item.id)
    assert db.session.scalar(written) is None


def test_the_revision_dated_before_the_plan_says_why(login, item_by_code):
    item = item_by_code("XHS-2030-02")
    response = _revise(login(OFFICE), item, decided_on="2022-01-10")
    assert "Văn bản điều chỉnh có ngày trước văn bản giao chỉ tiêu (25/04/2022)" in response.text


def test_only_the_office_revises_and_only_targets(login, item_by_code):
    item = item_by_code("XHS-2030-02")
    assert _revise(login("officer.nhnn@tracker.demo"), item).status_code == 403
    task = item_by_code("NV-LV-01")
    assert _revise(login(OFFICE), task).status_code == 409


def test_the_api_revises_a_target(login, item_by_code):
    item = item_by_code("XHS-2030-02")
    body = {"version": item.version, "value": 90, "document": "Nghị quyết 5/NQ-HĐND",
            "decided_on": "2026-06-30", "reason": "Nâng mức phấn đấu"}  # fmt: skip
    response = login(OFFICE).post(f"/api/v1/items/{item.id}/target-revisions", json=body)
    assert response.status_code == 201, response.json
    [revision] = item_by_code("XHS-2030-02").revisions
    assert (revision.value, revision.year) == (90, 2030)  # the year stays when not given
    bad = login(OFFICE).post(
        f"/api/v1/items/{item.id}/target-revisions",
        json={**body, "value": 101, "version": item_by_code("XHS-2030-02").version},
    )
    assert bad.status_code == 400 and "value" in bad.json["errors"]


def test_the_sector_api_gives_the_revision_beside_the_plans_value(login, monkeypatch):
    monkeypatch.setattr("tracker.sectors.queries.TARGETS_SHOWN", 1_000)  # every one listed
    body = login(OFFICE).get("/api/v1/sectors/chung").json
    target = next(t for t in body["targets"] if t["code"] == "KTS-2030-01")
    assert (target["value"], target["year"]) == (30, 2030)
    revision = target["revision"]
    assert revision["decided_on"] == "2025-09-17" and "Gia Lai" in revision["document"]
    assert (revision["original_value"], revision["original_value_max"]) == (15, 20)
    later = next(t for t in body["targets"] if t["code"] == "CQS-2030-03")
    assert later["revision"] is None
