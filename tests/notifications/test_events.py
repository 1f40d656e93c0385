"""Every workflow event tells each person concerned exactly once, in the inbox, never the one
who acted, never someone who cannot see the item."""

from datetime import timedelta

from sqlalchemy import func, select

from tracker.assignments.actions import Assignment, update_assignment
from tracker.database import db
from tracker.extensions.actions import Decision, ExtensionInput, decide_extension
from tracker.extensions.actions import request_extension as ask_extension
from tracker.models import Agency, Notification
from tracker.workflow import actions as workflow
from tracker.workflow.comments import add_comment

from .conftest import DONE, person

OFFICE, HEAD, OFFICER = "office@tracker.demo", "head.syt@tracker.demo", "officer.syt@tracker.demo"


def told(item_id: int) -> list[tuple[str, str]]:
    """(recipient's email, event) of every notification about the item, in order."""
    rows = db.session.scalars(
        select(Notification).where(Notification.item_id == item_id).order_by(Notification.id)
    )
    return [(row.recipient.email, row.event) for row in rows]


def submit(item, email=OFFICER):
    return workflow.submit(person(email), item.id, item.version, DONE)


def test_a_submission_tells_the_office_once_and_not_the_submitter(open_item):
    submit(open_item)
    assert told(open_item.id) == [(OFFICE, "submitted")]


def test_a_confirmation_tells_the_lead_agency_each_person_once(open_item):
    submit(open_item)
    workflow.confirm(person(OFFICE), open_item.id, open_item.version)
    assert told(open_item.id)[1:] == [(HEAD, "confirmed"), (OFFICER, "confirmed")]


def test_a_return_tells_the_agency_with_the_reason(open_item):
    submit(open_item)
    workflow.return_submission(person(OFFICE), open_item.id, open_item.version, "Thiếu minh chứng")
    returned = db.session.scalars(
        select(Notification).where(Notification.event == "returned").order_by(Notification.id)
    ).all()
    assert [row.recipient.email for row in returned] == [HEAD, OFFICER]
    assert {row.params["reason"] for row in returned} == {"Thiếu minh chứng"}
    assert all(row.actor.email == OFFICE for row in returned)


def test_an_extension_is_asked_of_the_office_and_its_decision_told_with_the_date(open_item, today):
    wanted = open_item.deadline + timedelta(days=30)
    granted_on = open_item.deadline + timedelta(days=20)
    request = ask_extension(
        person(HEAD), open_item.id, open_item.version, ExtensionInput(wanted, "Chờ kinh phí")
    )
    assert told(open_item.id) == [(OFFICE, "extension_requested")]
    decide_extension(
        person(OFFICE),
        open_item.id,
        request.id,
        open_item.version,
        Decision(approve=True, decision_document="12/UBND-TH", granted_deadline=granted_on),
    )
    decided = told(open_item.id)[1:]
    assert decided == [(HEAD, "extension_decided"), (OFFICER, "extension_decided")]
    row = db.session.scalar(select(Notification).where(Notification.event == "extension_decided"))
    assert row.params["granted"] == granted_on.isoformat()
    assert row.params["proposed"] == wanted.isoformat()


def test_a_comment_tells_the_others_and_the_mentioned_by_mention_only(open_item):
    comment = add_comment(person(OFFICER), open_item.id, "Đề nghị @office xem giúp")
    assert sorted(told(open_item.id)) == [(HEAD, "commented"), (OFFICE, "mentioned")]
    assert comment.unreached == []


def test_a_mention_of_someone_who_cannot_see_the_item_tells_nobody_and_says_so(open_item, login):
    client = login(OFFICER)
    response = client.post(
        f"/items/{open_item.id}/comments",
        data={"body": "Chuyển @head.stc xem"},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "head.stc" not in {email.split("@")[0] for email, _ in told(open_item.id)}
    stc = person("head.stc@tracker.demo")
    assert "Không ai được thông báo" in response.text and stc.name in response.text
    count = select(func.count()).where(Notification.recipient_id == stc.id)
    assert db.session.scalar(count) == 0


def test_a_reassignment_tells_the_new_lead_and_the_old_one(open_item):
    stc = db.session.scalar(select(Agency).where(Agency.code == "stc"))
    update_assignment(
        person(OFFICE),
        open_item.id,
        open_item.version,
        Assignment(lead_agency_id=stc.id, deadline=open_item.deadline),
    )
    events = told(open_item.id)
    assert (HEAD, "reassigned_away") in events and (OFFICER, "reassigned_away") in events
    # Sở Tài chính's heads and focal officers: its own, and Sở KH&ĐT's, who joined it on
    # 1/3/2025 (the seed's reorganisation).
    answering = {
        f"{role}.{code}@tracker.demo" for role in ("head", "officer") for code in ("stc", "skhdt")
    }
    assert {email for email, event in events if event == "assigned"} == answering
    assert len(events) == len(set(events)) == 2 + len(answering)


def test_a_failed_action_tells_no_one(open_item):
    try:
        workflow.return_submission(person(OFFICE), open_item.id, open_item.version, "")
    except Exception:  # noqa: BLE001 - the refusal itself is tested elsewhere
        db.session.rollback()
    assert told(open_item.id) == []


def test_nobody_is_told_twice_of_one_event(open_item):
    submit(open_item)
    workflow.confirm(person(OFFICE), open_item.id, open_item.version)
    events = told(open_item.id)
    assert len(events) == len(set(events))
