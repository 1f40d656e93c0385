"""The workflow through the web pages: forms, flashes, redirects, what each role is offered."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import Attachment, Comment, ExtensionRequest, Measurement

HEAD = "head.syt@tracker.demo"
OFFICE = "office@tracker.demo"


def _actions(page: str) -> set[str]:
    """The endpoints the item page's action bar links to."""
    bar = (
        page.split('id="item-actions"', 1)[1].split("</div>", 1)[0]
        if "item-actions" in page
        else ""
    )
    return set(re.findall(r'href="/items/\d+/([\w/]+)"', bar))


def test_head_lands_on_the_agency_page(login):
    client = login(HEAD)
    response = client.get("/")
    assert response.status_code == 302 and response.location == "/agency/"
    page = client.get("/agency/").text
    assert "Sở Y tế" in page and "NV-LV-01" in page
    assert "NV-C-01" in page.split('id="coordinated-items"')[1]  # coordinated by syt


def test_office_still_gets_the_overview(login):
    assert login(OFFICE).get("/").status_code == 200


def test_the_agency_page_puts_overdue_first_then_due_soon(login, item_by_code, user_by_email):
    # Sở Thông tin và Truyền thông leads 14 items: overdue tasks, targets due later.
    page = login("officer.stttt@tracker.demo").get("/agency/").text
    urgencies = [int(u) for u in re.findall(r'data-urgency="(\d)"', page)]
    assert urgencies == sorted(urgencies)
    assert urgencies[0] == 0  # overdue
    assert 'data-count="overdue"' in page


def test_each_count_of_the_agency_page_opens_the_items_it_counts(login):
    """Sở TTTT also coordinates items: a tile counts what it leads, and so does its list."""
    client = login("head.stttt@tracker.demo")
    page = client.get("/agency/").text
    tiles = re.findall(
        r'<a class="card count-card[^"]*" href="([^"]+)" data-count="(\w+)">\s*'
        r'<div class="card-body py-2"><div class="fs-3">(\d+)</div>',
        page,
    )
    assert len(tiles) == 5
    for url, standing, count in tiles:
        listed = client.get(url.replace("&amp;", "&")).text
        found = re.search(r"(\d+) (?:nhiệm vụ|mục)", listed)
        assert found and found.group(1) == count, (standing, url)


@pytest.mark.parametrize("page", ["0", "abc", "1e3", "99999999999999999999"])
def test_the_agency_page_refuses_a_page_that_is_not_one(login, page):
    response = login("officer.stttt@tracker.demo").get(f"/agency/?page={page}")
    assert response.status_code == 400
    assert "Số trang nằm ngoài phạm vi cho phép." in response.text


def test_item_page_offers_the_lead_agency_its_actions(login, item_by_code):
    item = item_by_code("NV-LV-01")
    actions = _actions(login(HEAD).get(f"/items/{item.id}").text)
    # The demo's pending request hides "request an extension"; the head may give the item to
    # a member of staff (its work has started: no receipt to acknowledge).
    assert actions == {"progress", "submit", "refuse", "delegate"}
    office_actions = _actions(login(OFFICE).get(f"/items/{item.id}").text)
    assert {"assignment", "cancel", "subitems/new"} <= office_actions
    assert any(a.startswith("extensions/") for a in office_actions)  # decide the request
    assert "progress" not in office_actions


def test_coordinating_agency_may_only_comment(login, item_by_code):
    item = item_by_code("NV-C-01")
    client = login(HEAD)
    page = client.get(f"/items/{item.id}").text
    assert _actions(page) == set() and 'id="comment-form"' in page
    assert client.get(f"/items/{item.id}/progress").status_code == 403
    response = client.post(f"/items/{item.id}/comments", data={"body": "SYT đề nghị phối hợp."})
    assert response.status_code == 302
    assert response.location == f"/items/{item.id}#comments"  # where the comment now is
    assert db.session.scalar(select(Comment.body).where(Comment.item_id == item.id)) == (
        "SYT đề nghị phối hợp."
    )
    assert "SYT đề nghị phối hợp." in client.get(f"/items/{item.id}").text


