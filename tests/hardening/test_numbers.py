"""Numbers too large for any decimal field: a clear 400 (or the refusal the user would get
anyway), never a 500, and nothing written."""

import pytest
from sqlalchemy import func, select

from tracker.accounts.login import new_api_token
from tracker.database import db
from tracker.models import Measurement, User, WorkItem

OFFICE = "office@tracker.demo"
VIEWER = "viewer@tracker.demo"
TARGET = "CQS-2030-02-TTHC"  # a target of stttt's
HUGE = [
    "1e26",
    "1e400",
    "-1e30",
    "1E+9999",
    "Infinity",
    "-Infinity",
    "NaN",
    "sNaN",
    "1e999999999999999999",
]
#: What the office reads for any of them: which numbers the field takes.
OUT_OF_RANGE = "Số không hợp lệ. Nhập một số từ -999.999.999.999,99 đến 999.999.999.999,99."


@pytest.fixture
def viewer(app):
    """A read-only account (the demo has none)."""
    user = User(email=VIEWER, name="Đoàn kiểm tra", role="viewer")
    user.set_password("demo1234")
    db.session.add(user)
    db.session.commit()
    return user


@pytest.fixture
def unchanged(app):
    """Call it after the requests: no measurement, no item and no version was written."""

    def counts():
        return (
            db.session.scalar(select(func.count()).select_from(Measurement)),
            db.session.scalar(select(func.count()).select_from(WorkItem)),
            db.session.scalar(select(func.sum(WorkItem.version))),
        )

    before = counts()

    def check() -> None:
        db.session.expire_all()
        assert counts() == before

    return check


def _measure(client, item: WorkItem, value: str):
    data = {"version": item.version, "value": value, "measured_on": "2026-11-01"}
    return client.post(f"/items/{item.id}/measurements", data=data)


def _new_target(client, value: str):
    data = {"code": "CT-MOI-09", "kind": "target", "title": "Chỉ tiêu mới",
            "target_value": value, "target_year": "2030"}  # fmt: skip
    return client.post("/items/new", data=data)


def _bearer(user_by_email, email: str) -> dict:
    value = new_api_token(user_by_email(email))
    db.session.commit()
    return {"Authorization": f"Bearer {value}"}


@pytest.mark.parametrize("value", HUGE)
def test_the_office_is_told_which_numbers_the_forms_take(login, item_by_code, unchanged, value):
    office = login(OFFICE)
    for response in (_measure(office, item_by_code(TARGET), value), _new_target(office, value)):
        assert response.status_code == 400, response.request.path
        assert OUT_OF_RANGE in response.text, response.request.path
    unchanged()


@pytest.mark.parametrize("value", HUGE)
def test_the_api_says_which_numbers_it_takes(client, user_by_email, item_by_code, unchanged, value):
    target = item_by_code(TARGET)
    response = client.post(
        f"/api/v1/items/{target.id}/measurements",
        json={"version": target.version, "value": value, "measured_on": "2026-11-01"},
        headers=_bearer(user_by_email, OFFICE),
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.json["errors"]["value"]
    unchanged()


@pytest.mark.parametrize("number", ["1e26", "1e400", "-1e30", "1E+9999"])
def test_the_api_takes_json_numbers_as_bounded(
    client, user_by_email, item_by_code, unchanged, number
):
    """A JSON number such as 1e400 arrives as a float (infinity): the same answer."""
    target = item_by_code(TARGET)
    body = f'{{"version": {target.version}, "value": {number}, "measured_on": "2026-11-01"}}'
    response = client.post(
        f"/api/v1/items/{target.id}/measurements",
        data=body,
        content_type="application/json",
        headers=_bearer(user_by_email, OFFICE),
    )
    assert response.status_code == 400
    assert OUT_OF_RANGE in response.json["errors"]["value"]
    unchanged()


@pytest.mark.parametrize("value", HUGE)
def test_a_viewer_is_refused_as_before_whatever_the_number(
    login, viewer, client, user_by_email, item_by_code, unchanged, value
):
    """A viewer may see the target but not measure it nor create items: the refusal comes
    first, as it does for a valid number."""
    target = item_by_code(TARGET)
    signed_in = login(VIEWER)
    api = client.post(
        f"/api/v1/items/{target.id}/measurements",
        json={"version": target.version, "value": value, "measured_on": "2026-11-01"},
        headers=_bearer(user_by_email, VIEWER),
    )
    statuses = (
        _measure(signed_in, target, value).status_code,
        _new_target(signed_in, value).status_code,
        api.status_code,
    )
    assert statuses == (403, 403, 403)
    unchanged()


TAKEN = ["999999999999.99", "-999999999999.99", "0.004", "1e3", "0E+99999", "1E-999999999"]


@pytest.mark.parametrize("value", TAKEN)
def test_numbers_within_the_range_are_taken(login, item_by_code, value):
    # A count of enterprises ("DN"): a share in per cent is further bounded by 0–100.
    target = item_by_code("KTS-2030-02-DNCNS")
    assert _measure(login(OFFICE), target, value).status_code == 302


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_number_field_is_no_number_given(login, item_by_code, value):
    """A browser sends every field of the form, the target's value empty for a task: the task
    is created (it was refused as "not a number")."""
    lead = item_by_code("NV-LV-01").lead_agency_id
    data = {"code": "NV-MOI-10", "kind": "task", "title": "Việc mới", "target_value": value,
            "target_year": "", "target_comparison": "at_least", "lead_agency_id": lead}  # fmt: skip
    assert login(OFFICE).post("/items/new", data=data).status_code == 302
    item = db.session.scalar(select(WorkItem).where(WorkItem.code == "NV-MOI-10"))
    assert item.target_value is None and item.lead_agency_id == lead
