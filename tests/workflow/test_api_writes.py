"""The API's write endpoints: the same use cases, permissions and validation as the forms."""

import io

import pytest
from sqlalchemy import select

from tracker.accounts.login import new_api_token
from tracker.database import db
from tracker.models import Attachment, ExtensionRequest


@pytest.fixture
def token(user_by_email):
    """token("head.syt@tracker.demo") -> a bearer header for that user."""

    def make(email: str) -> dict:
        value = new_api_token(user_by_email(email))
        db.session.commit()
        return {"Authorization": f"Bearer {value}"}

    return make


def test_progress_then_submission_by_token(client, token, item_by_code):
    item = item_by_code("NV-LV-01")
    head = token("head.syt@tracker.demo")
    response = client.post(
        f"/api/v1/items/{item.id}/progress",
        json={"version": item.version, "progress": 75, "text": "Đã kết nối 75%."},
        headers=head,
    )
    assert response.status_code == 200
    body = response.json
    assert (body["progress"], body["status"]) == (75, "in_progress")
    assert body["history"][-1]["verb"] == "progress"
    response = client.post(
        f"/api/v1/items/{item.id}/submit",
        data={
            "version": str(body["version"]),
            "text": "Đã hoàn thành.",
            "files": [(io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "bien-ban.pdf")],
        },
        headers=head,
    )
    assert response.status_code == 200
    assert (response.json["status"], response.json["completed_on"]) == ("submitted", "2026-11-25")
    assert db.session.scalar(select(Attachment.filename).where(Attachment.item_id == item.id)) == (
        "bien-ban.pdf"
    )


def test_office_confirms_and_returns_by_token(client, token, item_by_code):
    office = token("office@tracker.demo")
    first, second = item_by_code("NV-C-02"), item_by_code("NV-KTS-01")
    confirmed = client.post(
        f"/api/v1/items/{first.id}/confirm", json={"version": first.version}, headers=office
    )
    assert confirmed.status_code == 200 and confirmed.json["status"] == "completed"
    returned = client.post(
        f"/api/v1/items/{second.id}/return",
        json={"version": second.version, "reason": "Thiếu số liệu."},
        headers=office,
    )
    assert returned.status_code == 200 and returned.json["status"] == "returned"
    assert returned.json["completed_on"] is None


def test_extension_request_and_decision_by_token(client, token, item_by_code):
    item = item_by_code("NV-C-04")
    body = {"version": item.version, "proposed_deadline": "2027-03-31", "reason": "Chờ vốn."}
    url = f"/api/v1/items/{item.id}/extensions"
    # The head asks, not the focal officer (the regulation's path: head → office → leader).
    refused = client.post(url, json=body, headers=token("officer.stttt@tracker.demo"))
    assert refused.status_code == 403 and "thủ trưởng" in refused.json["message"]
    assert not db.session.scalars(
        select(ExtensionRequest).where(ExtensionRequest.item_id == item.id)
    ).all()
    requested = client.post(url, json=body, headers=token("head.stttt@tracker.demo"))
    assert requested.status_code == 201
    pending = requested.json["extension_requests"][-1]
    assert (pending["status"], pending["is_late"], pending["proposed_deadline"]) == (
        "pending",
        True,
        "2027-03-31",
    )
    decided = client.post(
        f"/api/v1/items/{item.id}/extensions/{pending['id']}/decision",
        json={
            "version": requested.json["version"],
            "decision": "approve",
            "decision_document": "77/UBND-TH",
        },
        headers=token("leader@tracker.demo"),
    )
    assert decided.status_code == 200
    assert (decided.json["deadline"], decided.json["original_deadline"]) == (
        "2027-03-31",
        "2025-12-31",
    )
    assert decided.json["standing"] == "in_progress"
    assert decided.json["extension_requests"][-1]["decision_document"] == "77/UBND-TH"


def test_measured_value_and_comment_by_token(client, token, item_by_code):
    target = item_by_code("CQS-2030-02-TTHC")
    measured = client.post(
        f"/api/v1/items/{target.id}/measurements",
        json={
            "version": target.version,
            "value": "62.5",
            "measured_on": "2026-11-24",
            "source": "Báo cáo tháng 11",
        },
        headers=token("head.stttt@tracker.demo"),
    )
    assert measured.status_code == 201
    assert (
        measured.json["measurements"].count(
            {
                "value": 62.5,
                "measured_on": "2026-11-24",
                "source": "Báo cáo tháng 11",
            }
        )
        == 1
    )
    coordinated = item_by_code("NV-C-01")
    comment = client.post(
        f"/api/v1/items/{coordinated.id}/comments",
        json={"body": "Sở Y tế đã gửi số liệu."},
        headers=token("officer.syt@tracker.demo"),
    )
    assert comment.status_code == 201
    assert comment.json["history"][-1]["verb"] == "commented"