def test_progress_with_evidence_then_submission(login, item_by_code, fresh, sample, upload):
    item = item_by_code("NV-LV-01")
    client = login(HEAD)
    assert client.get(f"/items/{item.id}/progress").status_code == 200
    response = client.post(
        f"/items/{item.id}/progress",
        data={
            "version": item.version,
            "progress": "80",
            "text": "Đã kết nối 80% cơ sở y tế.",
            "document_number": "125/BC-SYT",
            "document_date": "2026-11-20",
            "files": [upload(sample("pdf"), "Báo cáo tiến độ.pdf")],
        },
    )
    assert response.status_code == 302
    item = fresh(item)
    assert item.progress == 80
    attachment = db.session.scalar(select(Attachment).where(Attachment.item_id == item.id))
    assert attachment.filename == "Báo cáo tiến độ.pdf"
    page = client.get(f"/items/{item.id}").text
    assert "Báo cáo tiến độ.pdf" in page and "125/BC-SYT" in page
    response = client.post(
        f"/items/{item.id}/submit",
        data={
            "version": item.version,
            "text": "Hoàn thành.",
            "document_number": "130/BC-SYT",
            "document_date": "2026-11-24",
        },
    )
    assert response.status_code == 302
    assert fresh(item).status == "submitted"


def test_office_confirms_a_submission_from_its_inbox(login, item_by_code, fresh, today):
    item = item_by_code("NV-C-02")  # submitted in the demo
    client = login(OFFICE)
    inbox = client.get("/office/inbox").text
    assert f"/items/{item.id}/review" in inbox
    review = client.get(f"/items/{item.id}/review")
    assert review.status_code == 200 and "215/BC-STTTT" in review.text
    response = client.post(f"/items/{item.id}/confirm", data={"version": item.version})
    assert response.status_code == 302
    item = fresh(item)
    assert item.status == "completed" and item.completed_on < today  # the submission date
    assert f"/items/{item.id}/review" not in client.get("/office/inbox").text


def test_office_returns_a_submission_with_a_reason(login, item_by_code, fresh):
    item = item_by_code("NV-KTS-01")
    client = login(OFFICE)
    response = client.post(f"/items/{item.id}/return", data={"version": item.version})
    assert response.status_code == 400 and fresh(item).status == "submitted"
    response = client.post(
        f"/items/{item.id}/return", data={"version": item.version, "reason": "Thiếu số liệu."}
    )
    assert response.status_code == 302
    assert fresh(item).status == "returned"
    assert "Thiếu số liệu." in client.get(f"/items/{item.id}").text
    # The agency reads why at the top of the item, not only deep in its history.
    lead = login(f"officer.{item.lead_agency.code}@tracker.demo").get(f"/items/{item.id}").text
    notice = lead.split('id="returned-because"')[1].split("</div>\n</div>")[0]
    assert "đã trả lại nhiệm vụ cho cơ quan chủ trì" in notice and "Thiếu số liệu." in notice
    assert lead.index('id="returned-because"') < lead.index('id="history"')


def test_extension_request_and_approval(login, item_by_code, fresh, today):
    item = item_by_code("NV-C-04")  # stttt, overdue since 31/12/2025
    head = login("head.stttt@tracker.demo")
    response = head.post(
        f"/items/{item.id}/extensions/new",
        data={"version": item.version, "proposed_deadline": "2027-03-31", "reason": "Chờ vốn."},
    )
    assert response.status_code == 302
    request = db.session.scalar(select(ExtensionRequest).where(ExtensionRequest.item_id == item.id))
    assert (request.status, request.is_late, request.current_deadline) == (
        "pending",
        True,
        date(2025, 12, 31),
    )
    office = login(OFFICE)
    assert f"/items/{item.id}/extensions/{request.id}" in office.get("/office/inbox").text
    item = fresh(item)
    response = office.post(
        f"/items/{item.id}/extensions/{request.id}",
        data={"version": item.version, "decision": "approve", "decision_document": "88/UBND-TH"},
    )
    assert response.status_code == 302
    item = fresh(item)
    assert (item.deadline, item.original_deadline) == (date(2027, 3, 31), date(2025, 12, 31))
    page = office.get(f"/items/{item.id}").text
    assert "31/03/2027" in page and "88/UBND-TH" in page
    assert "standing-in_progress" in page.split("<h1")[1].split("</p>")[0]


