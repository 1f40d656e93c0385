"""Bulk actions on a selection from the item list: all of them, or none, with the offenders."""

from datetime import timedelta

from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Activity, Agency, Notification
from tracker.workflow import actions as workflow

from .conftest import DONE, person

OFFICE, HEAD = "office@tracker.demo", "head.syt@tracker.demo"


def selected(*items) -> list[str]:
    return [f"{item.id}:{item.version}" for item in items]


def history() -> int:
    return db.session.scalar(select(func.count()).select_from(Activity))


def test_the_office_changes_the_deadline_of_a_selection_with_a_reason(make_item, login, today):
    first, second = make_item("BK-01"), make_item("BK-02")
    new = today + timedelta(days=40)
    response = login(OFFICE).post(
        "/items/bulk",
        data={
            "action": "deadline",
            "deadline": new.isoformat(),
            "reason": "Quyết định 12/QĐ-UBND",
            "selected": selected(first, second),
        },
    )
    assert response.status_code == 302
    for item in (first, second):
        db.session.refresh(item)
        assert item.deadline == new and item.original_deadline == today.replace(day=28)
    told = db.session.scalars(select(Notification).where(Notification.event == "deadline_changed"))
    assert {row.item_id for row in told} == {first.id, second.id}


def test_one_offending_item_refuses_the_whole_selection_and_names_it(make_item, login):
    fine, submitted = make_item("BK-03"), make_item("BK-04", status="submitted")
    before = history()
    response = login(OFFICE).post(
        "/items/bulk",
        data={"action": "confirm", "selected": selected(fine, submitted)},
    )
    assert response.status_code == 409
    assert "BK-03" in response.text and "BK-04" not in response.text.split('id="offending"')[1]
    db.session.refresh(submitted)
    assert submitted.status == "submitted" and history() == before


def test_an_item_changed_meanwhile_refuses_the_selection(make_item, login):
    first, second = make_item("BK-05"), make_item("BK-06")
    stale = selected(first, second)
    second.title = "Đã sửa"
    db.session.commit()
    stc = db.session.scalar(select(Agency.id).where(Agency.code == "stc"))
    response = login(OFFICE).post(
        "/items/bulk", data={"action": "reassign", "lead_agency_id": stc, "selected": stale}
    )
    assert response.status_code == 409 and "BK-06" in response.text
    db.session.refresh(first)
    assert first.lead_agency.code == "syt"


def test_items_not_ones_own_refuse_the_selection_with_403(make_item, login):
    """An item of another agency, hidden from the head (named by its number only, not its
    code), or one the agency only coordinates: the whole selection is refused, 403."""
    mine, foreign = make_item("BK-07"), make_item("BK-08", agency_code="stc")
    coordinated = make_item("BK-12", agency_code="stc")
    coordinated.coordinating_agencies.append(mine.lead_agency)
    db.session.commit()
    staff_id = person("staff.syt@tracker.demo").id
    before = history()
    for other, named in ((foreign, f"#{foreign.id}"), (coordinated, "BK-12")):
        response = login(HEAD).post(
            "/items/bulk",
            data={"action": "delegate", "staff_id": staff_id, "selected": selected(mine, other)},
        )
        assert response.status_code == 403
        offending = response.text.split('id="offending"')[1].split("</ul>")[0]
        assert named in offending and "BK-07" not in offending
        assert "BK-08" not in response.text
    db.session.refresh(mine)
    assert mine.responsible.email == "officer.syt@tracker.demo" and history() == before


def test_the_head_gives_a_selection_to_staff(make_item, login):
    first, second = make_item("BK-09"), make_item("BK-10")
    staff = person("staff.syt@tracker.demo")
    response = login(HEAD).post(
        "/items/bulk",
        data={"action": "delegate", "staff_id": staff.id, "selected": selected(first, second)},
    )
    assert response.status_code == 302
    for item in (first, second):
        db.session.refresh(item)
        assert item.responsible_id == staff.id


def test_the_office_reminds_and_the_agency_is_told(make_item, login):
    item = make_item("BK-11")
    response = login(OFFICE).post(
        "/items/bulk", data={"action": "remind", "selected": selected(item)}
    )
    assert response.status_code == 302
    told = db.session.scalars(select(Notification).where(Notification.event == "reminded"))
    assert sorted(row.recipient.email for row in told) == [HEAD, "officer.syt@tracker.demo"]


def test_an_officer_has_no_bulk_action_and_the_list_offers_the_bar_to_the_office(login):
    officer = login("officer.syt@tracker.demo")
    assert officer.post("/items/bulk", data={"action": "remind"}).status_code == 403
    assert 'id="bulk-form"' not in officer.get("/items/").text
    page = login(OFFICE).get("/items/").text
    assert 'id="bulk-form"' in page and 'form="bulk-form"' in page and "data-confirm" in page


def test_the_office_reassigns_a_selection_and_confirms_another(make_item, login):
    office = login(OFFICE)
    moved = [make_item("BK-13"), make_item("BK-14")]
    stc = db.session.scalar(select(Agency).where(Agency.code == "stc"))
    response = office.post(
        "/items/bulk",
        data={
            "action": "reassign",
            "lead_agency_id": stc.id,
            "reason": "Quyết định 7/QĐ-UBND",
            "selected": selected(*moved),
        },
    )
    assert response.status_code == 302
    done = [make_item("BK-15"), make_item("BK-16")]
    for item in done:  # submitted by the agency, with what the completion rests on
        workflow.submit(person("officer.syt@tracker.demo"), item.id, item.version, DONE)
    response = office.post("/items/bulk", data={"action": "confirm", "selected": selected(*done)})
    assert response.status_code == 302
    for item in moved + done:
        db.session.refresh(item)
    assert [item.lead_agency.code for item in moved] == ["stc", "stc"]
    assert [item.status for item in done] == ["completed", "completed"]
    told = db.session.scalars(select(Notification).where(Notification.event == "confirmed"))
    assert {row.item_id for row in told} == {item.id for item in done}
