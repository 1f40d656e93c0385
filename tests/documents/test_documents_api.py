"""Recording a document through the API (JSON, or multipart with its file), and the document
list's item counts and addresses."""

from __future__ import annotations

import io

import pytest
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Plan, WorkItem

from .test_document_pages import OFFICE, PDF, document_form


@pytest.fixture
def config_overrides(tmp_path):
    return {"UPLOAD_FOLDER": str(tmp_path / "uploads")}


def _plans() -> int:
    return db.session.scalar(select(func.count(Plan.id)))


def test_the_office_records_a_document_by_json(login):
    client = login(OFFICE)
    response = client.post("/api/v1/documents", json=document_form())
    assert response.status_code == 201, response.json
    body = response.json
    assert (body["number"], body["type"], body["issued_on"]) == (
        "300/TB-VPUB", "thong_bao_ket_luan", "2026-10-02")  # fmt: skip
    assert body["has_file"] is False and body["items"] == []
    assert response.headers["Location"].endswith(f"/api/v1/documents/{body['id']}")
    read = client.get(response.headers["Location"]).json
    assert read["signer"] == "Nguyễn Văn A" and read["items"] == []


def test_a_multipart_upload_records_the_document_with_its_file(login):
    client = login(OFFICE)
    response = client.post(
        "/api/v1/documents",
        data=document_form(number="12/CT-UBND", file=(io.BytesIO(PDF), "chi-thi.pdf")),
        content_type="multipart/form-data",
    )
    assert response.status_code == 201, response.json
    assert response.json["has_file"] is True
    download = client.get(f"/documents/{response.json['id']}/file")
    data = download.data
    download.close()
    assert data == PDF


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"number": "59/kh-ubnd"}, "number", "mang số này"),  # Plan 59 has it
        ({"number": "không số"}, "number", "59/KH-UBND"),
        ({"title": ""}, "title", "trích yếu"),
        ({"issued_on": "31/12/2025"}, "issued_on", "ngày"),
        ({"doc_type": "thu_tay"}, "doc_type", "không hợp lệ"),
        ({"issuer": "x" * 201}, "issuer", "200"),
    ],
)
def test_bad_input_is_a_400_with_field_errors_in_vietnamese(login, changes, field, words):
    before = _plans()
    response = login(OFFICE).post("/api/v1/documents", json=document_form(**changes))
    assert response.status_code == 400
    messages = " ".join(response.json["errors"][field]).lower()
    assert words.lower() in messages, response.json
    assert _plans() == before


def test_a_file_that_is_not_what_it_claims_is_the_file_field_s_error(login):
    before = _plans()
    response = login(OFFICE).post(
        "/api/v1/documents",
        data=document_form(file=(io.BytesIO(b"not a pdf"), "ket-luan.pdf")),
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "ket-luan.pdf" in response.json["errors"]["file"][0]
    assert _plans() == before


def test_a_body_that_is_not_an_object_is_refused(login):
    before = _plans()
    response = login(OFFICE).post("/api/v1/documents", json=["300/TB-VPUB"])
    assert response.status_code == 400
    assert _plans() == before


@pytest.mark.parametrize("email", ["leader@tracker.demo", "head.syt@tracker.demo"])
def test_only_the_office_and_the_administrator_record_documents(login, email):
    response = login(email).post("/api/v1/documents", json=document_form())
    assert response.status_code == 403
    assert db.session.scalar(select(Plan).where(Plan.number == "300/TB-VPUB")) is None
    assert (
        login("admin@tracker.demo").post("/api/v1/documents", json=document_form()).status_code
        == 201
    )


def test_the_list_counts_the_items_each_caller_sees_and_links_each_document(login):
    office = {d["number"]: d for d in login(OFFICE).get("/api/v1/documents").json["documents"]}
    head = {
        d["number"]: d
        for d in login("head.syt@tracker.demo").get("/api/v1/documents").json["documents"]
    }
    plan = db.session.scalar(select(Plan).where(Plan.number == "1520/QĐ-UBND"))
    count = select(func.count()).select_from(WorkItem).where(WorkItem.plan_id == plan.id)
    assert office["1520/QĐ-UBND"]["item_count"] == db.session.scalar(count) > 1
    # The Department of Health sees only its own item of the decision.
    assert head["1520/QĐ-UBND"]["item_count"] == 1
    url = head["1520/QĐ-UBND"]["url"]
    assert url == f"/api/v1/documents/{plan.id}"
    assert len(login("head.syt@tracker.demo").get(url).json["items"]) == 1