def test_leader_decides_extensions_but_nothing_else(login, item_by_code, fresh):
    client = login("leader@tracker.demo")
    inbox = client.get("/office/inbox").text
    assert 'id="inbox-extensions"' in inbox and 'id="inbox-submissions"' not in inbox
    item = item_by_code("NV-LV-04")  # a demo request
    request = db.session.scalar(select(ExtensionRequest).where(ExtensionRequest.item_id == item.id))
    response = client.post(
        f"/items/{item.id}/extensions/{request.id}",
        data={"version": item.version, "decision": "reject", "note": "Không đủ căn cứ."},
    )
    assert response.status_code == 302
    assert fresh(item).deadline == date(2025, 12, 31)
    submitted = item_by_code("NV-C-02")
    assert client.get(f"/items/{submitted.id}/review").status_code == 403


def test_measured_value_on_a_target(login, item_by_code, fresh):
    item = item_by_code("CQS-2030-02-TTHC")  # a target led by stttt
    client = login("officer.stttt@tracker.demo")
    count = len(item.measurements)
    response = client.post(
        f"/items/{item.id}/measurements",
        data={
            "version": item.version,
            "value": "55.5",
            "measured_on": "2026-11-20",
            "source": "Báo cáo 30/BC-STTTT",
        },
    )
    assert response.status_code == 302
    item = fresh(item)
    assert len(item.measurements) == count + 1
    assert (
        db.session.scalar(
            select(Measurement.source)
            .where(Measurement.item_id == item.id)
            .order_by(Measurement.id.desc())
        )
        == "Báo cáo 30/BC-STTTT"
    )
    page = client.get(f"/items/{item.id}").text
    assert 'id="target-progress"' in page and "55,5" in page


def test_office_creates_an_item(login, item_by_code):
    syt = item_by_code("NV-LV-01").lead_agency_id
    client = login(OFFICE)
    assert client.get("/items/new").status_code == 200
    response = client.post(
        "/items/new",
        data={
            "code": "NV-MOI-01",
            "kind": "task",
            "title": "Triển khai nền tảng hội nghị truyền hình",
            "lead_agency_id": str(syt),
            "coordinating_agency_ids": [],
            "deadline": "2027-06-30",
            "target_comparison": "at_least",
        },
    )
    assert response.status_code == 302
    created = item_by_code("NV-MOI-01")
    assert created.lead_agency.code == "syt" and created.original_deadline == date(2027, 6, 30)
    assert "NV-MOI-01" in login(HEAD).get("/agency/").text


def test_evidence_is_served_only_to_those_who_see_the_item(
    login, item_by_code, sample, upload, fresh
):
    item = item_by_code("NV-LV-01")
    head = login(HEAD)
    head.post(
        f"/items/{item.id}/progress",
        data={
            "version": item.version,
            "progress": "60",
            "text": "Kèm ảnh.",
            "files": [upload(sample("png"), "anh chup.png")],
        },
    )
    attachment = db.session.scalar(select(Attachment).where(Attachment.item_id == item.id))
    url = f"/items/{item.id}/files/{attachment.id}"
    with head.get(url) as response:
        assert response.status_code == 200 and response.data == sample("png")
        assert "anh chup.png" in response.headers["Content-Disposition"]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    with login(OFFICE).get(url) as response:
        assert response.status_code == 200
    assert login("head.sdl@tracker.demo").get(url).status_code == 404
    other = item_by_code("NV-C-01")
    assert head.get(f"/items/{other.id}/files/{attachment.id}").status_code == 404


def test_the_inbox_lists_the_oldest_of_each_section_and_counts_them_all(login, monkeypatch):
    """A national office has thousands of requests waiting: the oldest are listed, all counted."""
    client = login(OFFICE)
    whole = client.get("/office/inbox").text
    submitted = re.findall(r'href="/items/(\d+)/review"', whole)
    assert len(submitted) >= 2
    monkeypatch.setattr("tracker.inbox.queries.SHOWN", 1)
    page = client.get("/office/inbox").text
    section = page.split('id="inbox-submissions"')[1].split("</ul>")[0]
    assert re.findall(r'href="/items/(\d+)/review"', section) == submitted[:1]  # the oldest
    heading = page.split('id="inbox-submissions"')[0].rsplit("<h2", 1)[1]
    assert f">{len(submitted)}</span>" in heading
    assert f"1 mục cũ nhất trong {len(submitted)}" in page  # Vietnamese first
    total = re.search(r"(\d+) (?:decisions? to take|việc cần quyết định)", whole)
    assert total and total.group(0) in page  # the decisions to take are all counted
