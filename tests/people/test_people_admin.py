"""/admin/users: every page as every role, creating, editing, deactivating, inviting; the
refusals say why and write nothing."""

from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import AuditEvent, User

from .conftest import ADMIN, HEAD, OFFICER, ROLES, YES, link_token, user

PAGES = ("/admin/users", "/admin/users/new", "/admin/users/import")


def _person(**changes) -> dict:
    return {
        "name": "Trần Thị Bình",
        "email": "binh.tt@syt.binhdinh.gov.vn",
        "phone": "0256 3822 000",
        "title": "Chuyên viên",
        "role": "officer",
        "agency": "syt",
        **changes,
    }


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


@pytest.mark.parametrize("email", ROLES)
def test_only_the_administrator_opens_the_people_pages(login, viewer, user_by_email, email):
    client = login(email)
    target = user_by_email(OFFICER).id
    urls = [*PAGES, f"/admin/users/{target}/edit", f"/admin/users/{target}/deactivate"]
    expected = 200 if email == ADMIN else 403
    for url in urls:
        assert client.get(url).status_code == expected, url
    for url in (f"/admin/users/{target}/invite", f"/admin/users/{target}/reactivate",
                "/admin/users/import/confirm"):  # fmt: skip
        assert client.post(url).status_code in ((400, 302) if email == ADMIN else (403,)), url
    assert user_by_email(OFFICER).active


def test_anonymous_is_sent_to_sign_in(client):
    for url in PAGES:
        assert client.get(url).status_code == 302


def test_search_ignores_diacritics_and_filters_combine(login):
    client = login(ADMIN)
    page = client.get("/admin/users?q=so y te").text
    assert "head.syt@tracker.demo" not in page or "Sở Y tế" in page
    found = client.get("/admin/users?q=syt&role=head").text
    assert "head.syt@tracker.demo" in found and "officer.syt@tracker.demo" not in found
    by_agency = client.get("/admin/users?agency=syt").text
    assert "officer.syt@tracker.demo" in by_agency and "head.stc@tracker.demo" not in by_agency
    assert client.get("/admin/users?role=nobody").status_code == 400
    assert client.get("/admin/users?page=0").status_code == 400


def test_name_search_without_diacritics(login, user_by_email):
    name = user_by_email(HEAD).name
    plain = name.lower().translate(
        str.maketrans("ởếạảăâđôơưáàãíìéèóòúùýỳ", "oeaaaadoouaaaiieeoouuyy")
    )
    assert HEAD in login(ADMIN).get("/admin/users", query_string={"q": plain}).text


def test_the_administrator_opens_an_account_and_the_invitation_goes_out(login, outbox):
    client = login(ADMIN)
    response = client.post("/admin/users/new", data={**_person(), "invite": "y"})
    assert response.status_code == 302
    created = user("binh.tt@syt.binhdinh.gov.vn")
    assert created.agency.code == "syt" and created.role == "officer" and created.active
    assert created.phone == "0256 3822 000" and created.title == "Chuyên viên"
    assert [m.recipients for m in outbox] == [["binh.tt@syt.binhdinh.gov.vn"]]
    token = link_token(outbox[0])
    assert len(token) > 30
    # Nobody knows the password until the invitation is followed.
    anonymous = client.application.test_client()
    assert anonymous.get(f"/password/reset/{token}").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "OFFICE@tracker.demo"}, "email"),
        ({"agency": "no-such-agency"}, "agency"),
        ({"role": "emperor"}, "role"),
        ({"role": "head", "agency": ""}, "agency"),
        ({"name": ""}, "name"),
        ({"email": "not an email"}, "email"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_written(login, outbox, changes, field):
    before = _count()
    response = login(ADMIN).post("/admin/users/new", data=_person(**changes))
    assert response.status_code == 400
    assert 'class="invalid-feedback' in response.text
    assert _count() == before and outbox == []


def test_editing_saves_and_the_audit_log_keeps_before_and_after(login, user_by_email):
    officer = user_by_email(OFFICER)
    response = login(ADMIN).post(
        f"/admin/users/{officer.id}/edit",
        data=_person(email=OFFICER, name="Người mới", agency="stc"),
        environ_base={"REMOTE_ADDR": "10.1.2.3"},
    )
    assert response.status_code == 302
    db.session.refresh(officer)
    assert officer.name == "Người mới" and officer.agency.code == "stc"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.subject_id == officer.id, AuditEvent.verb == "updated")
    )
    assert event.actor_id == user_by_email(ADMIN).id and event.address == "10.1.2.3"
    assert event.changes["name"][1] == "Người mới" and event.subject_type == "users"


def test_nobody_changes_their_own_role(login, user_by_email):
    admin = user_by_email(ADMIN)
    response = login(ADMIN).post(
        f"/admin/users/{admin.id}/edit", data=_person(email=ADMIN, role="office", agency="")
    )
    assert response.status_code == 403
    db.session.refresh(admin)
    assert admin.role == "admin"


