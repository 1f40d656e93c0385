"""What the office may not record: each refusal is a clear Vietnamese message with a 4xx, and
nothing is written; a forged or stale preview is not confirmed; agencies' people get 403."""

from datetime import date

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.models import WorkItem
from tracker.models.items import CLOSED_STATUSES
from tracker.reorganisation.apply import apply_event
from tracker.reorganisation.events import EventRequest

from .conftest import DAY, agency, fingerprint_of, written

LATER = date(2026, 9, 1)


def _merge_stc_first() -> None:
    apply_event(EventRequest("merge", DAY, ("stc",), ("skhcn",)), None, date(2026, 11, 25))


def _child_of_syt() -> None:
    apply_event(EventRequest("reparent", DAY, ("bvdk",), new_parent="syt"), None,
                date(2026, 11, 25))  # fmt: skip


REFUSALS = [
    # A successor that no longer exists on the day.
    ("merge", {"predecessors": ["sgddt"], "successor": "stc", "on": LATER.isoformat()},
     _merge_stc_first, "không còn tồn tại"),
    # An agency succeeding itself.
    ("merge", {"predecessors": ["syt", "sct"], "successor": "syt"}, None, "tự kế thừa"),
    # A parent under its own child.
    ("reparent", {"agency": "syt", "new_parent": "bvdk"}, "child", "vòng lặp"),
    # Before an event already recorded for the agency.
    ("rename", {"agency": "skhcn", "new_name": "Sở KH&CN", "on": "2026-07-15"},
     _merge_stc_first, "theo thứ tự"),
    # A split leaving open items without a successor.
    ("split", {"agency": "skhcn", "successors": ["syt", "sct"]}, None,
     "chưa có cơ quan kế thừa"),
    # After today.
    ("merge", {"predecessors": ["stc"], "successor": "skhcn", "on": "2026-12-01"}, None,
     "sau ngày hôm nay"),
    # Inside a closed reporting period.
    ("merge", {"predecessors": ["stc"], "successor": "skhcn", "on": "2026-03-01"}, None,
     "đã khóa"),
    # An incomplete form.
    ("merge", {"predecessors": [], "successor": "skhcn"}, None, "Chọn các cơ quan sáp nhập"),
    ("merge", {"predecessors": ["stc"], "successor": ""}, None, "nhập mã và tên"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "data", "before", "says"), REFUSALS,
                         ids=[f"{r[0]}-{r[3]}" for r in REFUSALS])  # fmt: skip
@pytest.mark.parametrize("action", ["preview", "confirm"])
def test_a_refused_event_says_why_and_writes_nothing(office, kind, data, before, says, action):
    if before == "child":
        from tracker.models import Agency

        db.session.add(Agency(code="bvdk", name="Bệnh viện Đa khoa tỉnh", parent=agency("syt")))
        db.session.commit()
    elif before:
        before()
    state = written()
    form = {"on": DAY.isoformat(), "note": "QĐ 1", **data, "action": action,
            "fingerprint": "0" * 64}  # fmt: skip
    response = office.post(f"/admin/reorganisation/{kind}", data=form)
    assert 400 <= response.status_code < 500
    assert says in response.text
    assert 'id="confirm-button"' not in response.text
    assert written() == state


def _merge() -> dict:
    return {"predecessors": ["stc"], "successor": "skhcn", "on": DAY.isoformat(),
            "note": "QĐ 12/QĐ-UBND"}  # fmt: skip


def test_a_preview_made_stale_by_a_change_of_the_data_is_not_confirmed(office):
    shown = office.post("/admin/reorganisation/merge", data={**_merge(), "action": "preview"})
    seen = fingerprint_of(shown.text)
    # Meanwhile stc is asked to coordinate one more open item: it would move too.
    item = db.session.scalar(
        select(WorkItem).where(WorkItem.lead_agency_id == agency("syt").id,
                               WorkItem.status.notin_(CLOSED_STATUSES)).limit(1)
    )  # fmt: skip
    item.coordinating_agencies.append(agency("stc"))
    db.session.commit()
    state = written()
    stale = office.post("/admin/reorganisation/merge",
                        data={**_merge(), "action": "confirm", "fingerprint": seen})  # fmt: skip
    assert stale.status_code == 409 and "xác nhận lại" in stale.text
    assert written() == state
    fresh = fingerprint_of(stale.text)  # the new preview offers to confirm what holds now
    assert fresh != seen
    done = office.post("/admin/reorganisation/merge",
                       data={**_merge(), "action": "confirm", "fingerprint": fresh})  # fmt: skip
    assert done.status_code == 302 and agency("stc").existing_until == DAY


@pytest.mark.parametrize(
    "forged",
    [
        {"fingerprint": "f" * 64},
        {"fingerprint": ""},
        {"predecessors": ["stc", "sgddt"]},  # more than the preview showed
        {"note": "another reason"},
    ],
)
def test_a_forged_preview_is_not_confirmed(office, forged):
    shown = office.post("/admin/reorganisation/merge", data={**_merge(), "action": "preview"})
    data = {**_merge(), "action": "confirm", "fingerprint": fingerprint_of(shown.text), **forged}
    state = written()
    response = office.post("/admin/reorganisation/merge", data=data)
    assert response.status_code == 409
    assert written() == state


def test_another_persons_preview_is_not_confirmed(office, login):
    shown = office.post("/admin/reorganisation/merge", data={**_merge(), "action": "preview"})
    data = {**_merge(), "action": "confirm", "fingerprint": fingerprint_of(shown.text)}
    state = written()
    assert login("admin@tracker.demo").post("/admin/reorganisation/merge",
                                            data=data).status_code == 409  # fmt: skip
    assert written() == state


@pytest.mark.parametrize("email", ["head.stc@tracker.demo", "officer.stc@tracker.demo",
                                   "leader@tracker.demo"])  # fmt: skip
def test_agencies_people_and_leaders_get_403(login, email):
    client = login(email)
    state = written()
    for kind in ("merge", "split", "dissolve", "rename", "reparent"):
        url = f"/admin/reorganisation/{kind}"
        assert client.get(url).status_code == 403
        assert client.post(url, data={**_merge(), "action": "confirm"}).status_code == 403
    assert client.get("/admin/reorganisation").status_code == 403
    assert client.get(f"/admin/reorganisation/agencies/{agency('stc').id}").status_code == 403
    assert written() == state


def test_the_forms_carry_a_csrf_token_and_refuse_a_post_without_it(app, office):
    app.config["WTF_CSRF_ENABLED"] = True
    page = office.get("/admin/reorganisation/merge").text
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    state = written()
    refused = office.post("/admin/reorganisation/merge", data={**_merge(), "action": "preview"})
    assert refused.status_code == 400 and written() == state
    shown = office.post("/admin/reorganisation/merge",
                        data={**_merge(), "action": "preview", "csrf_token": token})  # fmt: skip
    assert shown.status_code == 200 and 'name="csrf_token"' in shown.text
    data = {**_merge(), "action": "confirm", "fingerprint": fingerprint_of(shown.text)}
    assert office.post("/admin/reorganisation/merge", data=data).status_code == 400
    assert written() == state
    done = office.post("/admin/reorganisation/merge", data={**data, "csrf_token": token})
    assert done.status_code == 302 and agency("stc").existing_until == DAY
