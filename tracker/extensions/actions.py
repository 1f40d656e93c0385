"""Extension requests (gia hạn): the lead agency's head asks, the office or the leader decides.

The deadline in force moves on approval; the original deadline never does. Every request and
decision is in the item's history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from tracker.access import commit, load_item, require
from tracker.clock import local_today, now_utc
from tracker.database import db
from tracker.domain.extensions import (
    ExtensionRefused,
    RefusalCode,
    RequestBlock,
    is_late_request,
    request_block,
    validate_proposed_deadline,
)
from tracker.domain.workflow import Status
from tracker.evidence import files as uploads
from tracker.evidence.files import IncomingFile
from tracker.history.changes import apply, display, record
from tracker.history.periods import open_period
from tracker.models import ExtensionRequest, User, WorkItem
from tracker.notifications import events
from tracker.permissions import ItemAction
from tracker.refusals import Conflict, Invalid, NotFound
from tracker.workdays.store import working_calendar

REFUSAL_MESSAGES = {
    RefusalCode.NOT_AFTER_CURRENT: _l("The new deadline must be after the current deadline."),
    RefusalCode.IN_PAST: _l("The new deadline cannot be in the past."),
}
BLOCK_MESSAGES = {
    RequestBlock.NOT_BEING_WORKED_ON: _l(
        "An extension can be requested only while the item is being worked on."
    ),
    RequestBlock.ALREADY_PENDING: _l(
        "An extension request for this item is already waiting for a decision."
    ),
}


@dataclass(frozen=True)
class ExtensionInput:
    proposed_deadline: date
    reason: str
    files: Sequence[IncomingFile] = ()


def pending_request(item_id: int) -> ExtensionRequest | None:
    return db.session.scalar(
        select(ExtensionRequest).where(
            ExtensionRequest.item_id == item_id, ExtensionRequest.status == "pending"
        )
    )


def withdraw_pending(item: WorkItem) -> None:
    """A refused or cancelled item has no deadline left to extend: its request lapses."""
    request = pending_request(item.id)
    if request is not None:
        request.status = "withdrawn"


def _check_date(current: date | None, proposed: date, today: date, error=Invalid) -> None:
    try:
        validate_proposed_deadline(current, proposed, today)
    except ExtensionRefused as refused:
        message = str(REFUSAL_MESSAGES[refused.code])
        raise error(message, {"proposed_deadline": [message]}) from None


def check_requestable(item: WorkItem) -> None:
    """Conflict unless the item may get a new request now (open, and none pending)."""
    block = request_block(Status(item.status), pending_request(item.id) is not None)
    if block is not None:
        raise Conflict(str(BLOCK_MESSAGES[block]))


def request_extension(
    user: User, item_id: int, version: int | None, data: ExtensionInput
) -> ExtensionRequest:
    """The lead agency's head (or a deputy) asks for a new deadline; a request after the lead
    time is flagged late."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.REQUEST_EXTENSION, version)
    check_requestable(item)
    today = local_today()
    _check_date(item.deadline, data.proposed_deadline, today)
    if not data.reason.strip():
        message = _("Give the reason for the extension.")
        raise Invalid(message, {"reason": [message]})
    files = uploads.check(data.files)
    with uploads.stored(files) as saved:
        request = ExtensionRequest(
            item_id=item.id,
            requested_by_id=user.id,
            requested_on=today,
            current_deadline=item.deadline,
            proposed_deadline=data.proposed_deadline,
            reason=data.reason.strip(),
            is_late=_is_late(item, today),
            created_at=now_utc(),
            attachments=uploads.attachments(saved, item.id, user.id),
        )
        db.session.add(request)
        changes = {"proposed_deadline": [display(item.deadline), display(data.proposed_deadline)]}
        record(item, user, "extension_requested", today, changes, request.reason)
        events.announce_extension_requested(item, user, data.proposed_deadline)
        commit()
    return request


def _is_late(item: WorkItem, today: date) -> bool:
    """After the lead time, in the office's working days (an item without deadline: never)."""
    if item.deadline is None:
        return False
    lead_days = current_app.config["EXTENSION_LEAD_WORKING_DAYS"]
    return is_late_request(today, item.deadline, working_calendar(), lead_days)


@dataclass(frozen=True)
class Decision:
    approve: bool
    decision_document: str | None = None  #: number of the approving document, e.g. 1234/UBND-TH
    note: str | None = None
    #: Another date than the one asked for: not later (an approval in part). None: as asked.
    granted_deadline: date | None = None


def _pending_of(item: WorkItem, request_id: int) -> ExtensionRequest:
    request = db.session.get(ExtensionRequest, request_id)
    if request is None or request.item_id != item.id:
        raise NotFound(_("There is no such extension request on this item."))
    if request.status != "pending":
        raise Conflict(_("This extension request has already been decided."))
    return request


def decide_extension(
    user: User, item_id: int, request_id: int, version: int | None, decision: Decision
) -> ExtensionRequest:
    """Approve (the deadline in force moves, the original stays) or reject a pending request."""
    item = load_item(user, item_id)
    require(user, item, ItemAction.DECIDE_EXTENSION, version)
    request = _pending_of(item, request_id)
    document = (decision.decision_document or "").strip()
    note = (decision.note or "").strip()
    if decision.approve and not document:
        message = _("Give the number of the document that approves the extension.")
        raise Invalid(message, {"decision_document": [message]})
    if not decision.approve and not note:
        message = _("Say why the extension is rejected.")
        raise Invalid(message, {"note": [message]})
    today = local_today()
    if decision.approve:
        _approve(item, request, user, document, note, today, decision.granted_deadline)
    else:
        request.status = "rejected"
        record(item, user, "extension_rejected", today, {}, note)
    request.decided_by, request.decided_on = user, today
    request.decision_note = note or None
    granted = request.granted_deadline if decision.approve else None
    events.announce_extension_decided(
        item, user, request.requested_by, request.proposed_deadline, granted, note
    )
    commit()
    return request


def _granted(item, request, granted: date | None, today: date) -> date:
    """The date approved: as asked, or an earlier one still after the deadline in force."""
    if granted is None or granted == request.proposed_deadline:
        # The deadline may have moved since the request (an earlier approval, an edit).
        _check_date(item.deadline, request.proposed_deadline, today, error=Conflict)
        return request.proposed_deadline
    if granted > request.proposed_deadline:
        message = _("The deadline granted cannot be later than the one asked for.")
        raise Invalid(message, {"granted_deadline": [message]})
    try:
        validate_proposed_deadline(item.deadline, granted, today)
    except ExtensionRefused as refused:
        message = str(REFUSAL_MESSAGES[refused.code])
        raise Invalid(message, {"granted_deadline": [message]}) from None
    return granted


def _approve(
    item, request, user, document: str, note: str, today: date, granted: date | None = None
) -> None:
    deadline = _granted(item, request, granted, today)
    changes = apply(item, deadline=deadline)
    item.original_deadline = item.original_deadline or deadline
    request.status, request.decision_document = "approved", document
    request.granted_deadline = deadline
    changes["decision_document"] = [None, document]
    if deadline != request.proposed_deadline:  # approved in part: the history says so
        changes["proposed_deadline"] = [display(request.proposed_deadline), display(deadline)]
    record(item, user, "extension_approved", today, changes, note)
    open_period(item, "extension", today, request.requested_by, request.reason, user, document)