def test_the_last_administrator_stays_one(app, login, user_by_email):
    admin = user_by_email(ADMIN)
    second = User(email="admin2@tracker.demo", name="Quản trị 2", role="admin")
    second.set_password("demo1234")
    db.session.add(second)
    db.session.commit()
    client = login("admin2@tracker.demo")
    # With two administrators one may be demoted; then the other is the last.
    data = _person(email=ADMIN, role="office", agency="", name=admin.name)
    assert client.post(f"/admin/users/{admin.id}/edit", data=data).status_code == 302
    db.session.refresh(admin)
    assert admin.role == "office"
    # admin2 is the last administrator: nobody may deactivate or demote them (not even
    # themselves, who may not touch their own role or account anyway).
    assert client.post(f"/admin/users/{second.id}/deactivate", data=YES).status_code == 403
    db.session.refresh(second)
    assert second.active and second.role == "admin"


def test_demoting_or_deactivating_the_last_active_administrator_is_refused(app, user_by_email):
    from tracker.refusals import Invalid
    from tracker.users.actions import Person, deactivate, update_user

    admin = user_by_email(ADMIN)
    # The pages never let an administrator act on their own role or account, so the rule is
    # reached by another actor: here one standing for a command run on the server.
    leaving = SimpleNamespace(id=-1, role="admin", is_authenticated=True)
    with pytest.raises(Invalid):
        update_user(leaving, admin, Person(admin.name, ADMIN, "viewer"))
    db.session.rollback()
    with pytest.raises(Invalid):
        deactivate(leaving, admin)
    db.session.rollback()
    admin = user_by_email(ADMIN)
    assert admin.role == "admin" and admin.active


def test_deactivating_lists_open_items_then_ends_every_session(login, user_by_email, item_by_code):
    head = user_by_email(HEAD)
    item = item_by_code("NV-LV-01")
    item.responsible_id = head.id
    db.session.commit()
    their_client = login(HEAD)
    admin = login(ADMIN)
    page = admin.get(f"/admin/users/{head.id}/deactivate").text
    assert "NV-LV-01" in page and 'id="deactivate-form"' in page
    assert admin.post(f"/admin/users/{head.id}/deactivate", data=YES).status_code == 302
    db.session.refresh(head)
    assert not head.active
    assert their_client.get("/agency/").status_code == 302  # signed out
    assert (
        their_client.post("/login", data={"email": HEAD, "password": "demo1234"}).status_code == 401
    )
    # History stays: the item still names them.
    db.session.refresh(item)
    assert item.responsible_id == head.id
    verbs = db.session.scalars(
        select(AuditEvent.verb).where(AuditEvent.subject_id == head.id)
    ).all()
    assert "deactivated" in verbs
    assert admin.post(f"/admin/users/{head.id}/reactivate", data=YES).status_code == 302
    db.session.refresh(head)
    assert head.active and login(HEAD).get("/agency/").status_code == 200


def test_a_deactivated_person_gets_no_invitation(login, user_by_email, outbox):
    officer = user_by_email(OFFICER)
    client = login(ADMIN)
    client.post(f"/admin/users/{officer.id}/deactivate", data=YES)
    client.post(f"/admin/users/{officer.id}/invite", data=YES)
    assert outbox == []
    assert client.post(f"/admin/users/{officer.id}/reactivate", data=YES).status_code == 302
    client.post(f"/admin/users/{officer.id}/invite", data=YES)
    assert [m.recipients for m in outbox] == [[OFFICER]]


def test_unknown_people_are_404(login):
    client = login(ADMIN)
    assert client.get("/admin/users/999999/edit").status_code == 404
    assert client.post("/admin/users/999999/deactivate", data=YES).status_code == 404


def test_the_people_list_pages_in_name_order_and_searches_as_fold_does(app):
    """The database pages and searches the list: page after page, a search lists the people
    whose folded name, address, title or phone holds every word typed, in name order."""
    from tracker.domain.text import fold
    from tracker.users.queries import UserFilters, list_users

    everyone = list_users(UserFilters(None, None, None, None), 1, 1000)
    assert everyone.total == len(everyone.rows) > 10
    names = [(user.name, user.id) for user in everyone.rows]
    assert names == sorted(names)
    for typed in ("tracker.demo", "SỞ", "thu truong", "head syt", "chuyen vien y"):
        words = fold(typed).split()
        expected = [
            u.id for u in everyone.rows
            if all(w in fold(f"{u.name} {u.email} {u.title or ''} {u.phone or ''}") for w in words)
        ]  # fmt: skip
        assert expected, typed
        for page in (1, 2, 3):
            searched = list_users(UserFilters(typed, None, None, None), page, 4)
            assert searched.total == len(expected)
            assert [u.id for u in searched.rows] == expected[(page - 1) * 4 : page * 4]
