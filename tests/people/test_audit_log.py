"""/admin/audit: changes to people, agencies, policies and periods, sign-ins and item history,
with who, when, from where, before and after; filtered, exported, never written from the web."""

import csv
import io

import pytest
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Agency, AuditEvent

from .conftest import ADMIN, HEAD, ROLES, YES, user


@pytest.mark.parametrize("email", ROLES)
def test_only_the_administrator_reads_the_log(login, viewer, email):
    expected = 200 if email == ADMIN else 403
    client = login(email)
    assert client.get("/admin/audit").status_code == expected
    assert client.get("/admin/audit?format=csv").status_code == expected


def test_nothing_in_the_log_can_be_written_from_the_web(login):
    client = login(ADMIN)
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/admin/audit").status_code == 405
    rules = client.application.url_map.iter_rules()
    audit = [r for r in rules if r.rule.startswith("/admin/audit")]
    assert audit and all(r.methods <= {"GET", "HEAD", "OPTIONS"} for r in audit)


def test_sign_ins_and_failed_sign_ins_are_logged_with_the_address(app, login):
    app.test_client().post(
        "/login", data={"email": HEAD, "password": "wrong-one"},
        environ_base={"REMOTE_ADDR": "203.0.113.7"},
    )  # fmt: skip
    login(HEAD)
    failed = db.session.scalar(select(AuditEvent).where(AuditEvent.verb == "login_failed"))
    assert failed.note == HEAD and failed.address == "203.0.113.7" and failed.actor_id is None
    signed = db.session.scalar(select(AuditEvent).where(AuditEvent.verb == "login"))
    assert signed.actor_id == user(HEAD).id
    page = login(ADMIN).get("/admin/audit?what=accounts").text
    assert "203.0.113.7" in page and "Đăng nhập không thành công" in page


def test_changes_made_by_any_code_are_caught_with_before_and_after(app):
    agency = db.session.scalar(select(Agency).where(Agency.code == "syt"))
    old = agency.name
    agency.name = "Sở Y tế tỉnh Gia Lai"
    db.session.commit()
    event = db.session.scalar(
        select(AuditEvent)
        .where(AuditEvent.subject_type == "agencies")
        .order_by(AuditEvent.id.desc())
    )
    assert event.verb == "updated" and event.subject_id == agency.id
    assert event.changes == {"name": [old, "Sở Y tế tỉnh Gia Lai"]}
    assert event.actor_id is None  # no request: the system


def test_secrets_are_never_written_to_the_log(app, login):
    client = login(HEAD)
    client.post("/me/token", data=YES)
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.subject_type == "users").order_by(AuditEvent.id.desc())
    )
    assert event.changes["api_token_hash"] == [None, "••••"]


def test_the_log_merges_item_history_and_filters_by_who_what_and_when(login, item_by_code):
    office = login("office@tracker.demo")
    item = item_by_code("NV-LV-01")
    commented = office.post(f"/items/{item.id}/comments", data={"body": "Đề nghị Sở báo cáo sớm."})
    assert commented.status_code == 302
    admin = login(ADMIN)
    office_id = user("office@tracker.demo").id
    everything = admin.get("/admin/audit").text
    assert f'href="/items/{item.id}"' in everything
    items_only = admin.get(f"/admin/audit?what=work_items&actor={office_id}").text.split(
        'id="audit"'
    )[1]
    assert "Đề nghị Sở báo cáo sớm." in items_only and "Đăng nhập" not in items_only
    logins = admin.get(f"/admin/audit?what=accounts&actor={office_id}").text
    assert "Đăng nhập" in logins.split('id="audit"')[1]
    none = admin.get("/admin/audit?since=2030-01-01").text
    assert "Không có mục nào khớp với bộ lọc." in none


@pytest.mark.parametrize(
    "query",
    [
        "what=nothing",
        "actor=abc",
        "actor=999999",
        "since=2026-13-01",
        "since=2026-12-02&until=2026-12-01",
        "page=0",
        "format=pdf",
        "subject=99999999999",
    ],
)
def test_bad_filters_are_a_400(login, query):
    assert login(ADMIN).get(f"/admin/audit?{query}").status_code == 400


def test_the_log_exports_as_csv_and_excel(login):
    admin = login(ADMIN)
    response = admin.get("/admin/audit?what=accounts&format=csv")
    assert response.status_code == 200 and "text/csv" in response.content_type
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert any(ADMIN in row for row in rows) and any("Đăng nhập" in row for row in rows)
    xlsx = admin.get("/admin/audit?format=xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"


def test_a_user_created_through_the_page_is_logged_as_created_by_the_admin(login):
    login(ADMIN).post("/admin/users/new", data={
        "name": "Lê Văn C", "email": "c@tracker.demo", "role": "viewer", "agency": ""})  # fmt: skip
    created = user("c@tracker.demo")
    event = db.session.scalar(
        select(AuditEvent).where(
            AuditEvent.subject_id == created.id,
            AuditEvent.verb == "created",
            AuditEvent.subject_type == "users",
        )  # fmt: skip
    )
    assert event.actor_id == user(ADMIN).id and event.changes["email"] == [None, "c@tracker.demo"]
    assert event.changes["password_hash"] == [None, "••••"]
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) > 1