@pytest.mark.parametrize(
    ("path", "body", "status", "field"),
    [
        ("progress", {"progress": 150, "text": "x"}, 400, "progress"),
        ("progress", {"progress": 10}, 400, "text"),
        ("submit", {"text": ""}, 400, "text"),
        ("extensions", {"proposed_deadline": "2027-13-01", "reason": "x"}, 409, None),
        ("comments", {"body": ""}, 400, "body"),
    ],
)
def test_bad_bodies_are_clear_json_errors(client, token, item_by_code, path, body, status, field):
    item = item_by_code("NV-LV-01")
    response = client.post(
        f"/api/v1/items/{item.id}/{path}",
        json={"version": item.version, **body},
        headers=token("head.syt@tracker.demo"),
    )
    assert response.status_code == status
    assert response.json["message"]
    if field:
        assert field in response.json["errors"]


def test_stale_version_is_a_409(client, token, item_by_code):
    item = item_by_code("NV-LV-01")
    response = client.post(
        f"/api/v1/items/{item.id}/progress",
        json={"version": item.version - 1, "progress": 10, "text": "Cũ."},
        headers=token("head.syt@tracker.demo"),
    )
    assert response.status_code == 409
    assert response.json["error"] == "Conflict"
    assert response.json["message"].startswith("Nhiệm vụ đã được người khác thay đổi")


def test_not_json_and_nested_values_are_refused(client, token, item_by_code):
    item = item_by_code("NV-LV-01")
    head = token("head.syt@tracker.demo")
    url = f"/api/v1/items/{item.id}/comments"
    broken = client.post(url, data="{not json", headers=head, content_type="application/json")
    assert broken.status_code == 400 and broken.json["message"] == "Hãy gửi một đối tượng JSON."
    nested = client.post(url, json={"body": {"text": "x"}}, headers=head)
    assert nested.status_code == 400
    listed = client.post(url, json=["x"], headers=head)
    assert listed.status_code == 400


def test_permissions_are_those_of_the_forms(client, token, item_by_code):
    item = item_by_code("NV-LV-01")
    body = {"version": item.version, "progress": 10, "text": "x"}
    url = f"/api/v1/items/{item.id}/progress"
    assert client.post(url, json=body).status_code == 401
    assert client.post(url, json=body, headers=token("office@tracker.demo")).status_code == 403
    other = token("head.sdl@tracker.demo")
    assert client.post(url, json=body, headers=other).status_code == 404
    request = db.session.scalar(select(ExtensionRequest).where(ExtensionRequest.item_id == item.id))
    decision = client.post(
        f"/api/v1/items/{item.id}/extensions/{request.id}/decision",
        json={"version": item.version, "decision": "approve", "decision_document": "1/UBND"},
        headers=token("head.syt@tracker.demo"),
    )
    assert decision.status_code == 403
    assert db.session.get(ExtensionRequest, request.id).status == "pending"


def test_session_clients_use_the_api_too(login, item_by_code):
    item = item_by_code("NV-C-01")
    response = login("head.syt@tracker.demo").post(
        f"/api/v1/items/{item.id}/comments", json={"body": "Qua phiên đăng nhập."}
    )
    assert response.status_code == 201


def test_openapi_describes_the_write_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    expected = {
        "/items/{item_id}/progress",
        "/items/{item_id}/submit",
        "/items/{item_id}/confirm",
        "/items/{item_id}/return",
        "/items/{item_id}/extensions",
        "/items/{item_id}/extensions/{request_id}/decision",
        "/items/{item_id}/measurements",
        "/items/{item_id}/comments",
    }
    assert expected <= set(paths)
    for path in expected:
        operation = paths[path]["post"]
        assert {"400", "401", "403", "404", "409"} <= set(operation["responses"])
        assert {"200", "201"} & set(operation["responses"])
        assert "requestBody" in operation
    progress = paths["/items/{item_id}/progress"]["post"]["requestBody"]["content"]
    schema = progress["application/json"]["schema"]
    assert schema["properties"]["progress"] == {"type": "integer", "minimum": 0, "maximum": 100}
    assert "version" in schema["required"]
    assert "multipart/form-data" in progress
