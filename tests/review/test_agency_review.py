"""Approval inside the agency: the officer's submission waits for the head, who forwards it to
the office or sends it back; outsiders cannot; a reviewed submission cannot be withdrawn."""

import pytest
from sqlalchemy import func, select

from tracker.database import db
from tracker.models import Activity, Agency, Notification, ProgressReport
from tracker.refusals import Conflict, NotAllowed, NotFound
from tracker.workflow import actions as workflow
from tracker.workflow import review

from .conftest import DONE, person

HEAD, OFFICER, OFFICE = "head.syt@tracker.demo", "officer.syt@tracker.demo", "office@tracker.demo"


def told(event: str) -> list[str]:
    rows = db.session.scalars(select(Notification).where(Notification.event == event))
    return sorted(row.recipient.email for row in rows)


def submit(item, email=OFFICER):
    return workflow.submit(person(email), item.id, item.version, DONE)


def writes() -> int:
    return db.session.scalar(select(func.count()).select_from(Activity))


def test_the_officers_submission_waits_for_the_head(syt_reviews, make_item, login):
    item = make_item()
    submit(item)
    assert item.status == "in_progress" and item.completed_on is None
    assert review.waiting_review(item.id).author.email == OFFICER
    assert told("review_requested") == [HEAD] and told("submitted") == []
    page = login(OFFICER).get(f"/items/{item.id}")
    assert 'id="waits-for-head"' in page.text and 'id="forward"' not in page.text
    assert 'id="forward"' in login(HEAD).get(f"/items/{item.id}").text


def test_the_head_forwards_it_and_the_office_is_told(syt_reviews, make_item, login, today):
    item = make_item()
    submit(item)
    response = login(HEAD).post(
        f"/items/{item.id}/agency-review/forward", data={"version": item.version, "note": ""}
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.status == "submitted" and item.completed_on == today
    assert told("submitted") == [OFFICE]
    report = db.session.scalar(select(ProgressReport).where(ProgressReport.item_id == item.id))
    assert report.review_status == "forwarded" and report.reviewed_by.email == HEAD


def test_the_head_sends_it_back_with_a_reason(syt_reviews, make_item, login):
    item = make_item()
    submit(item)
    client = login(HEAD)
    url = f"/items/{item.id}/agency-review/send-back"
    assert client.post(url, data={"version": item.version, "reason": ""}).status_code == 400
    assert (
        client.post(url, data={"version": item.version, "reason": "Thiếu số liệu"}).status_code
        == 302
    )
    db.session.refresh(item)
    assert item.status == "in_progress" and review.waiting_review(item.id) is None
    assert told("sent_back") == [OFFICER] and told("submitted") == []


def test_no_one_outside_the_agency_forwards_and_nothing_is_written(syt_reviews, make_item, login):
    item = make_item()
    submit(item)
    before = writes()
    outsider = login("head.stc@tracker.demo")
    response = outsider.post(
        f"/items/{item.id}/agency-review/forward", data={"version": item.version}
    )
    assert response.status_code == 404
    response = login(OFFICER).post(
        f"/items/{item.id}/agency-review/forward", data={"version": item.version}
    )
    assert response.status_code == 403
    office = login(OFFICE).post(
        f"/items/{item.id}/agency-review/forward", data={"version": item.version}
    )
    assert office.status_code == 403
    with pytest.raises(NotFound):
        review.forward(person("head.stc@tracker.demo"), item.id, item.version)
    db.session.rollback()
    assert writes() == before and review.waiting_review(item.id) is not None


def test_a_second_submission_while_one_waits_is_refused(syt_reviews, make_item):
    item = make_item()
    submit(item)
    with pytest.raises(Conflict):
        submit(item)


def test_the_author_withdraws_a_waiting_submission(syt_reviews, make_item):
    item = make_item()
    submit(item)
    review.withdraw(person(OFFICER), item.id, item.version)
    assert review.waiting_review(item.id) is None and item.status == "in_progress"


def test_a_submission_to_the_office_is_withdrawn_until_reviewed(make_item, login):
    item = make_item()  # syt does not review inside (the tests' default): straight to the office
    submit(item)
    assert item.status == "submitted"
    client = login(OFFICER)
    assert (
        client.post(f"/items/{item.id}/withdraw", data={"version": item.version}).status_code == 302
    )
    db.session.refresh(item)
    assert item.status == "in_progress" and item.completed_on is None


def test_a_reviewed_submission_cannot_be_withdrawn_and_nothing_is_written(make_item, login):
    item = make_item()
    submit(item)
    workflow.confirm(person(OFFICE), item.id, item.version)
    before = writes()
    response = login(OFFICER).post(f"/items/{item.id}/withdraw", data={"version": item.version})
    assert response.status_code == 409
    db.session.refresh(item)
    assert item.status == "completed" and writes() == before


def test_the_head_submits_straight_to_the_office(syt_reviews, make_item):
    item = make_item()
    submit(item, HEAD)
    assert item.status == "submitted" and told("submitted") == [OFFICE]


def test_the_approval_is_off_for_an_agency_that_does_not_review(make_item):
    item = make_item()
    submit(item)
    assert item.status == "submitted" and told("review_requested") == []


def test_forwarding_needs_a_waiting_submission(syt_reviews, make_item):
    item = make_item()
    with pytest.raises(Conflict):
        review.forward(person(HEAD), item.id, item.version)
    with pytest.raises(NotAllowed):
        review.forward(person(OFFICER), item.id, item.version)


def test_the_office_turns_the_approval_on_for_an_agency(make_item, login):
    syt = db.session.scalar(select(Agency).where(Agency.code == "syt"))
    client = login(OFFICE)
    assert 'name="internal_review"' in client.get(f"/admin/agencies/{syt.id}/edit").text
    data = {"code": "syt", "name": syt.name, "short_name": "SYT", "level": "department",
            "parent": "", "email": "", "internal_review": "y"}  # fmt: skip
    assert client.post(f"/admin/agencies/{syt.id}/edit", data=data).status_code == 302
    db.session.refresh(syt)
    assert syt.internal_review is True
    item = make_item()
    submit(item)
    assert item.status == "in_progress" and told("review_requested") == [HEAD]


def test_the_approval_is_on_by_default_for_departments_only(app):
    """A new sở, ban, ngành reviews its submissions inside; a locality or another body does
    not until the office turns it on."""
    made = {kind: Agency(code=f"new-{kind}", name=f"Cơ quan {kind}", kind=kind)
            for kind in ("department", "locality", "other")}  # fmt: skip
    db.session.add_all(made.values())
    db.session.commit()
    assert {kind: agency.internal_review for kind, agency in made.items()} == {
        "department": True,
        "locality": False,
        "other": False,
    }
