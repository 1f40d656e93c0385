"""Approving an extension with another date than asked: earlier only, noted as in part."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from tracker.database import db
from tracker.extensions.actions import Decision, ExtensionInput, decide_extension
from tracker.extensions.actions import request_extension as ask_extension
from tracker.models import Activity, ExtensionRequest
from tracker.refusals import Invalid

from .conftest import person


@pytest.fixture
def pending(open_item):
    wanted = open_item.deadline + timedelta(days=30)
    ask_extension(
        person("head.syt@tracker.demo"),
        open_item.id,
        open_item.version,
        ExtensionInput(wanted, "Chờ kinh phí"),
    )
    return db.session.scalar(
        select(ExtensionRequest).where(ExtensionRequest.item_id == open_item.id)
    )


def test_an_earlier_date_is_granted_and_the_partial_approval_noted(open_item, pending, login):
    granted = pending.proposed_deadline - timedelta(days=10)
    client = login("office@tracker.demo")
    url = f"/items/{open_item.id}/extensions/{pending.id}"
    response = client.post(
        url,
        data={
            "version": open_item.version,
            "decision": "approve",
            "decision_document": "15/UBND-TH",
            "granted_deadline": granted.isoformat(),
        },
    )
    assert response.status_code == 302
    db.session.refresh(open_item)
    db.session.refresh(pending)
    assert open_item.deadline == granted and pending.granted_deadline == granted
    approved = db.session.scalar(select(Activity).where(Activity.verb == "extension_approved"))
    assert approved.changes["proposed_deadline"] == [
        pending.proposed_deadline.isoformat(),
        granted.isoformat(),
    ]
    page = client.get(f"/items/{open_item.id}")
    assert 'id="partial-approval"' in page.text


def test_a_later_date_than_asked_is_refused_and_nothing_written(open_item, pending, login):
    before = open_item.deadline
    response = login("office@tracker.demo").post(
        f"/items/{open_item.id}/extensions/{pending.id}",
        data={
            "version": open_item.version,
            "decision": "approve",
            "decision_document": "15/UBND-TH",
            "granted_deadline": (pending.proposed_deadline + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400
    assert "không được muộn hơn ngày đề nghị" in response.text
    db.session.refresh(open_item)
    db.session.refresh(pending)
    assert open_item.deadline == before and pending.status == "pending"


def test_a_granted_date_not_after_the_deadline_is_refused(open_item, pending):
    with pytest.raises(Invalid) as refused:
        decide_extension(
            person("office@tracker.demo"),
            open_item.id,
            pending.id,
            open_item.version,
            Decision(True, "15/UBND-TH", granted_deadline=open_item.deadline),
        )
    assert "granted_deadline" in refused.value.errors
