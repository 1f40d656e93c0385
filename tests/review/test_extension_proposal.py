"""The extension's three steps: the agency's head asks, the office specialist proposes, the
leader decides with the approving document's number."""

from datetime import timedelta

from sqlalchemy import select

from tracker.database import db
from tracker.extensions.actions import ExtensionInput, request_extension
from tracker.models import Activity, ExtensionRequest, Notification, Sector, User

from .conftest import person

HEAD, OFFICE, LEADER = "head.syt@tracker.demo", "office@tracker.demo", "leader@tracker.demo"


def ask(item):
    wanted = item.deadline + timedelta(days=30)
    return request_extension(
        person(HEAD), item.id, item.version, ExtensionInput(wanted, "Chờ phân bổ kinh phí")
    )


def test_the_office_proposes_and_the_leader_decides_with_the_document(make_item, login):
    item = make_item()
    item.sector_id = db.session.scalar(select(Sector.id).order_by(Sector.id))
    db.session.commit()
    request = ask(item)
    proposed = request.proposed_deadline - timedelta(days=10)
    office = login(OFFICE)
    url = f"/items/{item.id}/extensions/{request.id}"
    assert 'id="propose"' in office.get(url).text
    response = office.post(
        f"{url}/proposal",
        data={"version": item.version, "deadline": proposed.isoformat(), "note": "Đề xuất 20 ngày"},
    )
    assert response.status_code == 302
    told = db.session.scalars(
        select(Notification).where(
            Notification.event == "extension_proposed", Notification.actor_id == person(OFFICE).id
        )
    ).all()
    assert [row.recipient.email for row in told] == [LEADER]
    assert told[0].params["proposed"] == proposed.isoformat()
    leader = login(LEADER)
    page = leader.get(url).text
    assert 'id="extension-proposal"' in page and proposed.isoformat() in page
    db.session.refresh(item)
    response = leader.post(
        url,
        data={
            "version": item.version,
            "decision": "approve",
            "decision_document": "88/UBND-KT",
            "granted_deadline": proposed.isoformat(),
        },
    )
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.status == "approved" and request.decision_document == "88/UBND-KT"
    assert request.decided_by.email == LEADER and request.granted_deadline == proposed
    verbs = db.session.scalars(
        select(Activity.verb).where(Activity.item_id == item.id).order_by(Activity.id)
    ).all()
    assert verbs[-3:] == ["extension_requested", "extension_proposed", "extension_approved"]


def test_a_proposal_later_than_asked_or_by_the_leader_is_refused(make_item, login):
    item = make_item()
    request = ask(item)
    url = f"/items/{item.id}/extensions/{request.id}/proposal"
    later = (request.proposed_deadline + timedelta(days=1)).isoformat()
    response = login(OFFICE).post(url, data={"version": item.version, "deadline": later})
    assert response.status_code == 400
    soon = request.proposed_deadline.isoformat()
    response = login(LEADER).post(url, data={"version": item.version, "deadline": soon})
    assert response.status_code == 403
    assert db.session.scalar(select(Activity).where(Activity.verb == "extension_proposed")) is None
    assert db.session.get(ExtensionRequest, request.id).status == "pending"


def test_only_the_head_or_a_deputy_requests_an_extension(make_item, login, app):
    """The first of the three steps is the head's: the focal officer and staff are refused
    with a message saying who asks, nothing is written, and their page says so instead of
    offering the button."""
    item = make_item()
    item.responsible_id = person("staff.syt@tracker.demo").id  # given to the staff member
    db.session.commit()
    url = f"/items/{item.id}/extensions/new"
    data = {"version": item.version, "proposed_deadline": "2027-03-31", "reason": "Chờ vốn."}
    for email in ("officer.syt@tracker.demo", "staff.syt@tracker.demo"):
        client = login(email)
        assert client.get(url).status_code == 403
        refused = client.post(url, data=data)
        assert refused.status_code == 403
        assert "Đề nghị gia hạn do thủ trưởng (hoặc cấp phó) cơ quan chủ trì gửi" in refused.text
        page = client.get(f"/items/{item.id}").text
        assert 'id="extension-by-head"' in page and url not in page
    assert (
        db.session.scalar(select(ExtensionRequest.id).where(ExtensionRequest.item_id == item.id))
        is None
    )
    assert db.session.scalar(select(Activity.id).where(Activity.item_id == item.id)) is None
    assert db.session.scalar(select(Notification.id).where(Notification.item_id == item.id)) is None
    # A deputy is a head account of the agency: they ask as the head does.
    deputy = User(
        email="deputy.syt@tracker.demo",
        name="Phó Giám đốc Sở Y tế",
        role="head",
        agency_id=item.lead_agency_id,
        password_hash=person(HEAD).password_hash,
    )
    db.session.add(deputy)
    db.session.commit()
    client = login(deputy.email)
    page = client.get(f"/items/{item.id}").text
    assert url in page and 'id="extension-by-head"' not in page
    assert client.post(url, data=data).status_code == 302
    request = db.session.scalar(select(ExtensionRequest).where(ExtensionRequest.item_id == item.id))
    assert request.requested_by.email == deputy.email and request.status == "pending"
