"""Saved filters per person: named, pinned to the menu of every page, one's own only."""

from sqlalchemy import select

from tracker.database import db
from tracker.models import SavedFilter

from .conftest import person

OFFICE = "office@tracker.demo"


def test_a_filter_is_saved_pinned_and_shown_in_the_menu(login):
    client = login(OFFICE)
    page = client.get("/items/?standing=overdue&agency=syt").text
    assert 'id="save-filter-form"' in page
    response = client.post(
        "/filters/",
        data={"name": "Quá hạn SYT", "query": "standing=overdue&agency=syt&page=2", "pinned": "y"},
    )
    assert response.status_code == 302
    saved = db.session.scalar(select(SavedFilter))
    assert saved.query == "agency=syt&standing=overdue" and saved.pinned
    menu = client.get("/me").text.split('id="nav-filters"')[1].split("</li></ul>")[0]
    assert "Quá hạn SYT" in menu and "/items/?agency=syt&amp;standing=overdue" in menu
    assert client.post(f"/filters/{saved.id}/pin").status_code == 302
    assert 'id="nav-filters"' not in client.get("/me").text


def test_a_filter_listing_everything_or_unnamed_is_refused(login):
    client = login(OFFICE)
    assert client.post("/filters/", data={"name": "Tất cả", "query": "page=3"}).status_code == 400
    assert client.post("/filters/", data={"name": "", "query": "kind=task"}).status_code == 400
    assert db.session.scalar(select(SavedFilter)) is None


def test_nobody_pins_or_deletes_another_persons_filter(login):
    office = login(OFFICE)
    office.post("/filters/", data={"name": "Của tôi", "query": "kind=task"})
    saved = db.session.scalar(select(SavedFilter))
    other = login("head.syt@tracker.demo")
    assert other.post(f"/filters/{saved.id}/delete").status_code == 404
    assert other.post(f"/filters/{saved.id}/pin").status_code == 404
    assert db.session.get(SavedFilter, saved.id).user_id == person(OFFICE).id
    assert "Của tôi" not in other.get("/items/").text
    assert office.post(f"/filters/{saved.id}/delete").status_code == 302
    assert db.session.scalar(select(SavedFilter)) is None
