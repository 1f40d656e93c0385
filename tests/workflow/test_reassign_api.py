"""Reassigning through the API and reading an item's dated history."""

import pytest

from tracker.accounts.login import new_api_token
from tracker.database import db
from tracker.models import WorkItem


@pytest.fixture
def token(user_by_email):
    def make(email: str) -> dict:
        value = new_api_token(user_by_email(email))
        db.session.commit()
        return {"Authorization": f"Bearer {value}"}

    return make


def test_reassign_then_read_the_history(client, token, item_by_code):
    item = item_by_code("NV-LV-01")
    office = token("office@tracker.demo")
    body = {"agency": "skhcn", "deadline": "2027-03-31", "reason": "QĐ 88/QĐ-UBND giao lại",
            "effective": "2026-11-02"}  # fmt: skip
    response = client.post(f"/api/v1/items/{item.id}/reassign", json=body, headers=office)
    assert response.status_code == 200, response.json
    assert (response.json["lead_agency"]["code"], response.json["deadline"]) == (
        "skhcn",
        "2027-03-31",
    )
    history = client.get(f"/api/v1/items/{item.id}/history", headers=office).json
    last, before = history["assignment"][-1], history["assignment"][-2]
    assert (last["kind"], last["valid_from"], last["valid_until"]) == (
        "reassignment",
        "2026-11-02",
        None,
    )
    assert (last["lead_agency"]["code"], last["deadline"]) == ("skhcn", "2027-03-31")
    assert (last["reason"], last["changed_by"]) == ("QĐ 88/QĐ-UBND giao lại", "office@tracker.demo")
    assert (before["lead_agency"]["code"], before["valid_until"]) == ("syt", "2026-11-02")
    assert history["changes"][-1]["verb"] == "reassigned"
    assert history["original_deadline"] == item.original_deadline.isoformat()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"agency": "khong-co", "reason": "x"}, "agency"),
        ({"agency": "skhcn"}, "reason"),
        ({"agency": "skhcn", "reason": "x", "effective": "2026-12-01"}, "effective"),
        ({"agency": "skhcn", "reason": "x", "effective": "2026-05-01"}, "effective"),
        ({"agency": "skhcn", "reason": "x", "deadline": "hôm qua"}, "deadline"),
    ],
)
def test_a_bad_reassignment_is_refused_and_writes_nothing(client, token, item_by_code, body, field):
    item = item_by_code("NV-LV-01")
    response = client.post(
        f"/api/v1/items/{item.id}/reassign", json=body, headers=token("office@tracker.demo")
    )
    assert response.status_code == 400
    assert field in response.json["errors"]
    db.session.expire_all()
    assert db.session.get(WorkItem, item.id).lead_agency.code == "syt"


def test_only_the_office_reassigns(client, token, item_by_code):
    item = item_by_code("NV-LV-01")
    response = client.post(
        f"/api/v1/items/{item.id}/reassign",
        json={"agency": "skhcn", "reason": "x"},
        headers=token("head.syt@tracker.demo"),
    )
    assert response.status_code == 403
    assert db.session.get(WorkItem, item.id).lead_agency.code == "syt"


def test_the_item_page_shows_each_change_of_deadline_with_reason_and_approver(
    client, login, item_by_code, user_by_email
):
    from tracker.extensions import actions as extensions

    item = item_by_code("NV-LV-01")
    request = extensions.pending_request(item.id)
    extensions.decide_extension(
        user_by_email("office@tracker.demo"), item.id, request.id, item.version,
        extensions.Decision(approve=True, decision_document="77/VP-TH", note=""),
    )  # fmt: skip
    page = login("office@tracker.demo").get(f"/items/{item.id}").get_data(as_text=True)
    table = page[page.index('id="assignment-history"') :]
    assert "Gia hạn" in table and "77/VP-TH" in table and request.reason in table
    assert "deadline-changed" in table
