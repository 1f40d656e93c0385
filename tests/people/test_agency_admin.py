"""/admin/agencies: the administrator and the office keep the list of agencies."""

import pytest
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Agency, AuditEvent

from .conftest import ADMIN, OFFICE, ROLES


def _agency(code: str) -> Agency | None:
    return db.session.scalar(select(Agency).where(Agency.code == code))


def _details(**changes) -> dict:
    return {"code": "sdlm", "name": "Sở Du lịch", "short_name": "SDL", "level": "department",
            "parent": "", "email": "sdl@binhdinh.gov.vn", **changes}  # fmt: skip


@pytest.mark.parametrize("email", ROLES)
def test_the_administrator_and_the_office_keep_the_list(login, viewer, email):
    client = login(email)
    syt = _agency("syt")
    expected = 200 if email in (ADMIN, OFFICE) else 403
    for url in ("/admin/agencies", "/admin/agencies/new", f"/admin/agencies/{syt.id}/edit"):
        assert client.get(url).status_code == expected, url
    assert client.post("/admin/agencies/new", data=_details()).status_code in (
        (302,) if expected == 200 else (403,)
    )


def test_the_list_counts_people_and_items_and_leads_to_reorganisations(login):
    page = login(OFFICE).get("/admin/agencies").text
    assert 'id="agency-syt"' in page and 'href="/admin/reorganisation"' in page
    row = page.split('id="agency-syt"')[1].split("</tr>")[0]
    assert 'href="/items/?agency=syt"' in row


def test_an_agency_is_created_and_edited(login):
    client = login(OFFICE)
    assert client.post("/admin/agencies/new", data=_details()).status_code == 302
    created = _agency("sdlm")
    assert created.name == "Sở Du lịch" and created.email == "sdl@binhdinh.gov.vn"
    parent = _agency("syt")
    edit = client.post(
        f"/admin/agencies/{created.id}/edit", data=_details(level="commune", parent="syt")
    )
    assert edit.status_code == 302
    db.session.refresh(created)
    assert created.level == "commune" and created.parent_id == parent.id
    logged = db.session.scalars(
        select(AuditEvent.verb)
        .where(AuditEvent.subject_type == "agencies", AuditEvent.subject_id == created.id)
        .order_by(AuditEvent.id)  # PostgreSQL returns rows in no set order without it
    ).all()
    assert logged == ["created", "updated"]


@pytest.mark.parametrize(
    "changes",
    [
        {"code": "syt"},
        {"code": "bad code!"},
        {"name": ""},
        {"level": "empire"},
        {"parent": "no-such"},
        {"email": "not-an-email"},
    ],
)
def test_bad_agencies_are_refused(login, changes):
    before = db.session.scalar(select(func.count()).select_from(Agency))
    assert login(ADMIN).post("/admin/agencies/new", data=_details(**changes)).status_code == 400
    assert db.session.scalar(select(func.count()).select_from(Agency)) == before


def test_an_agency_cannot_sit_under_itself(login):
    client = login(ADMIN)
    client.post("/admin/agencies/new", data=_details())
    client.post("/admin/agencies/new", data=_details(code="sdlm-1", name="Phòng", parent="sdlm"))
    top = _agency("sdlm")
    response = client.post(f"/admin/agencies/{top.id}/edit", data=_details(parent="sdlm-1"))
    assert response.status_code == 400
    db.session.refresh(top)
    assert top.parent_id is None
    assert client.get("/admin/agencies/99999/edit").status_code == 404
