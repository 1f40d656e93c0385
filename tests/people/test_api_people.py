"""/api/v1/users and /api/v1/audit: the administrator's integrations."""

import pytest

from tracker.accounts.login import new_api_token
from tracker.database import db

from .conftest import ADMIN, HEAD, OFFICE, user


@pytest.fixture
def api(app):
    """api(email) -> a client and the headers carrying that person's API token."""

    def make(email: str):
        token = new_api_token(user(email))
        db.session.commit()
        return app.test_client(), {"Authorization": f"Bearer {token}"}

    return make


def test_the_administrator_lists_people_with_the_pages_filters(api):
    client, headers = api(ADMIN)
    found = client.get("/api/v1/users?agency=syt&role=head", headers=headers).get_json()
    assert [u["email"] for u in found["users"]] == [HEAD] and found["total"] == 1
    assert found["users"][0]["agency"] == "syt" and found["users"][0]["active"] is True
    assert client.get("/api/v1/users?role=king", headers=headers).status_code == 400


@pytest.mark.parametrize("email", [OFFICE, HEAD])
def test_nobody_else_reaches_people_or_the_log(api, email):
    client, headers = api(email)
    assert client.get("/api/v1/users", headers=headers).status_code == 403
    assert client.get("/api/v1/audit", headers=headers).status_code == 403
    body = {"name": "X", "email": "x@tracker.demo", "role": "viewer"}
    assert client.post("/api/v1/users", json=body, headers=headers).status_code == 403
    assert user("x@tracker.demo") is None


def test_opening_and_deactivating_an_account(api):
    client, headers = api(ADMIN)
    body = {"name": "Đặng Văn Tâm", "email": "tam.dv@stc.gov.vn", "role": "officer",
            "agency": "stc", "invite": False}  # fmt: skip
    created = client.post("/api/v1/users", json=body, headers=headers)
    assert created.status_code == 201 and created.get_json()["agency"] == "stc"
    again = client.post("/api/v1/users", json=body, headers=headers)
    assert again.status_code == 400 and "email" in again.get_json()["errors"]
    unknown = client.post("/api/v1/users", json={**body, "email": "b@x.vn", "agency": "zz"},
                          headers=headers)  # fmt: skip
    assert unknown.status_code == 400 and user("b@x.vn") is None
    tam = user("tam.dv@stc.gov.vn")
    done = client.post(f"/api/v1/users/{tam.id}/deactivate", headers=headers)
    assert done.status_code == 200 and done.get_json()["active"] is False
    own = client.post(f"/api/v1/users/{user(ADMIN).id}/deactivate", headers=headers)
    assert own.status_code == 403 and user(ADMIN).active
    assert client.post("/api/v1/users/999999/deactivate", headers=headers).status_code == 404


def test_the_audit_log_in_the_api(api, login):
    login(HEAD)
    client, headers = api(ADMIN)
    head_id = user(HEAD).id
    found = client.get(f"/api/v1/audit?what=accounts&actor={head_id}", headers=headers).get_json()
    assert found["total"] >= 1 and {e["verb"] for e in found["entries"]} == {"login"}
    assert client.get("/api/v1/audit?since=2026-02-30", headers=headers).status_code == 400
    assert client.get("/api/v1/audit").status_code == 401
