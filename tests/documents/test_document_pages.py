"""The documents: recording one with its file, its page, the reconciliation and its export,
the item list filtered by document; every route walked as every role."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from tests.workers import statements_of
from tracker.database import db
from tracker.models import Plan, WorkItem

OFFICE = "office@tracker.demo"
ROLES = {
    "admin": "admin@tracker.demo",
    "office": OFFICE,
    "leader": "leader@tracker.demo",
    "head": "head.syt@tracker.demo",
    "officer": "officer.syt@tracker.demo",
}
PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def config_overrides(tmp_path):
    return {"UPLOAD_FOLDER": str(tmp_path / "uploads")}


def document_form(**changes) -> dict:
    return {
        "doc_type": "thong_bao_ket_luan",
        "number": "300/TB-VPUB",
        "issued_on": "2026-10-02",
        "issuer": "UBND tỉnh Bình Định",
        "title": "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp về chuyển đổi số",
        "signer": "Nguyễn Văn A",
        "assigning_leader": "Chủ tịch UBND tỉnh",
        "summary": "Giao các sở triển khai.",
        **changes,
    }


def test_the_office_records_a_document_with_its_file(login):
    client = login(OFFICE)
    response = client.post(
        "/documents/new",
        data=document_form(file=(io.BytesIO(PDF), "ket-luan.pdf")),
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    document = db.session.scalar(select(Plan).where(Plan.number == "300/TB-VPUB"))
    assert (document.doc_type, document.signer, document.issued_on) == (
        "thong_bao_ket_luan", "Nguyễn Văn A", date(2026, 10, 2))  # fmt: skip
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "Chủ tịch UBND tỉnh" in page and "ket-luan.pdf" in page
    download = client.get(f"/documents/{document.id}/file")
    body = download.data
    download.close()  # the response streams the stored file
    assert body == PDF and "ket-luan.pdf" in download.headers["Content-Disposition"]


def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_recorded(login):
    response = login(OFFICE).post(
        "/documents/new",
        data=document_form(file=(io.BytesIO(b"not a pdf"), "ket-luan.pdf")),
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert db.session.scalar(select(Plan).where(Plan.number == "300/TB-VPUB")) is None


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"number": "59/kh-ubnd"}, "mang số này"),
        ({"number": "không số"}, "59/KH-UBND"),
        ({"title": ""}, "trích yếu"),
        ({"issued_on": "31/02/2026"}, ""),
    ],
)
def test_a_bad_document_is_refused(login, changes, words):
    before = db.session.scalar(select(func.count(Plan.id)))
    response = login(OFFICE).post("/documents/new", data=document_form(**changes))
    assert response.status_code == 400
    assert words in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Plan.id))) == before


def test_the_office_completes_plan_59(login):
    plan = db.session.scalar(select(Plan).where(Plan.number == "59/KH-UBND"))
    form = document_form(number="59/KH-UBND", doc_type="ke_hoach", issued_on="2022-04-25",
                         title=plan.title, issuer=plan.issuer, signer="Chủ tịch")  # fmt: skip
    response = login(OFFICE).post(f"/documents/{plan.id}/edit", data=form)
    assert response.status_code == 302
    db.session.refresh(plan)
    assert plan.signer == "Chủ tịch" and plan.assigning_leader == "Chủ tịch UBND tỉnh"


def test_the_reconciliation_counts_each_document_s_items_and_exports(login):
    client = login("leader@tracker.demo")
    page = client.get("/documents/").get_data(as_text=True)
    items = db.session.scalars(
        select(WorkItem).join(Plan, WorkItem.plan_id == Plan.id).where(Plan.number == "59/KH-UBND")
    ).all()
    parents = {item.parent_id for item in items}
    # Each piece of work once: an item with sub-items is counted through them.
    total = sum(1 for item in items if item.status != "cancelled" and item.id not in parents)
    assert f'document=59/KH-UBND">{total}</a>' in page
    response = client.get("/documents/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    values = [cell.value for line in sheet.iter_rows() for cell in line]
    assert any(isinstance(v, str) and v.startswith("59/KH-UBND") for v in values)
    assert total in values


def test_the_item_list_filters_by_document(login):
    client = login(OFFICE)
    client.post("/documents/new", data=document_form())
    empty = client.get("/items/?document=300/TB-VPUB").get_data(as_text=True)
    assert "No item matches these filters." in empty or "Không có" in empty
    plan59 = client.get("/items/?document=59/KH-UBND")
    assert plan59.status_code == 200
    assert client.get("/items/?document=1/XX").status_code == 400


@pytest.mark.parametrize("role", list(ROLES))
def test_every_route_as_every_role(login, role):
    client = login(ROLES[role])
    plan = db.session.scalar(select(Plan).where(Plan.number == "59/KH-UBND"))
    office = role in ("office", "admin")
    follows = role in ("office", "admin", "leader")
    assert client.get("/documents/").status_code == 200
    assert client.get(f"/documents/{plan.id}").status_code == 200
    assert client.get("/documents/9999").status_code == 404
    assert client.get(f"/documents/{plan.id}/file").status_code == 404  # no file yet
    assert client.get("/documents/?format=xlsx").status_code == (200 if follows else 403)
    assert client.get("/documents/new").status_code == (200 if office else 403)
    assert client.get(f"/documents/{plan.id}/edit").status_code == (200 if office else 403)
    assert client.post("/documents/new", data=document_form()).status_code == (
        302 if office else 403
    )
    assert client.get("/annex/").status_code == (200 if office else 403)
    assert client.get(f"/annex/documents/{plan.id}.xlsx").status_code == (200 if office else 403)


def test_the_reconciliation_is_counted_once_until_an_item_changes(app, login, item_by_code):
    """Everyone who sees every item reads one count per day; a write counts it again."""
    client = login("office@tracker.demo")
    before = client.get("/documents/").text
    with statements_of(app) as statements:
        assert client.get("/documents/").text == before
    assert not any("GROUP BY" in sql and "work_items" in sql for sql in statements)
    item = item_by_code("NV-C-02")  # of 59/KH-UBND, submitted in the demo: not yet done
    item.status, item.completed_on = "cancelled", None
    item.cancelled_on = item.assigned_on
    db.session.commit()
    total = re.search(r'document=59/KH-UBND">(\d+)</a>', before).group(1)
    after = client.get("/documents/").text
    assert f'document=59/KH-UBND">{int(total) - 1}</a>' in after
